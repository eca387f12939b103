package io.coerouter.router.experts;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ModelPool;
import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.config.DispatchProperties;
import io.coerouter.router.config.Role;
import io.coerouter.router.dispatch.ClusterNode;
import io.coerouter.router.dispatch.DispatchWorker;
import io.coerouter.router.dispatch.MicrometerDispatchMetrics;
import io.coerouter.router.dispatch.RecentLoads;
import io.coerouter.router.scheduling.ExpertScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * A worker ({@code coe.role=worker}) runs the enabled local experts of the registry for the cluster: its loop starts
 * once the application is ready and stops first on shutdown, letting running requests finish.
 */
@Configuration(proxyBeanMethods = false)
class ClusterWorkerConfiguration {

    @Bean
    WorkerLifecycle workerLifecycle(
            ClusterNode node,
            CoeProperties properties,
            ExpertRegistry registry,
            ModelPool pool,
            ExpertScheduler scheduler,
            RecentLoads loads,
            Clock clock,
            MeterRegistry meters) {
        return new WorkerLifecycle(node, properties, registry, pool, scheduler, loads, clock, meters);
    }

    /** Starts a worker's loop when the application is ready; stops it first on shutdown. */
    static final class WorkerLifecycle {
        private final ClusterNode node;
        private final CoeProperties properties;
        private final ExpertRegistry registry;
        private final ModelPool pool;
        private final ExpertScheduler scheduler;
        private final RecentLoads loads;
        private final Clock clock;
        private final MeterRegistry meters;

        WorkerLifecycle(
                ClusterNode node,
                CoeProperties properties,
                ExpertRegistry registry,
                ModelPool pool,
                ExpertScheduler scheduler,
                RecentLoads loads,
                Clock clock,
                MeterRegistry meters) {
            this.node = node;
            this.properties = properties;
            this.registry = registry;
            this.pool = pool;
            this.scheduler = scheduler;
            this.loads = loads;
            this.clock = clock;
            this.meters = meters;
        }

        @EventListener(ApplicationReadyEvent.class)
        void start() {
            if (node.role() != Role.WORKER) {
                return;
            }
            DispatchProperties d = properties.dispatch();
            Duration overflow = d.overflowAfter() != null
                    ? d.overflowAfter()
                    : properties.scheduler().maxWait();
            node.startWorker(DispatchWorker.builder()
                    .experts(this::localExperts)
                    .pool(pool::snapshot)
                    .scheduled(scheduler::queued)
                    .loads(loads)
                    .clock(clock)
                    .metrics(new MicrometerDispatchMetrics(meters))
                    .execution(ExpertScheduler::alreadyWaited)
                    .settings(new DispatchWorker.Settings(
                            d.heartbeat(),
                            d.ttl(),
                            d.lease(),
                            d.block(),
                            overflow,
                            properties.scheduler().maxBatchSize())));
        }

        @EventListener(ContextClosedEvent.class)
        void stop() {
            node.worker().ifPresent(w -> w.close(properties.dispatch().lease()));
        }

        private Map<String, Expert> localExperts() {
            Map<String, Expert> local = new LinkedHashMap<>();
            for (RegisteredExpert entry : registry.entries()) {
                if (entry.state() == ExpertState.ENABLED && entry.local()) {
                    local.put(entry.expert().id(), entry.expert());
                }
            }
            return local;
        }
    }
}
