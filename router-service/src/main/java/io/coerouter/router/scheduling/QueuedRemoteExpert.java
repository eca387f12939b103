package io.coerouter.router.scheduling;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.ForwardingExpert;
import io.coerouter.expert.TokenListener;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A remote expert with at most {@code max-concurrency} calls in flight and a bounded first-come-first-served queue
 * in front of them: a full queue refuses at once (HTTP 429 with Retry-After), a queued call waits up to the
 * expert's request timeout. Batch calls take one slot per request (the default {@code doChatBatch} runs each through
 * {@link #doChat}).
 */
final class QueuedRemoteExpert extends ForwardingExpert {

    private final SchedulerConfig config;
    private final SchedulerListener listener;
    private final Semaphore slots;
    private final AtomicInteger waiting = new AtomicInteger();

    QueuedRemoteExpert(Expert delegate, SchedulerConfig config, SchedulerListener listener) {
        super(delegate);
        this.config = config;
        this.listener = listener;
        this.slots = new Semaphore(delegate().config().maxConcurrency(), true);
        listener.onNewQueue(delegate().id(), waiting::get);
    }

    @Override
    public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
        acquire();
        try {
            return delegate().doChat(request, tokens);
        } finally {
            slots.release();
        }
    }

    private void acquire() {
        long start = System.nanoTime();
        try {
            // The timed form honours fairness: a free slot goes to the longest waiter, not to a newcomer.
            if (slots.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                listener.onWait(id(), 0);
                return;
            }
            if (waiting.incrementAndGet() > config.queueCapacity()) {
                waiting.decrementAndGet();
                listener.onRejected(id());
                throw ExpertException.of(
                        id(),
                        ExpertErrorKind.RATE_LIMITED,
                        "all " + config().maxConcurrency() + " slots are busy and its queue holds "
                                + config.queueCapacity() + " requests",
                        0,
                        config.maxWait(),
                        null);
            }
            boolean acquired;
            try {
                acquired = slots.tryAcquire(config().requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } finally {
                waiting.decrementAndGet();
            }
            if (!acquired) {
                throw ExpertException.of(
                        id(),
                        ExpertErrorKind.UNAVAILABLE,
                        "all " + config().maxConcurrency() + " slots stayed busy for " + config().requestTimeout(),
                        null);
            }
            listener.onWait(id(), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExpertException.of(id(), ExpertErrorKind.CANCELLED, "interrupted while queued", e);
        }
    }
}
