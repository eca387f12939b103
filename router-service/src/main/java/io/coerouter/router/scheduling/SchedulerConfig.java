package io.coerouter.router.scheduling;

import java.time.Duration;
import java.util.Objects;

/**
 * How the scheduler batches local experts' work.
 *
 * @param maxWait the longest a request waits once its expert could run; past it, its expert goes next
 * @param maxBatchSize the most requests in one batch call
 * @param batchWindow how long a short queue waits for more requests before its batch runs
 * @param queueCapacity the most requests queued per expert; more get HTTP 429
 * @param policy which expert's work runs next
 * @param loadDelay how long work for a model that is not loaded may wait to gather a fuller batch before the model is
 *     loaded (swap-aware policy; 0 loads at once), < maxWait
 */
public record SchedulerConfig(
        Duration maxWait,
        int maxBatchSize,
        Duration batchWindow,
        int queueCapacity,
        SchedulingPolicy policy,
        Duration loadDelay) {

    /** With the {@linkplain SchedulingPolicy#swapAware() swap-aware} policy, loading at once. */
    public SchedulerConfig(Duration maxWait, int maxBatchSize, Duration batchWindow, int queueCapacity) {
        this(maxWait, maxBatchSize, batchWindow, queueCapacity, SchedulingPolicy.swapAware(), Duration.ZERO);
    }

    public SchedulerConfig {
        Objects.requireNonNull(maxWait, "maxWait must not be null");
        Objects.requireNonNull(batchWindow, "batchWindow must not be null");
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("maxWait must be > 0, but was " + maxWait);
        }
        if (maxBatchSize <= 0) {
            throw new IllegalArgumentException("maxBatchSize must be > 0, but was " + maxBatchSize);
        }
        if (batchWindow.isNegative()) {
            throw new IllegalArgumentException("batchWindow must be >= 0, but was " + batchWindow);
        }
        if (batchWindow.compareTo(maxWait) > 0) {
            throw new IllegalArgumentException(
                    "batchWindow must be <= maxWait (" + maxWait + "), but was " + batchWindow);
        }
        if (queueCapacity <= 0) {
            throw new IllegalArgumentException("queueCapacity must be > 0, but was " + queueCapacity);
        }
        Objects.requireNonNull(policy, "policy must not be null");
        Objects.requireNonNull(loadDelay, "loadDelay must not be null");
        if (loadDelay.isNegative() || loadDelay.compareTo(maxWait) >= 0) {
            throw new IllegalArgumentException(
                    "loadDelay must be >= 0 and < maxWait (" + maxWait + "), but was " + loadDelay);
        }
    }
}
