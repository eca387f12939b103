package io.coerouter.router.experts;

import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertListener;
import io.coerouter.expert.ExpertResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Records every expert call: calls by outcome, tokens, cost and latency, tagged by expert. On Prometheus these are
 * {@code coe_expert_calls_total}, {@code coe_expert_tokens_total}, {@code coe_expert_cost_usd_total} and {@code
 * coe_expert_latency_seconds}. Meters are looked up once per expert, not per call: this runs on every request.
 */
public final class ExpertMetrics implements ExpertListener {

    private final MeterRegistry registry;
    private final Map<String, Meters> byExpert = new ConcurrentHashMap<>();

    public ExpertMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One expert's meters; an error counter is made on the first error of its kind. */
    private final class Meters {
        final String expert;
        final Counter success;
        final Counter inputTokens;
        final Counter outputTokens;
        final Counter cost;
        final Timer successLatency;
        final Timer errorLatency;
        final Map<ExpertErrorKind, Counter> errors = new EnumMap<>(ExpertErrorKind.class);

        Meters(String expert) {
            this.expert = expert;
            this.success = calls(expert, "success", "none");
            this.inputTokens = tokens(expert, "input");
            this.outputTokens = tokens(expert, "output");
            this.cost = Counter.builder("coe.expert.cost.usd")
                    .description("US dollars spent on expert calls, from the configured prices")
                    .tag("expert", expert)
                    .register(registry);
            this.successLatency = latency(expert, "success");
            this.errorLatency = latency(expert, "error");
        }

        synchronized Counter error(ExpertErrorKind kind) {
            return errors.computeIfAbsent(
                    kind, k -> calls(expert, "error", k.name().toLowerCase(Locale.ROOT)));
        }
    }

    private Meters meters(String expert) {
        return byExpert.computeIfAbsent(expert, Meters::new);
    }

    @Override
    public void onResponse(ExpertResponse response) {
        Meters m = meters(response.expertId());
        m.success.increment();
        m.inputTokens.increment(response.usage().inputTokens());
        m.outputTokens.increment(response.usage().outputTokens());
        m.cost.increment(response.cost().doubleValue());
        m.successLatency.record(response.latency().toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void onError(ExpertException error, long elapsedNanos) {
        Meters m = meters(error.expertId());
        m.error(error.kind()).increment();
        m.errorLatency.record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onRetry(String expertId, int attempt, ExpertException error, long waitMillis) {
        Counter.builder("coe.expert.retries")
                .description("Expert call attempts retried, by the error that caused the retry")
                .tags("expert", expertId, "error", error.kind().name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    @Override
    public void onCircuitState(String expertId, String from, String to) {
        if (circuit.put(expertId, CircuitState.of(to).orElse(CircuitState.NONE)) == null) {
            registerCircuitGauges(expertId); // once per expert: the gauges read the map
        }
        Counter.builder("coe.expert.circuit.transitions")
                .description("Circuit breaker state changes")
                .tags("expert", expertId, "to", to)
                .register(registry)
                .increment();
    }

    private void registerCircuitGauges(String expertId) {
        for (CircuitState state : CircuitState.GAUGED) {
            io.micrometer.core.instrument.Gauge.builder(
                            "coe.expert.circuit.state", circuit, c -> state == c.get(expertId) ? 1 : 0)
                    .description(
                            "1 for the expert's current circuit state (closed, open, half_open, forced_open, disabled)")
                    .tags("expert", expertId, "state", state.apiName())
                    .register(registry);
        }
    }

    @Override
    public void onShortCircuit(String expertId, String reason) {
        Counter.builder("coe.expert.short.circuits")
                .description("Calls refused before reaching the provider (open circuit, rate limit, token rate limit)")
                .tags("expert", expertId, "reason", reason)
                .register(registry)
                .increment();
    }

    private final Map<String, CircuitState> circuit = new ConcurrentHashMap<>();

    private Counter calls(String expert, String outcome, String error) {
        return Counter.builder("coe.expert.calls")
                .description("Expert calls by outcome and error kind")
                .tags("expert", expert, "outcome", outcome, "error", error)
                .register(registry);
    }

    private Counter tokens(String expert, String direction) {
        return Counter.builder("coe.expert.tokens")
                .description("Tokens consumed by expert calls")
                .tags("expert", expert, "direction", direction)
                .register(registry);
    }

    private Timer latency(String expert, String outcome) {
        return Timer.builder("coe.expert.latency")
                .description("Wall time of expert calls")
                .tags("expert", expert, "outcome", outcome)
                .register(registry);
    }
}
