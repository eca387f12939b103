package io.coerouter.router.cache.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.cache.CacheConfig;
import io.coerouter.router.cache.CacheStats;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.Map;

/**
 * {@code GET /admin/cache}: the response cache's settings and what this replica's cache has done since it started, or
 * {@code enabled: false} with a message when the cache is off.
 *
 * @param store {@code memory} or {@code redis}
 * @param scope {@code key} or {@code shared}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CacheReport(
        String object, boolean enabled, String message, String store, String scope, Config config, Stats stats) {

    static final String OFF = "The response cache is off: set coe.cache.enabled=true.";

    static CacheReport off() {
        return new CacheReport("cache", false, OFF, null, null, null, null);
    }

    static CacheReport of(CacheConfig config, CacheStats stats) {
        return new CacheReport("cache", true, null, stats.store(), stats.scope(), Config.of(config), Stats.of(stats));
    }

    /** The settings in force ({@code coe.cache.*}). */
    @Schema(name = "CacheSettings")
    record Config(
            @JsonProperty("ttl_seconds") long ttlSeconds,
            @JsonProperty("max_entries") int maxEntries,
            @JsonProperty("max_memory_bytes") long maxMemoryBytes,
            @JsonProperty("max_answer_chars") int maxAnswerChars,
            @JsonProperty("allow_temperature") boolean allowTemperature,
            @JsonProperty("wait_timeout_ms") long waitTimeoutMs,
            boolean semantic,
            double threshold,
            @JsonProperty("skill_thresholds") Map<String, Double> skillThresholds,
            @JsonProperty("max_candidates") int maxCandidates,
            @JsonProperty("max_query_chars") int maxQueryChars,
            boolean guard) {

        static Config of(CacheConfig c) {
            return new Config(
                    c.ttl().toSeconds(),
                    c.maxEntries(),
                    c.maxMemoryBytes(),
                    c.maxAnswerChars(),
                    c.allowTemperature(),
                    c.waitTimeout().toMillis(),
                    c.semantic(),
                    c.threshold(),
                    c.skillThresholds(),
                    c.maxCandidates(),
                    c.maxQueryChars(),
                    c.guard());
        }
    }

    /**
     * This replica's counts since {@code since}; {@code entries} is null (and {@code store_available} false) when the
     * store cannot be reached.
     */
    @Schema(name = "CacheCounts")
    record Stats(
            @JsonProperty("exact_hits") long exactHits,
            @JsonProperty("semantic_hits") long semanticHits,
            long misses,
            long bypasses,
            @JsonProperty("hit_rate") double hitRate,
            @JsonProperty("store_errors") long storeErrors,
            @JsonProperty("saved_usd") BigDecimal savedUsd,
            @JsonInclude(JsonInclude.Include.ALWAYS) Long entries,
            @JsonProperty("store_available") boolean storeAvailable,
            String since) {

        static Stats of(CacheStats s) {
            return new Stats(
                    s.exactHits(),
                    s.semanticHits(),
                    s.misses(),
                    s.bypasses(),
                    Math.round(s.hitRate() * 10_000) / 10_000.0,
                    s.storeErrors(),
                    s.savedUsd(),
                    s.entries() < 0 ? null : s.entries(),
                    s.entries() >= 0,
                    s.since().toString());
        }
    }
}
