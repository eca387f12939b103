package io.coerouter.expert;

import java.util.List;
import java.util.Objects;

/**
 * A decorator's base: forwards the expert's identity, listeners, health and {@link #close()} to the expert it wraps,
 * so a decorator overrides only the call hooks it changes.
 */
public abstract class ForwardingExpert implements Expert, AutoCloseable {

    private final Expert delegate;

    protected ForwardingExpert(Expert delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
    }

    /** The wrapped expert. */
    protected final Expert delegate() {
        return delegate;
    }

    /**
     * The expert {@code expert} decorates, when it is a decorator built on this class; else null. Lets a host find a
     * decorator of its own under others (a scheduled expert inside a registry's wrapper).
     */
    public static Expert wrappedBy(Expert expert) {
        return expert instanceof ForwardingExpert f ? f.delegate : null;
    }

    @Override
    public ExpertConfig config() {
        return delegate.config();
    }

    @Override
    public List<ExpertListener> listeners() {
        return delegate.listeners();
    }

    @Override
    public boolean available() {
        return delegate.available();
    }

    @Override
    public boolean joinsRunningBatch() {
        return delegate.joinsRunningBatch();
    }

    @Override
    public String circuitState() {
        return delegate.circuitState();
    }

    @Override
    public boolean overrideCircuit(CircuitOverride override) {
        return delegate.overrideCircuit(override);
    }

    /**
     * Closes the wrapped expert when it holds resources (is {@link AutoCloseable}: a remote adapter's connection pool);
     * else does nothing. Call it once no call runs on this expert any more: a call still running may fail.
     */
    @Override
    public void close() {
        Expert.closeIfCloseable(delegate);
    }
}
