package io.coerouter.skills.classify;

import io.coerouter.skills.embed.Embedder;
import io.coerouter.skills.taxonomy.Skill;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Classifies by embedding similarity with each skill's description and examples, embedded once up front. */
final class EmbeddingSkillClassifier implements SkillClassifier {

    private final SkillTaxonomy taxonomy;
    private final Embedder embedder;
    private final EmbeddingClassifierConfig config;
    private final List<String> ids;
    private final List<float[]> centroids = new ArrayList<>();
    private final List<List<float[]>> examples = new ArrayList<>();

    EmbeddingSkillClassifier(SkillTaxonomy taxonomy, Embedder embedder, EmbeddingClassifierConfig config) {
        this.taxonomy = java.util.Objects.requireNonNull(taxonomy, "taxonomy must not be null");
        this.embedder = java.util.Objects.requireNonNull(embedder, "embedder must not be null");
        this.config = java.util.Objects.requireNonNull(config, "config must not be null");
        this.ids = taxonomy.ids();
        for (Skill skill : taxonomy.skills()) {
            List<float[]> vectors = new ArrayList<>();
            vectors.add(embedder.embed(describe(skill)));
            skill.examples().forEach(e -> vectors.add(embedder.embed(e)));
            centroids.add(Embedder.centroid(vectors));
            examples.add(List.copyOf(vectors));
        }
    }

    /** The text that stands for a skill without examples: its id in words and its description. */
    static String describe(Skill skill) {
        return skill.id().replaceAll("[._-]", " ") + ": " + skill.description();
    }

    @Override
    public SkillTaxonomy taxonomy() {
        return taxonomy;
    }

    @Override
    public SkillClassification doClassify(String query) {
        float[] q = embedder.embed(query);
        double[] raw = new double[ids.size()];
        for (int s = 0; s < ids.size(); s++) {
            raw[s] = switch (config.mode()) {
                case CENTROID -> Embedder.cosine(q, centroids.get(s));
                case KNN -> nearestMean(q, examples.get(s), config.neighbours());
            };
        }
        return SkillClassification.softmax(
                "embedding-" + config.mode().name().toLowerCase(Locale.ROOT), ids, raw, config.temperature());
    }

    /** The skill whose centroid is nearest to {@code text}'s embedding (used to map keywords to skills). */
    int nearestCentroid(float[] v) {
        int best = 0;
        double bestSim = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < centroids.size(); s++) {
            double sim = Embedder.cosine(v, centroids.get(s));
            if (sim > bestSim) {
                bestSim = sim;
                best = s;
            }
        }
        return best;
    }

    List<String> ids() {
        return ids;
    }

    private static double nearestMean(float[] q, List<float[]> vectors, int k) {
        double[] sims = new double[vectors.size()];
        for (int i = 0; i < sims.length; i++) {
            sims[i] = Embedder.cosine(q, vectors.get(i));
        }
        Arrays.sort(sims);
        int n = Math.min(k, sims.length);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += sims[sims.length - 1 - i];
        }
        return sum / n;
    }
}
