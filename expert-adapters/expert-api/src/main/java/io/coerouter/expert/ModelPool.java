package io.coerouter.expert;

/**
 * Holds loaded local models under a device-memory budget, with a host-memory tier below it (after SambaNova SN40L's
 * tiers: disk, host, device). Loading a model that does not fit evicts the least recently used models that are
 * neither in use nor pinned; a model that cannot fit even then is a clear {@link
 * io.coerouter.expert.ExpertException}, never an out-of-memory crash. Thread-safe; closing it closes every model.
 */
public interface ModelPool extends AutoCloseable {

    /**
     * The loaded model of {@code source}, loading it first if needed. The model stays loaded at least until the
     * lease is closed.
     *
     * @throws io.coerouter.expert.ExpertException {@code MISCONFIGURED} if the model is larger than the whole budget or
     *     fails to load; {@code UNAVAILABLE} (retriable) if models in use or pinned leave no room
     */
    <M extends AutoCloseable> Lease<M> acquire(ModelSource<M> source);

    /** Keeps {@code id} loaded once it is (and never evicts it) until {@link #unpin}. */
    void pin(String id);

    void unpin(String id);

    /** Unloads {@code id} now if it is loaded and idle; returns whether it did. */
    boolean evict(String id);

    /** The state of every model, the budgets and their use. */
    PoolSnapshot snapshot();

    @Override
    void close();

    /** A pool with the given budgets. */
    static ModelPool create(PoolConfig config) {
        return new TieredModelPool(config);
    }

    /**
     * A loaded model held for use.
     *
     * @param <M> the loaded handle
     */
    interface Lease<M> extends AutoCloseable {

        M model();

        /** Where the model came from for this lease: {@link Tier#DEVICE} when it was already loaded. */
        Tier loadedFrom();

        @Override
        void close();
    }
}
