package io.coerouter.expert;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * What an expert answered, with what it cost.
 *
 * @param expertId the expert that answered
 * @param text the generated text
 * @param finishReason why generation stopped
 * @param usage tokens consumed
 * @param cost US dollars, from the expert's {@link Pricing}
 * @param latency wall time of the call
 * @param served where and how another process ran the call (a cluster's worker), or null when it ran here
 */
public record ExpertResponse(
        String expertId,
        String text,
        FinishReason finishReason,
        TokenUsage usage,
        BigDecimal cost,
        Duration latency,
        Served served) {

    public ExpertResponse {
        Objects.requireNonNull(expertId, "expertId must not be null");
        Objects.requireNonNull(text, "text must not be null");
        Objects.requireNonNull(finishReason, "finishReason must not be null");
        Objects.requireNonNull(usage, "usage must not be null");
        Objects.requireNonNull(cost, "cost must not be null");
        Objects.requireNonNull(latency, "latency must not be null");
    }

    /** A response of a call that ran in this process. */
    public ExpertResponse(
            String expertId,
            String text,
            FinishReason finishReason,
            TokenUsage usage,
            BigDecimal cost,
            Duration latency) {
        this(expertId, text, finishReason, usage, cost, latency, null);
    }

    /**
     * Where and how a call ran when another process ran it: a cluster worker's id, how long the request waited
     * before the worker started it, how long its model took to load, how long the rest took (the worker's batch wait
     * and generation), and how many requests the worker took with it.
     */
    public record Served(String worker, Duration queued, Duration load, Duration generation, int batchSize) {

        public Served {
            Objects.requireNonNull(worker, "worker must not be null");
            Objects.requireNonNull(queued, "queued must not be null");
            Objects.requireNonNull(load, "load must not be null");
            Objects.requireNonNull(generation, "generation must not be null");
            if (queued.isNegative() || load.isNegative() || generation.isNegative()) {
                throw new IllegalArgumentException(
                        "served durations must be >= 0, but were " + queued + ", " + load + ", " + generation);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, but was " + batchSize);
            }
        }
    }

    /** This response as served by another process. */
    public ExpertResponse withServed(Served where) {
        return new ExpertResponse(expertId, text, finishReason, usage, cost, latency, where);
    }

    /** A response before the template method prices and times it. */
    public static ExpertResponse of(String expertId, String text, FinishReason finishReason, TokenUsage usage) {
        return new ExpertResponse(expertId, text, finishReason, usage, BigDecimal.ZERO, Duration.ZERO);
    }

    ExpertResponse pricedAndTimed(Pricing pricing, Duration latency) {
        return new ExpertResponse(expertId, text, finishReason, usage, pricing.cost(usage), latency, served);
    }
}
