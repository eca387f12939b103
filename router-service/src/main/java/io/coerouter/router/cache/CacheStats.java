package io.coerouter.router.cache;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What this replica's cache has done since it started (each replica counts its own; Prometheus adds them up).
 *
 * @param enabled whether the cache is on
 * @param store {@code memory} or {@code redis}, or null when off
 * @param scope {@code key} or {@code shared}
 * @param entries entries held (in Redis: by every replica), or -1 when the store cannot be reached
 * @param exactHits requests answered from an exact match
 * @param semanticHits requests answered from a semantic match
 * @param misses requests looked up and not found
 * @param bypasses requests that did not use the cache
 * @param storeErrors lookups and writes the store failed
 * @param savedUsd what the hits' answers cost when they were made
 * @param since when this replica started counting
 */
public record CacheStats(
        boolean enabled,
        String store,
        String scope,
        long entries,
        long exactHits,
        long semanticHits,
        long misses,
        long bypasses,
        long storeErrors,
        BigDecimal savedUsd,
        Instant since) {

    /** Hits over lookups (hits and misses), 0 when none. */
    public double hitRate() {
        long lookups = exactHits + semanticHits + misses;
        return lookups == 0 ? 0 : (double) (exactHits + semanticHits) / lookups;
    }
}
