package io.coerouter.router.streaming;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one streamed response's buffer.
 *
 * @param maxBufferedBytes the most answer text held for a client that reads slower than the expert writes, counted
 *     as two bytes per character (the most a Java string takes) and a little per waiting piece; past it the client is
 *     dropped, not the expert
 * @param idleTimeout how long one write to the client may stay blocked (the client reads nothing) before the response
 *     is abandoned and its buffer released
 */
public record StreamConfig(long maxBufferedBytes, Duration idleTimeout) {

    /** 4 MiB: far more than any answer a fast client lets pile up, small enough for thousands of streams. */
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 4L * 1024 * 1024;

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public static final StreamConfig DEFAULTS = new StreamConfig(DEFAULT_MAX_BUFFERED_BYTES, DEFAULT_IDLE_TIMEOUT);

    public StreamConfig {
        Objects.requireNonNull(idleTimeout, "idleTimeout must not be null");
        if (maxBufferedBytes <= 0) {
            throw new IllegalArgumentException("maxBufferedBytes must be > 0, but was " + maxBufferedBytes);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be > 0, but was " + idleTimeout);
        }
    }
}
