package io.coerouter.router.dispatch;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.state.StateUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An expert whose calls run on workers (see {@link Dispatch#expert}): register the request on the reply channel,
 * enqueue its work item, wait for the answer. Batches run their requests concurrently (the default {@code
 * doChatBatch}); the workers batch them again with whatever else is queued.
 */
final class DispatchedExpert implements Expert {

    private static final Logger log = LoggerFactory.getLogger(DispatchedExpert.class);

    private final ExpertConfig config;
    private final ExpertWorkQueue queue;
    private final ReplyChannel replies;
    private final CancelBroadcast cancels;
    private final Clock clock;

    DispatchedExpert(
            ExpertConfig config, ExpertWorkQueue queue, ReplyChannel replies, CancelBroadcast cancels, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.replies = Objects.requireNonNull(replies, "replies");
        this.cancels = Objects.requireNonNull(cancels, "cancels");
        this.clock = Objects.requireNonNull(clock, "clock");
        queue.keys(config.id()); // refuses an id that cannot name a queue now, not on the first call
    }

    @Override
    public ExpertConfig config() {
        return config;
    }

    @Override
    public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
        String requestId = UUID.randomUUID().toString();
        Duration wait = config.requestTimeout();
        long now = clock.millis();
        String payload =
                DispatchPayload.toJson(new DispatchPayload(request, tokens.streaming(), now + wait.toMillis()));
        try (ReplyChannel.Pending pending = replies.expect(id(), requestId, tokens)) {
            String entry = enqueue(new WorkItem(requestId, replies.id(), payload, now));
            try {
                ExpertResponse response = pending.await(wait);
                return pending.served()
                        .map(where -> response.withServed(where.toResponse()))
                        .orElse(response);
            } catch (RuntimeException e) {
                // Timed out, cancelled, the client went away, or failed: no one wants this request's work any more.
                abandon(requestId, entry);
                throw e;
            }
        }
    }

    /**
     * Enqueues {@code item} on a thread of its own and waits for it without being interrupted: an interrupt that cut
     * the command short would leave an entry in the queue whose id no one knows. An interrupt that came meanwhile is
     * set again afterwards, so the wait that follows ends as cancelled and takes the entry off the queue.
     */
    private String enqueue(WorkItem item) {
        FutureTask<String> added = new FutureTask<>(() -> queue.enqueue(id(), item));
        Thread.startVirtualThread(added);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return added.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw refused(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private RuntimeException refused(Throwable cause) {
        return switch (cause) {
            case QueueFullException full ->
                ExpertException.of(
                        id(),
                        ExpertErrorKind.RATE_LIMITED,
                        "its queue holds " + full.capacity() + " requests",
                        0,
                        Dispatch.RETRY_AFTER_QUEUE_FULL,
                        null);
            case StateUnavailableException down ->
                ExpertException.of(
                        id(),
                        ExpertErrorKind.UNAVAILABLE,
                        "the cluster's Redis is unreachable",
                        0,
                        Dispatch.RETRY_AFTER_REDIS,
                        down);
            case RuntimeException other -> other;
            case Error error -> throw error;
            default -> new IllegalStateException(cause);
        };
    }

    /**
     * Takes the request's entry off the queue if no worker has it yet and tells the workers it is cancelled; runs
     * with the thread's interrupt cleared (Redis commands fail on an interrupted thread) and restores it. Best effort:
     * a worker that misses it answers, and the answer is dropped.
     */
    private void abandon(String requestId, String entry) {
        boolean interrupted = Thread.interrupted();
        try {
            queue.remove(id(), entry);
            cancels.cancel(requestId);
        } catch (RuntimeException e) {
            log.debug("expert '{}': could not cancel request {}: {}", id(), requestId, e.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
