package io.coerouter.skills.classify;

import java.util.Objects;

/**
 * Settings of the embedding classifier.
 *
 * @param mode {@link Mode#CENTROID} or {@link Mode#KNN}
 * @param neighbours how many nearest examples of each skill are averaged in {@link Mode#KNN}
 * @param temperature the softmax temperature that turns cosine similarities into probabilities
 */
public record EmbeddingClassifierConfig(Mode mode, int neighbours, double temperature) {

    /** How a query is compared with a skill. */
    public enum Mode {
        /** With the normalised mean of the skill's description and example embeddings. */
        CENTROID,
        /** With the mean similarity of the skill's {@code neighbours} most similar examples. */
        KNN
    }

    public EmbeddingClassifierConfig {
        Objects.requireNonNull(mode, "mode must not be null");
        if (neighbours <= 0) {
            throw new IllegalArgumentException("neighbours must be > 0, but was " + neighbours);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, but was " + temperature);
        }
    }

    /** k nearest examples (k = 3), temperature 0.05: the better of the two on the demo pack (docs/benchmarks.md). */
    public static EmbeddingClassifierConfig defaults() {
        return new EmbeddingClassifierConfig(Mode.KNN, 3, 0.05);
    }
}
