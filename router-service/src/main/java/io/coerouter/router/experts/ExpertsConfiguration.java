package io.coerouter.router.experts;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.LocalModels;
import io.coerouter.expert.ModelPool;
import io.coerouter.expert.PoolConfig;
import io.coerouter.expert.egress.EgressPolicy.Origin;
import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.config.ExpertProperties;
import io.coerouter.router.config.LocalProperties;
import io.coerouter.router.dispatch.ClusterNode;
import io.coerouter.router.dispatch.RecentLoads;
import io.coerouter.router.scheduling.ExpertScheduler;
import io.coerouter.router.scheduling.ResidentModels;
import io.coerouter.router.scheduling.SchedulerConfig;
import io.coerouter.router.scheduling.SchedulerMetrics;
import io.coerouter.router.state.SharedState;
import io.coerouter.router.telemetry.genai.GenAiTelemetry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds every declared expert, observed by {@link ExpertMetrics}: local ones batched by the scheduler, remote ones
 * queued in front of their max concurrency.
 */
@Configuration(proxyBeanMethods = false)
class ExpertsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ExpertsConfiguration.class);

    /** Which models are loaded now, for the scheduler's choices; fed by the pool's events. */
    @Bean
    ResidentModels residentModels() {
        return new ResidentModels();
    }

    /** This replica's loads and evictions per minute, for the console; it tells the live metrics of each. */
    @Bean
    PoolActivity poolActivity(java.time.Clock clock) {
        return new PoolActivity(clock);
    }

    /**
     * The shared pool of local models; Spring closes it (and every loaded model) on shutdown. It evicts models with no
     * queued work first (in the scheduler, and on a worker in the cluster's queue).
     */
    @Bean
    ModelPool modelPool(
            CoeProperties properties,
            MeterRegistry meterRegistry,
            ResidentModels resident,
            ExpertScheduler scheduler,
            PoolActivity activity,
            RecentLoads loads,
            ClusterNode node) {
        LocalProperties local = properties.local();
        PoolConfig derived = PoolConfig.fromAvailableMemory();
        PoolConfig config = PoolConfig.of(
                        local.deviceMemoryBudget() == null
                                ? derived.deviceBudgetBytes()
                                : local.deviceMemoryBudget().toBytes(),
                        local.hostMemoryBudget() == null
                                ? derived.hostBudgetBytes()
                                : local.hostMemoryBudget().toBytes())
                .withPinned(Set.copyOf(local.pinned()))
                .withRoomWait(local.roomWait())
                .withListeners(List.of(new PoolMetrics(meterRegistry), resident, activity, loads))
                // Queued here, and on a worker also waiting in the cluster's queue: look-ahead eviction spares both.
                .withDemand(id -> scheduler.queued(id)
                        + node.worker().map(w -> w.clusterWaiting(id)).orElse(0));
        ModelPool pool = ModelPool.create(config);
        Gauge.builder("coe.pool.device.used", pool, p -> p.snapshot().deviceUsedBytes())
                .description("Bytes of local models loaded on the device")
                .baseUnit("bytes")
                .register(meterRegistry);
        Gauge.builder("coe.pool.host.used", pool, p -> p.snapshot().hostUsedBytes())
                .description("Bytes of model files kept in the host tier")
                .baseUnit("bytes")
                .register(meterRegistry);
        log.info(
                "model pool: device budget {} MB, host budget {} MB",
                config.deviceBudgetBytes() >> 20,
                config.hostBudgetBytes() >> 20);
        return pool;
    }

    @Bean
    ModelPoolEndpoint modelPoolEndpoint(ModelPool pool) {
        return new ModelPoolEndpoint(pool);
    }

    @Bean(destroyMethod = "close")
    ExpertScheduler expertScheduler(
            CoeProperties properties,
            MeterRegistry meterRegistry,
            ResidentModels resident,
            GenAiTelemetry telemetry,
            PoolActivity poolActivity) {
        SchedulerConfig config;
        try {
            config = properties.scheduler().toConfig();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("coe.scheduler: " + e.getMessage(), e);
        }
        log.info(
                "scheduler: policy {}, max wait {}, max batch {}",
                config.policy().name(),
                config.maxWait(),
                config.maxBatchSize());
        poolActivity.observe(telemetry.poolListener()); // a load during a batch: a span of each request in it
        return new ExpertScheduler(config, resident, new SchedulerMetrics(meterRegistry), telemetry);
    }

    /** Where the registry lives: the shared Redis when there is one, else this process's memory. */
    @Bean
    ExpertStore expertStore(SharedState state) {
        return state.redis().map(ExpertStore::redis).orElseGet(ExpertStore::inMemory);
    }

    @Bean
    ExpertRegistry expertRegistry(
            CoeProperties properties,
            MeterRegistry meterRegistry,
            ModelPool pool,
            ExpertScheduler scheduler,
            java.time.Clock clock,
            ExpertStore store,
            SharedState state,
            ClusterNode node,
            GenAiTelemetry telemetry) {
        // One loaded model generates for at most the scheduler's batch size at once, joiners included.
        LocalModels local = new LocalModels(
                pool,
                properties.local().cacheDir(),
                properties.local().device(),
                properties.scheduler().maxBatchSize());
        ExpertPolicies declared = ExpertPolicies.of(
                properties.secrets().toPolicy(),
                properties.egress().toPolicy(),
                properties.local().modelDirs(),
                properties.local().modelClasspathPrefixes());
        // A gateway loads no models: its local experts' model paths are read by the workers.
        ExpertPolicies policies = node.gateway().isPresent() ? declared.withModelsElsewhere() : declared;
        // Adapters read keys through the secret policy: a variable it refuses reads as unset.
        // Remote calls carry the traceparent of the expert call they make (coe.tracing).
        ExpertContext context = new ExpertContext(
                        policies.secrets().filter(System::getenv), List.of(new ExpertMetrics(meterRegistry)), local)
                .withTraceHeaders(telemetry::outboundHeaders);
        ExpertFactory factory = new ExpertFactory() {
            @Override
            public Expert build(ExpertProperties p) {
                return build(p, Origin.DECLARED);
            }

            @Override
            public Expert build(ExpertProperties p, Origin origin) {
                policies.check(p, origin);
                if (RegisteredExpert.LOCAL_ADAPTER.equals(p.adapter())
                        && node.gateway().isPresent()) {
                    // The workers run it: the gateway keeps its declaration and sends its calls to them.
                    return node.gateway().get().expert(p.toConfig(), context.listeners());
                }
                Expert expert = Expert.of(p.toConfig(), context.withEgress(policies.egress(origin)));
                // Local models share the device: their work is batched by expert through the scheduler (on a
                // gateway, through the cluster's queue for the expert, to the workers' schedulers). Remote ones get
                // a circuit breaker, retries and a rate limit, behind a bounded FIFO queue in front of their
                // max-concurrency (so our own queue's refusals never count against the provider).
                if (RegisteredExpert.LOCAL_ADAPTER.equals(p.adapter())) {
                    return scheduler.schedule(expert);
                }
                return scheduler.limit(Expert.resilient(expert, resilience(p), clock));
            }

            @Override
            public void check(ExpertProperties p) {
                check(p, Origin.DECLARED);
            }

            @Override
            public void check(ExpertProperties p, Origin origin) {
                policies.check(p, origin);
                if (RegisteredExpert.LOCAL_ADAPTER.equals(p.adapter())
                        && node.gateway().isPresent()) {
                    p.toConfig();
                    return;
                }
                // Built to be checked only: closed at once (a remote adapter's connection pool).
                Expert.closeIfCloseable(Expert.of(p.toConfig(), context.withEgress(policies.egress(origin))));
                if (!RegisteredExpert.LOCAL_ADAPTER.equals(p.adapter())) {
                    resilience(p);
                }
            }

            /** Unloads a local model; the registry closes the built expert itself (ManagedExpert#retire). */
            @Override
            public void release(String id) {
                if (pool.evict(id)) {
                    log.info("expert '{}': its local model was unloaded", id);
                }
            }
        };
        ExpertRegistry registry =
                ExpertRegistry.start(properties.experts(), properties.defaultExpert(), store, state.events(), factory);
        for (RegisteredExpert entry : registry.entries()) {
            var config = entry.expert().config();
            if (config.apiKeyEnv() != null && context.environment().apply(config.apiKeyEnv()) == null) {
                // The variable's name is a secret reference too: it is never logged.
                log.warn("expert '{}': its API key variable is not set; its calls will fail until it is", config.id());
            }
            log.info(
                    "expert '{}' ready (adapter {}{}, {}, from {})",
                    config.id(),
                    config.adapter(),
                    config.baseUrl() != null
                            ? ", " + config.baseUrl()
                            : config.modelPath() != null ? ", " + config.modelPath() : "",
                    entry.state().apiName(),
                    entry.stored().source().apiName());
        }
        log.info("model 'coe' answers with the default expert '{}'", registry.defaultExpertId());
        return registry;
    }

    private static io.coerouter.expert.ResilienceConfig resilience(ExpertProperties p) {
        try {
            return p.resilience().toConfig();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("coe.experts '" + p.id() + "' resilience: " + e.getMessage(), e);
        }
    }
}
