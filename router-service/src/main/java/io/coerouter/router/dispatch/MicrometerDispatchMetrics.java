package io.coerouter.router.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker's dispatch metrics: {@code coe_dispatch_worker_requests_total{expert,outcome}}, {@code
 * coe_dispatch_placements_total{expert}}, {@code coe_dispatch_overflows_total{expert}}, {@code
 * coe_dispatch_reclaimed_total{expert}}, the gauges {@code coe_dispatch_serving_experts}, {@code
 * coe_dispatch_queue_depth{expert}} and {@code coe_dispatch_queue_waiting{expert}} (the cluster's queue, as this
 * worker last read it).
 */
public final class MicrometerDispatchMetrics implements DispatchMetrics {

    private record Depth(AtomicLong depth, AtomicLong waiting) {}

    private final MeterRegistry registry;
    private final AtomicInteger serving = new AtomicInteger();
    private final Map<String, Depth> depths = new ConcurrentHashMap<>();

    public MicrometerDispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("coe.dispatch.serving.experts", serving, AtomicInteger::get)
                .description("experts whose cluster queue this worker serves")
                .register(registry);
    }

    @Override
    public void answered(String expert, DispatchWorker.Outcome outcome) {
        Counter.builder("coe.dispatch.worker.requests")
                .description("requests a worker ended, by outcome")
                .tag("expert", expert)
                .tag("outcome", outcome.id())
                .register(registry)
                .increment();
    }

    @Override
    public void placed(String expert) {
        count("coe.dispatch.placements", "times this worker claimed an expert no live worker held", expert);
    }

    @Override
    public void overflowed(String expert) {
        count("coe.dispatch.overflows", "times this worker joined an expert's holder past the bounded wait", expert);
    }

    @Override
    public void reclaimed(String expert) {
        count("coe.dispatch.reclaimed", "requests this worker took over from a worker that stopped", expert);
    }

    @Override
    public void serving(int experts) {
        serving.set(experts);
    }

    @Override
    public void backlog(String expert, ExpertWorkQueue.Backlog backlog) {
        Depth d = depths.computeIfAbsent(expert, id -> {
            Depth made = new Depth(new AtomicLong(), new AtomicLong());
            Gauge.builder("coe.dispatch.queue.depth", made.depth(), AtomicLong::get)
                    .description("requests of the expert waiting or in flight in the whole cluster")
                    .tag("expert", id)
                    .register(registry);
            Gauge.builder("coe.dispatch.queue.waiting", made.waiting(), AtomicLong::get)
                    .description("requests of the expert no worker has taken yet")
                    .tag("expert", id)
                    .register(registry);
            return made;
        });
        d.depth().set(backlog.depth());
        d.waiting().set(backlog.waiting());
    }

    private void count(String name, String description, String expert) {
        Counter.builder(name)
                .description(description)
                .tag("expert", expert)
                .register(registry)
                .increment();
    }
}
