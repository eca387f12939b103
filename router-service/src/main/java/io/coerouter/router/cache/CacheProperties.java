package io.coerouter.router.cache;

import io.coerouter.router.config.EncoderKind;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The response cache ({@code coe.cache.*}, docs/operations.md#response-cache), off by default. See {@link CacheConfig}
 * for what each setting means; these are its defaults.
 */
@ConfigurationProperties("coe.cache")
public record CacheProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("key") CacheScope scope,
        @DefaultValue("auto") CacheStoreKind store,
        @DefaultValue("1h") Duration ttl,
        @DefaultValue("10000") int maxEntries,
        @DefaultValue("256MB") DataSize maxMemory,
        @DefaultValue("100000") int maxAnswerChars,
        @DefaultValue("false") boolean allowTemperature,
        @DefaultValue("30s") Duration waitTimeout,
        @DefaultValue Semantic semantic) {

    public CacheProperties {
        within("coe.cache.ttl", ttl, Duration.ofSeconds(1), Duration.ofDays(30));
        within("coe.cache.wait-timeout", waitTimeout, Duration.ZERO, Duration.ofMinutes(10));
        if (maxEntries < 1 || maxEntries > 10_000_000) {
            throw new IllegalArgumentException(
                    "coe.cache.max-entries must be from 1 to 10000000, but was " + maxEntries);
        }
        if (maxMemory == null || maxMemory.toBytes() < (1 << 20) || maxMemory.toBytes() > (1L << 40)) {
            throw new IllegalArgumentException("coe.cache.max-memory must be from 1MB to 1TB, but was " + maxMemory);
        }
        if (maxAnswerChars < 1 || maxAnswerChars > 10_000_000) {
            throw new IllegalArgumentException(
                    "coe.cache.max-answer-chars must be from 1 to 10000000, but was " + maxAnswerChars);
        }
    }

    /**
     * Semantic matching ({@code coe.cache.semantic.*}).
     *
     * @param enabled whether paraphrases match (exact matches always do)
     * @param threshold the least cosine similarity, above 0 and at most 1; unset: the one measured for the encoder
     *     ({@link CacheConfig#measuredThreshold(EncoderKind)})
     * @param skillThresholds per skill id, a threshold replacing {@code threshold} for cached questions of that skill
     * @param maxCandidates the most earlier questions compared per lookup, 1 to 10000
     * @param maxQueryChars the longest last user message matched semantically, 1 to 100000
     * @param guard whether a match also needs the same numbers, units, names, negation and operators
     */
    public record Semantic(
            @DefaultValue("true") boolean enabled,
            Double threshold,
            Map<String, Double> skillThresholds,
            @DefaultValue("256") int maxCandidates,
            @DefaultValue("1000") int maxQueryChars,
            @DefaultValue("true") boolean guard) {

        public Semantic {
            skillThresholds = skillThresholds == null ? Map.of() : Map.copyOf(new TreeMap<>(skillThresholds));
            if (threshold != null) {
                threshold("coe.cache.semantic.threshold", threshold);
            }
            for (Map.Entry<String, Double> t : skillThresholds.entrySet()) {
                if (t.getValue() == null) {
                    throw new IllegalArgumentException(
                            "coe.cache.semantic.skill-thresholds." + t.getKey() + " must be a number");
                }
                threshold("coe.cache.semantic.skill-thresholds." + t.getKey(), t.getValue());
            }
            if (maxCandidates < 1 || maxCandidates > 10_000) {
                throw new IllegalArgumentException(
                        "coe.cache.semantic.max-candidates must be from 1 to 10000, but was " + maxCandidates);
            }
            if (maxQueryChars < 1 || maxQueryChars > 100_000) {
                throw new IllegalArgumentException(
                        "coe.cache.semantic.max-query-chars must be from 1 to 100000, but was " + maxQueryChars);
            }
        }

        private static void threshold(String name, double value) {
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException(name + " must be above 0 and at most 1, but was " + value);
            }
        }
    }

    /** These settings for the cache, whose questions {@code encoder} embeds. */
    public CacheConfig toConfig(EncoderKind encoder) {
        return new CacheConfig(
                enabled,
                scope,
                store,
                ttl,
                maxEntries,
                maxMemory.toBytes(),
                maxAnswerChars,
                allowTemperature,
                waitTimeout,
                semantic.enabled(),
                semantic.threshold() != null ? semantic.threshold() : CacheConfig.measuredThreshold(encoder),
                semantic.skillThresholds(),
                semantic.maxCandidates(),
                semantic.maxQueryChars(),
                semantic.guard());
    }

    private static void within(String name, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", but was " + value);
        }
    }
}
