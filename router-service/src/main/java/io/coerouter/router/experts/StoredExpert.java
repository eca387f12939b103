package io.coerouter.router.experts;

import io.coerouter.router.config.CoeProperties.ExpertProperties;
import java.util.Objects;

/**
 * One expert as the shared store keeps it.
 *
 * @param definition its settings, in the shape of a {@code coe.experts[]} entry
 * @param state whether it takes new calls
 * @param source {@code config} when {@code coe.experts} declares it (a changed declaration replaces it at start),
 *     {@code admin} once the admin API created or changed it (then it outlives changes to the declaration)
 */
public record StoredExpert(ExpertProperties definition, ExpertState state, String source) {

    public static final String CONFIG = "config";
    public static final String ADMIN = "admin";

    public StoredExpert {
        Objects.requireNonNull(definition, "definition must not be null");
        Objects.requireNonNull(state, "state must not be null");
        if (!CONFIG.equals(source) && !ADMIN.equals(source)) {
            throw new IllegalArgumentException("source must be config or admin, but was " + source);
        }
    }

    public String id() {
        return definition.id();
    }

    StoredExpert withState(ExpertState next) {
        return new StoredExpert(definition, next, source);
    }
}
