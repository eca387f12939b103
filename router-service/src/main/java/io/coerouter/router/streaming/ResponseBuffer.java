package io.coerouter.router.streaming;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The text of one streamed answer between the expert that writes it and the client that reads it. The producer's
 * calls never block and never fail. Each piece of text is handed to the consumer as it was written (one SSE chunk a
 * token, as clients expect), until {@value #MAX_PIECES} pieces wait for a slow client: later text is then coalesced
 * into the last piece, so what waits costs its characters, not an event per token. All of it is bounded by {@link
 * StreamConfig#maxBufferedBytes()}. Once the client is given up on (see {@link
 * Abandonment}) the buffered text is released and later text is discarded, so the expert finishes as if the client
 * were still there.
 *
 * @param <E> how the answer ends (the final answer or an error), handed to the consumer after the last text
 */
public final class ResponseBuffer<E> {

    /** How many separate pieces wait at most before later text joins the last one. */
    static final int MAX_PIECES = 256;

    /** What one waiting piece costs beyond its characters, roughly: its builder and the queue's slot. */
    private static final long PIECE_OVERHEAD_BYTES = 64;

    /**
     * What the consumer takes in one go.
     *
     * @param text the next piece of text, possibly empty
     * @param keepAlive whether the producer asked for a keep-alive since the last take
     * @param end how the answer ends, after {@code text}; null while it goes on
     */
    public record Batch<E>(String text, boolean keepAlive, E end) {}

    private final StreamConfig config;
    private final Clock clock;
    private final Consumer<Abandonment> onAbandoned;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<StringBuilder> pending = new ArrayDeque<>();
    private long pendingChars;
    private boolean keepAlive;
    private E end;
    private boolean ended;
    private boolean producerDone;
    private boolean used;
    private boolean discarded;
    private Abandonment abandoned;
    private Instant writingSince;

    /** @param onAbandoned told once, on the thread that noticed, when the client is given up on */
    public ResponseBuffer(StreamConfig config, Clock clock, Consumer<Abandonment> onAbandoned) {
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.onAbandoned = Objects.requireNonNull(onAbandoned, "onAbandoned must not be null");
    }

    /**
     * Adds answer text for the client.
     *
     * @return false when the client was given up on and the text was dropped
     */
    public boolean append(String text) {
        if (text == null || text.isEmpty()) {
            return isOpen();
        }
        Abandonment now;
        lock.lock();
        try {
            if (closed()) {
                return false;
            }
            now = stalled();
            boolean join = pending.size() >= MAX_PIECES;
            long bytes = 2L * (pendingChars + text.length()) + PIECE_OVERHEAD_BYTES * (pending.size() + (join ? 0 : 1));
            if (now == null && bytes > config.maxBufferedBytes()) {
                now = Abandonment.BUFFER_FULL;
            }
            if (now == null) {
                used = true;
                if (join) {
                    pending.peekLast().append(text);
                } else {
                    pending.addLast(new StringBuilder(text));
                }
                pendingChars += text.length();
                ready.signalAll();
                return true;
            }
            release(now);
        } finally {
            lock.unlock();
        }
        onAbandoned.accept(now);
        return false;
    }

    /**
     * Asks for a keep-alive (which also starts the response) while the answer is being prepared.
     *
     * @return false when the client was given up on
     */
    public boolean keepAlive() {
        Abandonment now;
        lock.lock();
        try {
            if (closed()) {
                return false;
            }
            now = stalled();
            if (now == null) {
                used = true;
                keepAlive = true;
                ready.signalAll();
                return true;
            }
            release(now);
        } finally {
            lock.unlock();
        }
        onAbandoned.accept(now);
        return false;
    }

    /** Ends the answer: the consumer gets {@code last} after the text before it. Later calls are ignored. */
    public void end(E last) {
        Objects.requireNonNull(last, "last must not be null");
        underLock(() -> {
            if (!closed() && !ended) {
                used = true;
                ended = true;
                end = last;
                ready.signalAll();
            }
        });
    }

    /**
     * The producer will write nothing more, whether or not it {@linkplain #end ended} the answer (it may have failed
     * past recovery): the consumer takes what is left and stops.
     */
    public void producerDone() {
        underLock(() -> {
            producerDone = true;
            ready.signalAll();
        });
    }

    /**
     * Closes the buffer if nothing was ever written to it, so the consumer ends without sending anything (and the
     * caller may still answer with a plain HTTP error).
     *
     * @return true when it was unused and is now closed
     */
    public boolean discardIfUnused() {
        return locked(() -> {
            if (used) {
                return false;
            }
            discarded = true;
            ready.signalAll();
            return true;
        });
    }

    /** Gives up on the client: releases the buffered text and drops what comes later. Only the first reason counts. */
    public void abandon(Abandonment why) {
        Objects.requireNonNull(why, "why must not be null");
        lock.lock();
        try {
            if (abandoned != null || discarded) {
                return;
            }
            release(why);
        } finally {
            lock.unlock();
        }
        onAbandoned.accept(why);
    }

    /** Abandons the response when a write has been blocked past the idle timeout; the producer's calls check too. */
    public void checkIdle() {
        Abandonment now;
        lock.lock();
        try {
            if (closed()) {
                return;
            }
            now = stalled();
            if (now == null) {
                return;
            }
            release(now);
        } finally {
            lock.unlock();
        }
        onAbandoned.accept(now);
    }

    /** Why the client was given up on, if it was. */
    public Optional<Abandonment> abandoned() {
        return locked(() -> Optional.ofNullable(abandoned));
    }

    /** Characters held for the client now. */
    public long buffered() {
        return locked(() -> pendingChars);
    }

    /**
     * For the consumer: waits for something to send and takes the next piece (with the end after the last one), then
     * counts as writing until {@link #written()}.
     *
     * @return empty once the answer was fully taken, the buffer discarded, or the client given up on
     */
    public Optional<Batch<E>> take() throws InterruptedException {
        lock.lock();
        try {
            while (!closed() && !ended && !producerDone && pending.isEmpty() && !keepAlive) {
                ready.await();
            }
            if (closed() || (pending.isEmpty() && end == null && !keepAlive)) {
                return Optional.empty(); // the end was taken, or the producer stopped without one
            }
            StringBuilder next = pending.pollFirst();
            String text = next == null ? "" : next.toString();
            pendingChars -= text.length();
            E last = pending.isEmpty() ? end : null;
            Batch<E> batch = new Batch<>(text, keepAlive, last);
            keepAlive = false;
            if (last != null) {
                end = null;
            }
            writingSince = clock.instant();
            return Optional.of(batch);
        } finally {
            lock.unlock();
        }
    }

    /** For the consumer: the batch taken last is written. */
    public void written() {
        underLock(() -> writingSince = null);
    }

    private boolean isOpen() {
        return locked(() -> !closed());
    }

    private void underLock(Runnable change) {
        lock.lock();
        try {
            change.run();
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    /** Lock held. */
    private boolean closed() {
        return abandoned != null || discarded;
    }

    /** Lock held: {@link Abandonment#CLIENT_IDLE} when a write has been blocked past the idle timeout. */
    private Abandonment stalled() {
        if (writingSince == null) {
            return null;
        }
        Duration blocked = Duration.between(writingSince, clock.instant());
        return blocked.compareTo(config.idleTimeout()) >= 0 ? Abandonment.CLIENT_IDLE : null;
    }

    /** Lock held. */
    private void release(Abandonment why) {
        abandoned = why;
        pending.clear();
        pendingChars = 0;
        end = null;
        keepAlive = false;
        ready.signalAll();
    }
}
