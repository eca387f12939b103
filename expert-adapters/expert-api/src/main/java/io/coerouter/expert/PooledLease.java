package io.coerouter.expert;

import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link ModelPool.Lease} that hands its model back to the pool once, on the first close. */
final class PooledLease<M> implements ModelPool.Lease<M> {
    private final M model;
    private final Tier from;
    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();

    PooledLease(M model, Tier from, Runnable release) {
        this.model = model;
        this.from = from;
        this.release = release;
    }

    @Override
    public M model() {
        return model;
    }

    @Override
    public Tier loadedFrom() {
        return from;
    }

    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }
}
