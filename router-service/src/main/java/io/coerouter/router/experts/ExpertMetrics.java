package io.coerouter.router.experts;

import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertListener;
import io.coerouter.expert.ExpertResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Records every expert call: calls by outcome, tokens, cost and latency, tagged by expert. On Prometheus these are
 * {@code coe_expert_calls_total}, {@code coe_expert_tokens_total}, {@code coe_expert_cost_usd_total} and {@code
 * coe_expert_latency_seconds}.
 */
public final class ExpertMetrics implements ExpertListener {

    private final MeterRegistry registry;

    public ExpertMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onResponse(ExpertResponse response) {
        String expert = response.expertId();
        calls(expert, "success", "none").increment();
        Counter.builder("coe.expert.tokens")
                .description("Tokens consumed by expert calls")
                .tags("expert", expert, "direction", "input")
                .register(registry)
                .increment(response.usage().inputTokens());
        Counter.builder("coe.expert.tokens")
                .description("Tokens consumed by expert calls")
                .tags("expert", expert, "direction", "output")
                .register(registry)
                .increment(response.usage().outputTokens());
        Counter.builder("coe.expert.cost.usd")
                .description("US dollars spent on expert calls, from the configured prices")
                .tag("expert", expert)
                .register(registry)
                .increment(response.cost().doubleValue());
        latency(expert, "success").record(response.latency().toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void onError(ExpertException error, long elapsedNanos) {
        calls(error.expertId(), "error", error.kind().name().toLowerCase(java.util.Locale.ROOT))
                .increment();
        latency(error.expertId(), "error").record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    private Counter calls(String expert, String outcome, String error) {
        return Counter.builder("coe.expert.calls")
                .description("Expert calls by outcome and error kind")
                .tags("expert", expert, "outcome", outcome, "error", error)
                .register(registry);
    }

    private Timer latency(String expert, String outcome) {
        return Timer.builder("coe.expert.latency")
                .description("Wall time of expert calls")
                .tags("expert", expert, "outcome", outcome)
                .register(registry);
    }
}
