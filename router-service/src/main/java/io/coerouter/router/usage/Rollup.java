package io.coerouter.router.usage;

import io.coerouter.router.telemetry.LatencyHistogram;
import java.math.BigDecimal;

/**
 * The counts of one {@link RollupKey} being added up before they are written: requests (or calls), errors, tokens,
 * cost, a latency histogram in {@link LatencyHistogram}'s buckets, and the requests answered from the response cache
 * with what their answers cost when they were made. Mutable; one writer thread.
 */
final class Rollup {

    long requests;
    long errors;
    long inputTokens;
    long outputTokens;
    BigDecimal costUsd = BigDecimal.ZERO;
    long cacheHits;
    BigDecimal cacheSavedUsd = BigDecimal.ZERO;
    final long[] latency = new long[LatencyHistogram.BUCKETS];

    /** Adds {@code other}'s counts to these. */
    void add(Rollup other) {
        requests += other.requests;
        errors += other.errors;
        inputTokens += other.inputTokens;
        outputTokens += other.outputTokens;
        costUsd = costUsd.add(other.costUsd);
        cacheHits += other.cacheHits;
        cacheSavedUsd = cacheSavedUsd.add(other.cacheSavedUsd);
        for (int i = 0; i < latency.length; i++) {
            latency[i] += other.latency[i];
        }
    }

    /** Counts one request or call; {@code latencyMs} null: no latency to count (a failed expert call). */
    void add(boolean error, long input, long output, BigDecimal cost, Double latencyMs) {
        requests++;
        if (error) {
            errors++;
        }
        inputTokens += input;
        outputTokens += output;
        if (cost != null) {
            costUsd = costUsd.add(cost);
        }
        if (latencyMs != null) {
            latency[LatencyHistogram.bucketOf(latencyMs)]++;
        }
    }

    /** Counts one answer from the response cache, which saved {@code saved} (null: unpriced). */
    void addCacheHit(BigDecimal saved) {
        cacheHits++;
        if (saved != null) {
            cacheSavedUsd = cacheSavedUsd.add(saved);
        }
    }
}
