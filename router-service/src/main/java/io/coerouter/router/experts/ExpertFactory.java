package io.coerouter.router.experts;

import io.coerouter.expert.Expert;
import io.coerouter.expert.egress.EgressPolicy.Origin;
import io.coerouter.router.config.ExpertProperties;

/** Turns a definition into the expert the router serves. */
public interface ExpertFactory {

    /**
     * The expert ready to serve, decorated as its kind needs (scheduled, or resilient and queued).
     *
     * @throws IllegalArgumentException naming the setting that cannot be used
     */
    Expert build(ExpertProperties definition);

    /**
     * The expert for a definition from {@code origin}: the admin API's experts are held to the stricter egress and
     * model-path rules. By default as {@link #build(ExpertProperties)}.
     */
    default Expert build(ExpertProperties definition, Origin origin) {
        return build(definition);
    }

    /**
     * Checks {@code definition} as {@link #build} would, without registering anything; by default by building it (and
     * closing what was built at once).
     */
    default void check(ExpertProperties definition) {
        Expert.closeIfCloseable(build(definition));
    }

    /** Checks {@code definition} from {@code origin} as {@link #build(ExpertProperties, Origin)} would. */
    default void check(ExpertProperties definition, Origin origin) {
        check(definition);
    }

    /** Frees what a drained expert holds, such as a loaded local model. */
    default void release(String id) {}
}
