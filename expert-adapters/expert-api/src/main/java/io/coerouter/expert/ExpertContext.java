package io.coerouter.expert;

import io.coerouter.expert.egress.EgressPolicy;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What an adapter gets from its host besides its config.
 *
 * @param environment looks up environment variables (API keys); injected so tests need not set real ones
 * @param listeners observers of every call
 * @param localModels the pool and settings local adapters share, or null when the host runs no local models
 * @param egress where remote adapters may connect; checked before every call
 * @param traceHeaders the trace-context headers remote adapters add to each request
 */
public record ExpertContext(
        UnaryOperator<String> environment,
        List<ExpertListener> listeners,
        LocalModels localModels,
        EgressPolicy egress,
        TraceHeaders traceHeaders) {

    public ExpertContext {
        Objects.requireNonNull(environment, "environment must not be null");
        listeners = List.copyOf(listeners);
        egress = egress == null ? EgressPolicy.defaults() : egress;
        traceHeaders = traceHeaders == null ? TraceHeaders.NONE : traceHeaders;
    }

    public ExpertContext(
            UnaryOperator<String> environment,
            List<ExpertListener> listeners,
            LocalModels localModels,
            EgressPolicy egress) {
        this(environment, listeners, localModels, egress, null);
    }

    public ExpertContext(UnaryOperator<String> environment, List<ExpertListener> listeners, LocalModels localModels) {
        this(environment, listeners, localModels, null);
    }

    public ExpertContext(UnaryOperator<String> environment, List<ExpertListener> listeners) {
        this(environment, listeners, null);
    }

    /** The process environment and no listeners. */
    public static ExpertContext defaults() {
        return new ExpertContext(System::getenv, List.of());
    }

    /** A context whose environment is the given map. */
    public static ExpertContext withEnvironment(Map<String, String> environment, List<ExpertListener> listeners) {
        Map<String, String> copy = Map.copyOf(environment);
        return new ExpertContext(copy::get, listeners);
    }

    /** This context with local models. */
    public ExpertContext withLocalModels(LocalModels localModels) {
        return new ExpertContext(environment, listeners, localModels, egress, traceHeaders);
    }

    /** This context with another egress policy. */
    public ExpertContext withEgress(EgressPolicy next) {
        return new ExpertContext(environment, listeners, localModels, next, traceHeaders);
    }

    /** This context with trace-context headers for remote requests. */
    public ExpertContext withTraceHeaders(TraceHeaders headers) {
        return new ExpertContext(environment, listeners, localModels, egress, headers);
    }
}
