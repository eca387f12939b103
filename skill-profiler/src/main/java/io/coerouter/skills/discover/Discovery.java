package io.coerouter.skills.discover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.coerouter.skills.profile.EvalItem;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.util.List;

/**
 * What a discovery found: the taxonomy (one skill per cluster, largest first), each cluster's statistics, how k was
 * chosen, which skill each question fell in, and the answered questions as an evaluation set labelled by skill.
 *
 * @param taxonomy the skills, in the order of {@link #clusters}
 * @param clusters each cluster's statistics, largest first
 * @param k the number of clusters
 * @param chosenBy whether k was given or chosen by the silhouette
 * @param silhouette the mean silhouette of the clustering (on the sample it is computed on; -1 to 1)
 * @param candidates every k tried with its silhouette, when k was chosen; empty when it was given
 * @param assignments the skill id of each question, in input order
 * @param evalItems the questions that came with an answer, labelled by their skill, in input order
 */
public record Discovery(
        SkillTaxonomy taxonomy,
        List<DiscoveredCluster> clusters,
        int k,
        KChoice chosenBy,
        double silhouette,
        List<Candidate> candidates,
        List<String> assignments,
        List<EvalItem> evalItems) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    /** How k was settled. */
    public enum KChoice {
        /** The caller gave it. */
        GIVEN,
        /** The k with the highest mean silhouette in the configured range (ties: the smaller k). */
        SILHOUETTE
    }

    /**
     * One k tried.
     *
     * @param k the number of clusters
     * @param silhouette its mean silhouette
     */
    public record Candidate(int k, double silhouette) {}

    public Discovery {
        clusters = List.copyOf(clusters);
        candidates = List.copyOf(candidates);
        assignments = List.copyOf(assignments);
        evalItems = List.copyOf(evalItems);
    }

    /**
     * The taxonomy as YAML ({@code skills: [{id, description, examples}]}), the format {@code PUT /admin/skills} and
     * {@code coe.skills.taxonomy} read, after {@code comment} lines (each prefixed with {@code # }; null: none).
     */
    public String taxonomyYaml(String comment) {
        StringBuilder out = new StringBuilder();
        if (comment != null) {
            comment.lines().forEach(line -> out.append("# ").append(line).append('\n'));
        }
        try {
            return out.append(YAML.writeValueAsString(taxonomy)).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the taxonomy could not be written as YAML", e);
        }
    }

    /**
     * The evaluation set as JSONL ({@code question}, {@code answer}, {@code skill} and {@code grader} when given), the
     * format profiling jobs read; empty when no question came with an answer.
     */
    public String evalSetJsonl() {
        StringBuilder out = new StringBuilder();
        for (EvalItem item : evalItems) {
            ObjectNode line = JSON.createObjectNode()
                    .put("question", item.question())
                    .put("answer", item.answer())
                    .put("skill", item.skills().getFirst());
            if (item.grader() != null) {
                line.put("grader", item.grader());
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
