package io.coerouter.router.telemetry;

import io.coerouter.expert.ModelPool;
import io.coerouter.expert.Tier;
import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.experts.PoolActivity;
import io.coerouter.router.state.SharedState;
import io.coerouter.router.telemetry.genai.GenAiTelemetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The live metrics and the replica registry, in Redis when it is configured, else in memory; the traces and GenAI
 * metrics.
 */
@Configuration(proxyBeanMethods = false)
class TelemetryConfiguration {

    @Bean(destroyMethod = "close")
    LiveMetrics liveMetrics(SharedState state, Clock clock, PoolActivity poolActivity) {
        MetricsStore store = state.redis().map(MetricsStore::redis).orElseGet(MetricsStore::inMemory);
        LiveMetrics metrics = new LiveMetrics(store, clock);
        poolActivity.observe(metrics.poolListener());
        return metrics;
    }

    @Bean(destroyMethod = "close")
    ReplicaRegistry replicaRegistry(
            SharedState state,
            Clock clock,
            ExpertRegistry experts,
            ModelPool pool,
            ObjectProvider<BuildProperties> build) {
        ReplicaStore store = state.redis().map(ReplicaStore::redis).orElseGet(ReplicaStore::inMemory);
        return new ReplicaRegistry(
                        store,
                        clock,
                        state.replicaId(),
                        version(build.getIfAvailable()),
                        () -> experts.all().size(),
                        () -> (int) pool.snapshot().models().stream()
                                .filter(m -> m.tier() == Tier.DEVICE)
                                .count())
                .start();
    }

    /** The router's traces ({@code coe.tracing}) and GenAI metrics. */
    @Bean(destroyMethod = "close")
    GenAiTelemetry genAiTelemetry(CoeProperties properties, MeterRegistry meters) {
        return GenAiTelemetry.of(properties.tracing().toConfig(), meters);
    }

    /** Prometheus exemplars: a histogram sample recorded while a sampled span is current carries its ids. */
    @Bean
    io.prometheus.metrics.tracer.common.SpanContext exemplarSpanContext() {
        return new io.prometheus.metrics.tracer.common.SpanContext() {
            @Override
            public String getCurrentTraceId() {
                SpanContext current = Span.current().getSpanContext();
                return current.isValid() ? current.getTraceId() : null;
            }

            @Override
            public String getCurrentSpanId() {
                SpanContext current = Span.current().getSpanContext();
                return current.isValid() ? current.getSpanId() : null;
            }

            @Override
            public boolean isCurrentSpanSampled() {
                return Span.current().getSpanContext().isSampled();
            }

            @Override
            public void markCurrentSpanAsExemplar() {}
        };
    }

    /** The build's version: from its build info, else the jar's manifest, else {@code dev}. */
    private static String version(BuildProperties build) {
        if (build != null && build.getVersion() != null) {
            return build.getVersion();
        }
        String manifest = TelemetryConfiguration.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : "dev";
    }
}
