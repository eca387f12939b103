package io.coerouter.expert;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Caps the calls in flight to an expert at its configured max concurrency; waiters queue fairly. */
final class BoundedExpert extends ForwardingExpert {

    private final Semaphore permits;

    BoundedExpert(Expert delegate) {
        super(delegate);
        this.permits = new Semaphore(delegate().config().maxConcurrency(), true);
    }

    @Override
    public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
        acquire();
        try {
            return delegate().doChat(request, tokens);
        } finally {
            permits.release();
        }
    }

    /** A batch takes one slot: it is one unit of work for the expert (one forward pass per step locally). */
    @Override
    public List<ExpertOutcome> doChatBatch(List<ExpertRequest> requests, List<TokenListener> listeners) {
        acquire();
        try {
            return delegate().doChatBatch(requests, listeners);
        } finally {
            permits.release();
        }
    }

    private void acquire() {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(config().requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExpertException.of(id(), ExpertErrorKind.CANCELLED, "interrupted while queued", e);
        }
        if (!acquired) {
            throw ExpertException.of(
                    id(),
                    ExpertErrorKind.UNAVAILABLE,
                    "all " + config().maxConcurrency() + " slots stayed busy for " + config().requestTimeout(),
                    null);
        }
    }

    /** Calls in flight now. */
    int inFlight() {
        return config().maxConcurrency() - permits.availablePermits();
    }
}
