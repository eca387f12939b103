package io.coerouter.router.config;

import io.coerouter.skills.classify.EmbeddingClassifierConfig;
import io.coerouter.skills.classify.KeywordClassifierConfig;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The skill taxonomy and the query classifier.
 *
 * @param taxonomy the taxonomy YAML: {@code classpath:...} or a file path
 * @param classifier {@code embedding} (MiniLM, in-process) or {@code keywords} (an expert names the skills)
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
        @DefaultValue("embedding") ClassifierKind classifier,
        @DefaultValue("knn") EmbeddingClassifierConfig.Mode embeddingMode,
        Integer neighbours,
        Double temperature,
        @DefaultValue("10000") int cacheSize,
        String keywordExpert,
        Integer keywordSamples,
        Double keywordTemperature,
        @DefaultValue("true") boolean warmUp) {

    /**
     * Fills what is not set from the classifiers' own defaults ({@link EmbeddingClassifierConfig#defaults()}, {@link
     * KeywordClassifierConfig#defaults()}), their one home.
     */
    public SkillsProperties {
        EmbeddingClassifierConfig embedding = EmbeddingClassifierConfig.defaults();
        KeywordClassifierConfig keywords = KeywordClassifierConfig.defaults();
        neighbours = neighbours != null ? neighbours : embedding.neighbours();
        temperature = temperature != null ? temperature : embedding.temperature();
        keywordSamples = keywordSamples != null ? keywordSamples : keywords.samples();
        keywordTemperature = keywordTemperature != null ? keywordTemperature : keywords.temperature();
    }
}
