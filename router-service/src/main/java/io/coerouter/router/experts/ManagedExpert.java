package io.coerouter.router.experts;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.ForwardingExpert;
import io.coerouter.expert.TokenListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An expert as the registry serves it: refused while disabled or draining (as unavailable, so calls fail over like
 * an open circuit), and counting its calls in flight so a drain can tell when they have finished.
 *
 * <p>When the registry drops it (replaced by a changed definition, deleted, or the registry closed) it is {@link
 * #retire() retired}: the built expert is closed (a remote adapter's connection pool with it) as soon as no call of
 * it is in flight: at once when none is, else when the last one ends. A call that starts after that is refused as
 * unavailable (and fails over), never sent through a closed pool. The count and the closed state are one atomic
 * value ({@link #CLOSED}), so no call can slip in between the check and the close.
 */
final class ManagedExpert extends ForwardingExpert {

    private static final Logger log = LoggerFactory.getLogger(ManagedExpert.class);

    /** {@link #inFlight}'s value once the expert is closed: no call can enter any more. */
    private static final int CLOSED = -1;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Runnable onDrained;
    private volatile ExpertState state;
    private volatile boolean retired;

    ManagedExpert(Expert delegate, ExpertState state, Runnable onDrained) {
        super(delegate);
        this.state = state;
        this.onDrained = onDrained;
    }

    ExpertState state() {
        return state;
    }

    void state(ExpertState next) {
        ExpertState before = state;
        state = next;
        if (before != ExpertState.DRAINING && next == ExpertState.DRAINING && inFlight.get() <= 0) {
            onDrained.run();
        }
    }

    /** Calls of this replica that have started and not finished. */
    int inFlight() {
        return Math.max(0, inFlight.get());
    }

    /**
     * The registry no longer serves this expert: closes the built expert now when no call is in flight, else when
     * the last one ends. Idempotent.
     */
    void retire() {
        retired = true;
        closeIfIdle();
    }

    /** Whether the built expert has been closed. */
    boolean closed() {
        return inFlight.get() == CLOSED;
    }

    private void closeIfIdle() {
        if (retired && inFlight.compareAndSet(0, CLOSED)) {
            try {
                close();
            } catch (RuntimeException e) {
                log.warn("expert '{}' could not be closed: {}", id(), e.getMessage());
            }
        }
    }

    /** The wrapped expert, to tell whether a refreshed registry can keep this one. */
    Expert unwrap() {
        return delegate();
    }

    @Override
    public boolean available() {
        return state == ExpertState.ENABLED && delegate().available();
    }

    @Override
    public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
        enter(1);
        try {
            return delegate().doChat(request, tokens);
        } finally {
            leave(1);
        }
    }

    @Override
    public List<ExpertOutcome> doChatBatch(List<ExpertRequest> requests, List<TokenListener> listeners) {
        enter(requests.size());
        try {
            return delegate().doChatBatch(requests, listeners);
        } finally {
            leave(requests.size());
        }
    }

    private void enter(int calls) {
        ExpertState now = state;
        if (now != ExpertState.ENABLED) {
            throw ExpertException.of(id(), ExpertErrorKind.UNAVAILABLE, "it is " + now.apiName(), null);
        }
        while (true) {
            int before = inFlight.get();
            if (before == CLOSED) {
                throw ExpertException.of(id(), ExpertErrorKind.UNAVAILABLE, "it was replaced or removed", null);
            }
            if (inFlight.compareAndSet(before, before + calls)) {
                return;
            }
        }
    }

    private void leave(int calls) {
        if (inFlight.addAndGet(-calls) == 0) {
            if (state == ExpertState.DRAINING) {
                onDrained.run();
            }
            closeIfIdle();
        }
    }
}
