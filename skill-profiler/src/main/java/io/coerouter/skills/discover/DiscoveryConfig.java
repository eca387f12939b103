package io.coerouter.skills.discover;

/**
 * Settings of a skill discovery; every input is bounded because the questions come from outside.
 *
 * @param k the number of clusters, or null to choose it in {@code [minK, maxK]} by the silhouette
 * @param minK the smallest k tried when choosing (at least 2)
 * @param maxK the largest k tried when choosing (at most {@value #MAX_K}); never more than the questions less one
 * @param maxQuestions the most questions read
 * @param maxQuestionLength the longest question, in characters
 * @param maxAnswerLength the longest reference answer, in characters
 * @param examplesPerSkill how many questions nearest each cluster's centre become its examples
 * @param restarts k-means runs per k from different seeds; the most cohesive one is kept
 * @param maxIterations Lloyd iterations per run at most (it stops earlier when no question changes cluster)
 * @param silhouetteSample the most questions the silhouette (and so the choice of k) is computed on
 * @param seed the seed of every random choice: the same questions and settings give the same skills
 */
public record DiscoveryConfig(
        Integer k,
        int minK,
        int maxK,
        int maxQuestions,
        int maxQuestionLength,
        int maxAnswerLength,
        int examplesPerSkill,
        int restarts,
        int maxIterations,
        int silhouetteSample,
        long seed) {

    /** The most clusters, given or chosen. */
    public static final int MAX_K = 100;

    /** The most questions any discovery reads, whatever it is configured to. */
    public static final int MAX_QUESTIONS = 100_000;

    public DiscoveryConfig {
        if (k != null && (k < 2 || k > MAX_K)) {
            throw invalid("k", k, "from 2 to " + MAX_K);
        }
        if (minK < 2 || minK > MAX_K) {
            throw invalid("minK", minK, "from 2 to " + MAX_K);
        }
        if (maxK < minK || maxK > MAX_K) {
            throw invalid("maxK", maxK, "from minK (" + minK + ") to " + MAX_K);
        }
        if (maxQuestions < 2 || maxQuestions > MAX_QUESTIONS) {
            throw invalid("maxQuestions", maxQuestions, "from 2 to " + MAX_QUESTIONS);
        }
        if (maxQuestionLength < 1 || maxQuestionLength > 100_000) {
            throw invalid("maxQuestionLength", maxQuestionLength, "from 1 to 100000");
        }
        if (maxAnswerLength < 1 || maxAnswerLength > 100_000) {
            throw invalid("maxAnswerLength", maxAnswerLength, "from 1 to 100000");
        }
        if (examplesPerSkill < 1 || examplesPerSkill > 1_000) {
            throw invalid("examplesPerSkill", examplesPerSkill, "from 1 to 1000");
        }
        if (restarts < 1 || restarts > 50) {
            throw invalid("restarts", restarts, "from 1 to 50");
        }
        if (maxIterations < 1 || maxIterations > 1_000) {
            throw invalid("maxIterations", maxIterations, "from 1 to 1000");
        }
        if (silhouetteSample < 10 || silhouetteSample > 10_000) {
            throw invalid("silhouetteSample", silhouetteSample, "from 10 to 10000");
        }
    }

    /**
     * k chosen in [2, 20] by the silhouette; at most 10,000 questions of 4,000 characters (answers too); 25 examples
     * per skill; 3 restarts of at most 100 iterations; the silhouette on at most 2,000 questions; seed 42.
     */
    public static DiscoveryConfig defaults() {
        return new DiscoveryConfig(null, 2, 20, 10_000, 4_000, 4_000, 25, 3, 100, 2_000, 42);
    }

    /** This configuration with {@code k} clusters (null: chosen). */
    public DiscoveryConfig withK(Integer k) {
        return new DiscoveryConfig(
                k,
                minK,
                maxK,
                maxQuestions,
                maxQuestionLength,
                maxAnswerLength,
                examplesPerSkill,
                restarts,
                maxIterations,
                silhouetteSample,
                seed);
    }

    /** This configuration with {@code seed}. */
    public DiscoveryConfig withSeed(long seed) {
        return new DiscoveryConfig(
                k,
                minK,
                maxK,
                maxQuestions,
                maxQuestionLength,
                maxAnswerLength,
                examplesPerSkill,
                restarts,
                maxIterations,
                silhouetteSample,
                seed);
    }

    /** This configuration trying k in {@code [minK, maxK]} when k is not given. */
    public DiscoveryConfig withRange(int minK, int maxK) {
        return new DiscoveryConfig(
                k,
                minK,
                maxK,
                maxQuestions,
                maxQuestionLength,
                maxAnswerLength,
                examplesPerSkill,
                restarts,
                maxIterations,
                silhouetteSample,
                seed);
    }

    private static IllegalArgumentException invalid(String field, Object value, String range) {
        return new IllegalArgumentException(field + " must be " + range + ", but was " + value);
    }
}
