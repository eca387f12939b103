package io.coerouter.router.usage;

import io.coerouter.router.telemetry.LatencyHistogram;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One group's usage in one time bucket: requests (for {@code group_by=expert}, calls), errors, tokens, cost, the
 * latencies' histogram, and the requests answered from the response cache with what their answers cost when they were
 * made.
 *
 * @param bucket the bucket's start; null for {@code bucket=none}
 * @param cacheHits requests answered from the response cache (0 for {@code group_by=expert}: a hit calls no expert)
 * @param cacheSavedUsd what those answers cost when they were made
 */
public record UsageRow(
        Instant bucket,
        String group,
        long requests,
        long errors,
        long inputTokens,
        long outputTokens,
        BigDecimal costUsd,
        LatencyHistogram latency,
        long cacheHits,
        BigDecimal cacheSavedUsd) {

    /** The share of requests answered from the cache, 0 to 1; 0 without requests. */
    public double cacheHitRate() {
        return requests == 0 ? 0 : (double) cacheHits / requests;
    }
}
