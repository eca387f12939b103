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

/**
 * An expert as the registry serves it: refused while disabled or draining (as unavailable, so calls fail over like
 * an open circuit), and counting its calls in flight so a drain can tell when they have finished.
 */
final class ManagedExpert extends ForwardingExpert {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Runnable onDrained;
    private volatile ExpertState state;

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
        if (before != ExpertState.DRAINING && next == ExpertState.DRAINING && inFlight.get() == 0) {
            onDrained.run();
        }
    }

    /** Calls of this replica that have started and not finished. */
    int inFlight() {
        return inFlight.get();
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
        inFlight.addAndGet(calls);
    }

    private void leave(int calls) {
        if (inFlight.addAndGet(-calls) == 0 && state == ExpertState.DRAINING) {
            onDrained.run();
        }
    }
}
