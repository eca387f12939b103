package io.coerouter.router.experts;

import io.coerouter.expert.CircuitOverride;
import io.coerouter.router.config.ExpertProperties;
import java.util.Objects;

/**
 * One expert as the shared store keeps it.
 *
 * @param definition its settings, in the shape of a {@code coe.experts[]} entry
 * @param state whether it takes new calls
 * @param source {@code config} when {@code coe.experts} declares it (a changed declaration replaces it at start),
 *     {@code admin} once the admin API created or changed it (then it outlives changes to the declaration)
 * @param circuit what an operator forced its circuit breaker to, on every replica
 */
public record StoredExpert(ExpertProperties definition, ExpertState state, String source, CircuitOverride circuit) {

    public static final String CONFIG = "config";
    public static final String ADMIN = "admin";

    public StoredExpert {
        Objects.requireNonNull(definition, "definition must not be null");
        Objects.requireNonNull(state, "state must not be null");
        circuit = circuit == null ? CircuitOverride.AUTOMATIC : circuit;
        if (!CONFIG.equals(source) && !ADMIN.equals(source)) {
            throw new IllegalArgumentException("source must be config or admin, but was " + source);
        }
    }

    /** An expert whose circuit is left to its breaker. */
    public StoredExpert(ExpertProperties definition, ExpertState state, String source) {
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
