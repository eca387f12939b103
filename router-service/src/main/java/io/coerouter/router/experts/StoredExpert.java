package io.coerouter.router.experts;

import io.coerouter.expert.CircuitOverride;
import io.coerouter.router.config.ExpertProperties;
import java.util.Objects;

/**
 * One expert as the shared store keeps it (written as {@link StoredExpertJson}).
 *
 * @param definition its settings, in the shape of a {@code coe.experts[]} entry
 * @param state whether it takes new calls
 * @param source whether {@code coe.experts} declares it or the admin API created or changed it
 * @param circuit what an operator forced its circuit breaker to, on every replica
 */
public record StoredExpert(
        ExpertProperties definition, ExpertState state, ExpertSource source, CircuitOverride circuit) {

    public static final ExpertSource CONFIG = ExpertSource.CONFIG;
    public static final ExpertSource ADMIN = ExpertSource.ADMIN;

    public StoredExpert {
        Objects.requireNonNull(definition, "definition must not be null");
        Objects.requireNonNull(state, "state must not be null");
        Objects.requireNonNull(source, "source must not be null");
        circuit = circuit == null ? CircuitOverride.AUTOMATIC : circuit;
    }

    /** An expert whose circuit is left to its breaker. */
    public StoredExpert(ExpertProperties definition, ExpertState state, ExpertSource source) {
        this(definition, state, source, CircuitOverride.AUTOMATIC);
    }

    public String id() {
        return definition.id();
    }

    public StoredExpert withState(ExpertState next) {
        return new StoredExpert(definition, next, source, circuit);
    }

    public StoredExpert withCircuit(CircuitOverride next) {
        return new StoredExpert(definition, state, source, next);
    }
}
