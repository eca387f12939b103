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
 */
public record SchedulerConfig(Duration maxWait, int maxBatchSize, Duration batchWindow, int queueCapacity) {

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
    }
}
