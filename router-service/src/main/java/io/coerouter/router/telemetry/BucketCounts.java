package io.coerouter.router.telemetry;

import java.util.Map;

/**
 * What was counted in one minute (or a sum of minutes), on every replica. Stored as the fields of one hash per minute
 * ({@link #fields}), so that replicas add to it with HINCRBY and a reader gets the sum at once.
 *
 * @param requests chat completions answered or failed
 * @param errors those that failed (any 4xx or 5xx outcome)
 * @param promptTokens prompt tokens of every expert call made for them
 * @param completionTokens completion tokens of those calls
 * @param costMicros their cost in micro-dollars (millionths of a US dollar)
 * @param modelLoads local models loaded into a pool
 * @param modelSwaps loads that evicted another model
 * @param latency how long the requests took
 */
public record BucketCounts(
        long requests,
        long errors,
        long promptTokens,
        long completionTokens,
        long costMicros,
        long modelLoads,
        long modelSwaps,
        LatencyHistogram latency) {

    public static final BucketCounts EMPTY = new BucketCounts(0, 0, 0, 0, 0, 0, 0, LatencyHistogram.EMPTY);

    static final String REQUESTS = "requests";
    static final String ERRORS = "errors";
    static final String PROMPT_TOKENS = "prompt_tokens";
    static final String COMPLETION_TOKENS = "completion_tokens";
    static final String COST_MICROS = "cost_micros";
    static final String MODEL_LOADS = "model_loads";
    static final String MODEL_SWAPS = "model_swaps";
    private static final String LATENCY = "latency:";

    /** The field counting latency bucket {@code i}. */
    static String latencyField(int i) {
        return LATENCY + i;
    }

    /** The counts a bucket's stored fields hold; unknown or malformed fields (another version's) are passed over. */
    public static BucketCounts of(Map<String, Long> fields) {
        long[] latency = new long[LatencyHistogram.BUCKETS];
        fields.forEach((name, value) -> {
            if (name.startsWith(LATENCY)) {
                try {
                    int i = Integer.parseInt(name.substring(LATENCY.length()));
                    if (i >= 0 && i < latency.length) {
                        latency[i] += value;
                    }
                } catch (NumberFormatException ignored) {
                    // not a field of this version
                }
            }
        });
        return new BucketCounts(
                fields.getOrDefault(REQUESTS, 0L),
                fields.getOrDefault(ERRORS, 0L),
                fields.getOrDefault(PROMPT_TOKENS, 0L),
                fields.getOrDefault(COMPLETION_TOKENS, 0L),
                fields.getOrDefault(COST_MICROS, 0L),
                fields.getOrDefault(MODEL_LOADS, 0L),
                fields.getOrDefault(MODEL_SWAPS, 0L),
                LatencyHistogram.of(latency));
    }

    public BucketCounts plus(BucketCounts o) {
        return new BucketCounts(
                requests + o.requests,
                errors + o.errors,
                promptTokens + o.promptTokens,
                completionTokens + o.completionTokens,
                costMicros + o.costMicros,
                modelLoads + o.modelLoads,
                modelSwaps + o.modelSwaps,
                latency.plus(o.latency));
    }

    public long tokens() {
        return promptTokens + completionTokens;
    }

    /** The cost in US dollars. */
    public double costUsd() {
        return costMicros / 1_000_000.0;
    }

    /** The median latency in milliseconds, null without requests. */
    public Double p50Ms() {
        return latency.percentile(0.5);
    }

    /** The 99th percentile latency in milliseconds, null without requests. */
    public Double p99Ms() {
        return latency.percentile(0.99);
    }
}
