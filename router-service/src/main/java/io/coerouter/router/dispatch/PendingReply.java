package io.coerouter.router.dispatch;

import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenListener;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One request's wait for its answer. The channel's reader {@link #offer}s replies; the rules of {@link ReplyChannel}
 * pick which attempt's replies count, and what counts goes into a queue that {@link #await} drains on the caller's
 * thread (the token listener never runs on the reader).
 */
final class PendingReply implements ReplyChannel.Pending {

    /** What the reader hands the waiting thread: text, the final reply, or a failure of the gateway's own. */
    private sealed interface Event {}

    private record Text(String text) implements Event {}

    private record Final(Reply reply) implements Event {}

    private record Failure(ExpertException error) implements Event {}

    private final String expertId;
    private final TokenListener tokens;
    private final Consumer<PendingReply> onClose;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();

    // Guarded by this: which attempt counts, whether it sent text, whether the answer is decided.
    private String bound;
    private final Set<String> abandoned = new HashSet<>();
    private boolean streamed;
    private boolean finished;

    private volatile Served served;

    PendingReply(String expertId, TokenListener tokens, Consumer<PendingReply> onClose) {
        this.expertId = expertId;
        this.tokens = tokens;
        this.onClose = onClose;
    }

    String expertId() {
        return expertId;
    }

    /** A reply for this request, from the reader. */
    synchronized void offer(Reply reply) {
        if (finished || abandoned.contains(reply.attempt())) {
            return;
        }
        if (bound == null) {
            bound = reply.attempt();
        } else if (!bound.equals(reply.attempt())) {
            if (streamed) {
                finish(new Failure(ExpertException.of(
                        expertId, ExpertErrorKind.CONNECTION, "the worker running it stopped mid-stream", null)));
                return;
            }
            // The bound attempt's worker died before any text and the entry was reclaimed: the new one counts.
            abandoned.add(bound);
            bound = reply.attempt();
        }
        switch (reply.kind()) {
            case TOKEN -> {
                if (!reply.body().isEmpty()) {
                    streamed = true;
                    events.add(new Text(reply.body()));
                }
            }
            case DONE, FAILED -> finish(new Final(reply));
        }
    }

    /** Fails the request unless its answer is decided already. */
    synchronized void fail(ExpertException error) {
        if (!finished) {
            finish(new Failure(error));
        }
    }

    private void finish(Event last) {
        finished = true;
        events.add(last);
    }

    @Override
    public ExpertResponse await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    ExpertException timedOut =
                            ExpertException.of(expertId, ExpertErrorKind.TIMEOUT, "no answer within " + timeout, null);
                    fail(timedOut);
                    // The timeout, or an answer that came just before it, is next; nothing when awaited again.
                    event = events.poll();
                    if (event == null) {
                        throw timedOut;
                    }
                }
                switch (event) {
                    case Text text -> {
                        if (tokens.streaming()) {
                            tokens.onToken(text.text());
                        }
                    }
                    case Final last -> {
                        return answer(last.reply());
                    }
                    case Failure failure -> throw failure.error();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ExpertException cancelled =
                    ExpertException.of(expertId, ExpertErrorKind.CANCELLED, "interrupted while waiting", e);
            fail(cancelled);
            throw cancelled;
        }
    }

    private ExpertResponse answer(Reply reply) {
        if (reply.kind() == ReplyKind.FAILED) {
            ExpertException error;
            try {
                error = reply.error(expertId);
            } catch (IllegalArgumentException e) {
                throw malformed(e);
            }
            throw error;
        }
        try {
            ExpertResponse response = reply.response(expertId);
            served = reply.served();
            return response;
        } catch (IllegalArgumentException e) {
            throw malformed(e);
        }
    }

    private ExpertException malformed(IllegalArgumentException e) {
        return ExpertException.of(
                expertId, ExpertErrorKind.INVALID_RESPONSE, "the worker's reply was malformed: " + e.getMessage(), e);
    }

    @Override
    public Optional<Served> served() {
        return Optional.ofNullable(served);
    }

    @Override
    public void cancel() {
        fail(ExpertException.of(expertId, ExpertErrorKind.CANCELLED, "the call was cancelled", null));
    }

    @Override
    public void close() {
        synchronized (this) {
            finished = true;
        }
        onClose.accept(this);
    }
}
