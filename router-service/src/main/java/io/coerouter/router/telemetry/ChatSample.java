package io.coerouter.router.telemetry;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One chat completion as the live metrics count it.
 *
 * @param latencyNanos from the start of routing to the answer's (or the stream's) end, or the failure
 * @param error whether it ended in an error (any 4xx or 5xx outcome)
 * @param promptTokens prompt tokens of every expert call made for it
 * @param completionTokens completion tokens of those calls
 * @param costUsd what those calls cost; null when unknown
 */
public record ChatSample(
        long latencyNanos, boolean error, long promptTokens, long completionTokens, BigDecimal costUsd) {

    /** A request that was answered. */
    public static ChatSample answered(long latencyNanos, long promptTokens, long completionTokens, BigDecimal costUsd) {
        return new ChatSample(latencyNanos, false, promptTokens, completionTokens, costUsd);
    }

    /** A request that failed. */
    public static ChatSample failed(long latencyNanos) {
        return new ChatSample(latencyNanos, true, 0, 0, null);
    }

    /** The cost in micro-dollars, rounded half up. */
    long costMicros() {
        return costUsd == null
                ? 0
                : costUsd.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValue();
    }

    /** What this sample adds to its minute's bucket. */
    Map<String, Long> fields() {
        Map<String, Long> fields = new LinkedHashMap<>();
        fields.put(BucketCounts.REQUESTS, 1L);
        if (error) {
            fields.put(BucketCounts.ERRORS, 1L);
        }
        if (promptTokens > 0) {
            fields.put(BucketCounts.PROMPT_TOKENS, promptTokens);
        }
        if (completionTokens > 0) {
            fields.put(BucketCounts.COMPLETION_TOKENS, completionTokens);
        }
        long micros = costMicros();
        if (micros != 0) {
            fields.put(BucketCounts.COST_MICROS, micros);
        }
        fields.put(BucketCounts.latencyField(LatencyHistogram.bucketOf(latencyNanos / 1_000_000.0)), 1L);
        return fields;
    }
}
