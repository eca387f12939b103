package io.coerouter.router.skills.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.skills.discover.DiscoveredCluster;
import io.coerouter.skills.discover.Discovery;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /admin/skills/discover}: the skills found in unlabelled questions, for review or in force.
 *
 * @param questions how many questions were clustered
 * @param answered how many came with an answer (the evaluation set's size)
 * @param k the number of clusters (skills)
 * @param kChosenBy {@code given} or {@code silhouette}
 * @param silhouette the clustering's mean silhouette (-1 to 1; higher: better separated)
 * @param candidates each k tried and its silhouette, when k was chosen
 * @param clusters each skill's size, answered questions, distinctive terms and cohesion, largest first
 * @param taxonomy the proposed taxonomy, as {@code PUT /admin/skills} takes it
 * @param applied whether it is now in force on every replica
 * @param revision its revision when applied
 * @param evalSet the answered questions labelled by skill, as JSONL for {@code eval_set} of a profiling job
 * @param profileJob the profiling job started on it ({@code profile=true})
 */
record SkillsDiscovered(
        String object,
        int questions,
        int answered,
        int k,
        @JsonProperty("k_chosen_by") String kChosenBy,
        double silhouette,
        List<DiscoveryCandidate> candidates,
        List<DiscoveryCluster> clusters,
        SkillTaxonomy taxonomy,
        boolean applied,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long revision,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("eval_set") String evalSet,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("profile_job") ProfileJobView profileJob) {

    /** One k tried. */
    record DiscoveryCandidate(int k, double silhouette) {}

    /** One discovered skill's statistics. */
    record DiscoveryCluster(String id, int size, int answered, List<String> terms, double cohesion) {}

    static SkillsDiscovered of(Discovery d, Long revision, ProfileJobView job) {
        return new SkillsDiscovered(
                "coe.skills.discovery",
                d.assignments().size(),
                d.evalItems().size(),
                d.k(),
                d.chosenBy().name().toLowerCase(Locale.ROOT),
                round(d.silhouette()),
                d.candidates().stream()
                        .map(c -> new DiscoveryCandidate(c.k(), round(c.silhouette())))
                        .toList(),
                d.clusters().stream().map(SkillsDiscovered::cluster).toList(),
                d.taxonomy(),
                revision != null,
                revision,
                d.evalItems().isEmpty() ? null : d.evalSetJsonl(),
                job);
    }

    private static DiscoveryCluster cluster(DiscoveredCluster c) {
        return new DiscoveryCluster(c.id(), c.size(), c.answered(), c.terms(), round(c.cohesion()));
    }

    private static double round(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }
}
