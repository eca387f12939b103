package io.coerouter.router.cache;

import io.coerouter.router.config.EncoderKind;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the {@link ResponseCache} does; bound and checked as {@code coe.cache.*} ({@link CacheProperties}), whose
 * {@code @DefaultValue}s are the defaults ({@link #off()} repeats them with the cache off, for tests and tools).
 *
 * @param enabled whether requests are looked up and answers kept
 * @param scope who shares entries
 * @param store where entries live
 * @param ttl how long an entry is served
 * @param maxEntries the most entries kept; the least recently used go first
 * @param maxMemoryBytes the most heap the in-memory store's entries take (questions, answers, embeddings), about
 * @param maxAnswerChars the longest answer kept
 * @param allowTemperature whether requests with a {@code temperature} above 0 use the cache
 * @param waitTimeout how long a request identical to one in flight waits for its answer before calling experts itself
 * @param semantic whether paraphrases of the last user message match
 * @param threshold the least cosine similarity of a semantic match
 * @param skillThresholds per skill id (of the cached question's top skill), a threshold replacing {@code threshold}
 * @param maxCandidates the most earlier questions (newest first) a semantic lookup compares, per conversation context
 * @param maxQueryChars the longest last user message matched semantically (longer ones only exactly: the embedder
 *     reads a bounded prefix, so two long texts differing at the end would look the same)
 * @param guard whether a semantic match also needs the same numbers, units, names, negation and operators
 */
public record CacheConfig(
        boolean enabled,
        CacheScope scope,
        CacheStoreKind store,
        Duration ttl,
        int maxEntries,
        long maxMemoryBytes,
        int maxAnswerChars,
        boolean allowTemperature,
        Duration waitTimeout,
        boolean semantic,
        double threshold,
        Map<String, Double> skillThresholds,
        int maxCandidates,
        int maxQueryChars,
        boolean guard) {

    public CacheConfig {
        skillThresholds = skillThresholds == null ? Map.of() : Map.copyOf(new TreeMap<>(skillThresholds));
    }

    /**
     * The semantic threshold measured for {@code encoder}: the lowest at which the near-miss guard keeps false hits
     * at or under 0.5% on the labelled pair set (benchmarks/cache-quality.sh, docs/benchmarks.md#response-cache).
     */
    public static double measuredThreshold(EncoderKind encoder) {
        return switch (encoder) {
            case BGE_SMALL -> 0.94;
            case MINILM -> 0.93;
        };
    }

    /** The defaults, with the cache off. */
    public static CacheConfig off() {
        return new CacheConfig(
                false,
                CacheScope.KEY,
                CacheStoreKind.AUTO,
                Duration.ofHours(1),
                10_000,
                256L << 20,
                100_000,
                false,
                Duration.ofSeconds(30),
                true,
                measuredThreshold(EncoderKind.BGE_SMALL),
                Map.of(),
                256,
                1_000,
                true);
    }

    /** These settings with the cache on. */
    public CacheConfig on() {
        return new CacheConfig(
                true,
                scope,
                store,
                ttl,
                maxEntries,
                maxMemoryBytes,
                maxAnswerChars,
                allowTemperature,
                waitTimeout,
                semantic,
                threshold,
                skillThresholds,
                maxCandidates,
                maxQueryChars,
                guard);
    }

    /** The threshold for a cached question whose top skill is {@code skill} (null: none). */
    public double thresholdFor(String skill) {
        Double t = skill == null ? null : skillThresholds.get(skill);
        return t == null ? threshold : t;
    }
}
