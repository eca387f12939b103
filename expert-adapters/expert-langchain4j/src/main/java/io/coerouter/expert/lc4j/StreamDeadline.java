package io.coerouter.expert.lc4j;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The limits of one streamed call, for the blocking HTTP client that reads it on the caller's thread: no text within
 * the first-token timeout, or no end within the request timeout, is a timeout; a cancelled stream (its listener
 * failed, its thread was interrupted) stops at the next read. {@link StreamedChat} sets it for the duration of the
 * call ({@link #during}); {@link BlockingHttpClient} reads it ({@link #current}) and sets each socket read's timeout
 * to what is left.
 *
 * <p>Times are {@link System#nanoTime()} values: a deadline is a duration from a monotonic start, not a wall-clock
 * instant.
 */
final class StreamDeadline {

    private static final ThreadLocal<StreamDeadline> CURRENT = new ThreadLocal<>();

    private final long deadline;
    private final long firstTokenDeadline;
    private volatile boolean started;
    private volatile boolean cancelled;

    private StreamDeadline(long start, Duration requestTimeout, Duration firstTokenTimeout) {
        this.deadline = start + requestTimeout.toNanos();
        this.firstTokenDeadline = start + firstTokenTimeout.toNanos();
    }

    /** Limits that start now. */
    static StreamDeadline startingNow(Duration requestTimeout, Duration firstTokenTimeout) {
        return new StreamDeadline(System.nanoTime(), requestTimeout, firstTokenTimeout);
    }

    /** The limits of the stream this thread is reading, or null outside {@link #during}. */
    static StreamDeadline current() {
        return CURRENT.get();
    }

    /** Runs {@code call} with these limits as this thread's {@link #current()} ones. */
    <T> T during(Supplier<T> call) {
        StreamDeadline outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return call.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** Text arrived: from now on only the request timeout applies. */
    void started() {
        started = true;
    }

    boolean isStarted() {
        return started;
    }

    /** Stops the stream at its next read (the connection is closed, not pooled). */
    void cancel() {
        cancelled = true;
    }

    boolean isCancelled() {
        return cancelled;
    }

    /** Nanoseconds left before the deadline that applies now; zero or less when it has passed. */
    long remainingNanos() {
        long until = started ? deadline : Math.min(deadline, firstTokenDeadline);
        return until - System.nanoTime();
    }
}
