package io.coerouter.router.scheduling;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Scheduler metrics: {@code coe_scheduler_wait_seconds}, {@code coe_scheduler_batch_size}, {@code
 * coe_scheduler_batch_seconds}, {@code coe_scheduler_rejected_total} and the gauge {@code coe_scheduler_queue_depth},
 * all tagged by expert.
 */
public final class SchedulerMetrics implements SchedulerListener {

    private final MeterRegistry registry;
    private final Map<String, Timer> waits = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> sizes = new ConcurrentHashMap<>();
    private final Map<String, Timer> batches = new ConcurrentHashMap<>();
    private final Map<String, IntSupplier> depths = new ConcurrentHashMap<>();

    public SchedulerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onNewQueue(String expertId, IntSupplier depth) {
        // An expert rebuilt after an admin change gets a new queue under the same id: the gauge reads the newest.
        if (depths.put(expertId, depth) == null) {
            io.micrometer.core.instrument.Gauge.builder("coe.scheduler.queue.depth", depths, d -> d.get(expertId)
                            .getAsInt())
                    .description("requests waiting in the expert's queue")
                    .tag("expert", expertId)
                    .register(registry);
        }
    }

    @Override
    public void onWait(String expertId, long nanos) {
        waits.computeIfAbsent(expertId, id -> Timer.builder("coe.scheduler.wait")
                        .description("time a request waited in its expert's queue")
                        .tag("expert", id)
                        .register(registry))
                .record(Duration.ofNanos(nanos));
    }

    @Override
    public void onBatch(String expertId, int size, long nanos) {
        sizes.computeIfAbsent(expertId, id -> DistributionSummary.builder("coe.scheduler.batch.size")
                        .description("requests per batch call")
                        .tag("expert", id)
                        .register(registry))
                .record(size);
        batches.computeIfAbsent(expertId, id -> Timer.builder("coe.scheduler.batch")
                        .description("time spent running batches (loading included)")
                        .tag("expert", id)
                        .register(registry))
                .record(Duration.ofNanos(nanos));
    }

    @Override
    public void onRejected(String expertId) {
        registry.counter("coe.scheduler.rejected", "expert", expertId).increment();
    }
}
