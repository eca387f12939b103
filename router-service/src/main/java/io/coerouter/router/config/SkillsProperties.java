package io.coerouter.router.config;

import io.coerouter.skills.classify.EmbeddingClassifierConfig;
import io.coerouter.skills.classify.KeywordClassifierConfig;
import io.coerouter.skills.classify.TrainedClassifierConfig;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The skill taxonomy and the query classifier.
 *
 * @param taxonomy the taxonomy YAML: {@code classpath:...} or a file path
 * @param classifier {@code trained} (heads fitted on the examples, the default), {@code embedding} (similarity with
 *     the examples) or {@code keywords} (an expert names the skills)
 * @param encoder the in-process sentence encoder: {@code bge-small} (default) or {@code minilm}
 * @param l2 the trained heads' L2 penalty
 * @param views whether the trained classifier also reads a question's stem and answer options, one head each
 * @param maxChars characters of a query embedded at most by the trained classifier
 * @param embeddingMode {@code knn} (k nearest examples per skill) or {@code centroid}
 * @param neighbours examples averaged per skill in {@code knn} mode
 * @param temperature softmax temperature turning similarities into probabilities
 * @param cacheSize query embeddings kept (LRU)
 * @param keywordExpert the expert asked for keywords ({@code keywords} mode)
 * @param keywordSamples how many times it is asked
 * @param keywordTemperature its sampling temperature
 * @param warmUp whether to load the embedding model and embed the taxonomy at start-up, in the background
 */
public record SkillsProperties(
        @DefaultValue("classpath:coe-demo-experts/skills.yaml") String taxonomy,
        @DefaultValue("trained") ClassifierKind classifier,
        @DefaultValue("bge-small") EncoderKind encoder,
        Double l2,
        Boolean views,
        Integer maxChars,
        @DefaultValue("knn") EmbeddingClassifierConfig.Mode embeddingMode,
        Integer neighbours,
        Double temperature,
        @DefaultValue("10000") int cacheSize,
        String keywordExpert,
        Integer keywordSamples,
        Double keywordTemperature,
        @DefaultValue("true") boolean warmUp) {

    /** The trained classifier's settings. */
    public TrainedClassifierConfig trainedConfig() {
        return trained(l2, views, maxChars);
    }

    /** The trained classifier's settings with its own defaults for the rest; a bad value is named under coe.skills. */
    private static TrainedClassifierConfig trained(double l2, boolean views, int maxChars) {
        TrainedClassifierConfig d = TrainedClassifierConfig.defaults();
        try {
            return new TrainedClassifierConfig(l2, d.epochs(), views, d.temperature(), maxChars);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("coe.skills: " + e.getMessage(), e);
        }
    }

    /**
     * Fills what is not set from the classifiers' own defaults ({@link EmbeddingClassifierConfig#defaults()}, {@link
     * TrainedClassifierConfig#defaults()}, {@link KeywordClassifierConfig#defaults()}), their one home.
     */
    public SkillsProperties {
        EmbeddingClassifierConfig embedding = EmbeddingClassifierConfig.defaults();
        KeywordClassifierConfig keywords = KeywordClassifierConfig.defaults();
        TrainedClassifierConfig trained = TrainedClassifierConfig.defaults();
        l2 = l2 != null ? l2 : trained.l2();
        views = views != null ? views : trained.views();
        maxChars = maxChars != null ? maxChars : trained.maxChars();
        trained(l2, views, maxChars); // checked at binding, so a bad value stops the start
        neighbours = neighbours != null ? neighbours : embedding.neighbours();
        temperature = temperature != null ? temperature : embedding.temperature();
        keywordSamples = keywordSamples != null ? keywordSamples : keywords.samples();
        keywordTemperature = keywordTemperature != null ? keywordTemperature : keywords.temperature();
    }
}
