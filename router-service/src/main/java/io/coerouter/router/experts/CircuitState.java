package io.coerouter.router.experts;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The state of an expert's circuit breaker, as {@link io.coerouter.expert.Expert#circuitState()} names it. */
public enum CircuitState {
    /** The expert has no circuit breaker (local experts, or {@code resilience.circuit-breaker: false}). */
    NONE,
    CLOSED,
    OPEN,
    HALF_OPEN,
    FORCED_OPEN,
    DISABLED,
    METRICS_ONLY;

    /** The states {@code coe.expert.circuit.state} has a gauge for. */
    public static final Set<CircuitState> GAUGED = EnumSet.of(CLOSED, OPEN, HALF_OPEN, FORCED_OPEN, DISABLED);

    /** The name the expert, the API and the metrics use: {@code half_open}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state {@code name} stands for; empty for a name this version does not know. */
    public static Optional<CircuitState> of(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName().equals(name)).findFirst();
    }
}
