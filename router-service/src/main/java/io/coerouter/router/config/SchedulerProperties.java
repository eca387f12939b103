package io.coerouter.router.config;

import io.coerouter.expert.LocalModels;
import io.coerouter.router.scheduling.PolicyName;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How local experts' work is batched (see {@code io.coerouter.router.scheduling}).
 *
 * @param maxWait the longest a request waits once its expert could run
 * @param maxBatchSize the most requests in one batch, also the most rows of a local model's running batch: 1..{@value
 *     io.coerouter.expert.LocalModels#MAX_BATCH_SIZE_LIMIT}
 * @param batchWindow how long a short queue waits for more requests
 * @param queueCapacity the most requests queued per expert; more get HTTP 429
 * @param policy which expert's work runs next: {@code swap-aware}, {@code fcfs} or {@code group-by-model} (any other
 *     name stops the start-up, naming the property and these)
 * @param loadDelay how long work for an unloaded model may wait to gather a fuller batch before it loads; unset:
 *     half of {@code maxWait}
 */
public record SchedulerProperties(
        @DefaultValue("2s") Duration maxWait,
        @DefaultValue("16") int maxBatchSize,
        @DefaultValue("10ms") Duration batchWindow,
        @DefaultValue("256") int queueCapacity,
        @DefaultValue("swap-aware") PolicyName policy,
        Duration loadDelay) {

    public SchedulerProperties {
        if (maxBatchSize < 1 || maxBatchSize > LocalModels.MAX_BATCH_SIZE_LIMIT) {
            throw new IllegalArgumentException("coe.scheduler.max-batch-size must be from 1 to "
                    + LocalModels.MAX_BATCH_SIZE_LIMIT + ", but was " + maxBatchSize);
        }
    }

    /** The library config; its validation names the offending value. */
    public io.coerouter.router.scheduling.SchedulerConfig toConfig() {
        return new io.coerouter.router.scheduling.SchedulerConfig(
                maxWait,
                maxBatchSize,
                batchWindow,
                queueCapacity,
                policy.policy(),
                loadDelay != null ? loadDelay : maxWait.dividedBy(2));
    }
}
