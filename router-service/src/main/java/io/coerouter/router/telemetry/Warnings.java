package io.coerouter.router.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/** A warning logged at most once per {@link #EVERY}, with how many were held back meanwhile. */
final class Warnings {

    static final Duration EVERY = Duration.ofMinutes(1);

    private final Logger log;
    private final Clock clock;
    private final AtomicReference<Instant> last = new AtomicReference<>(Instant.MIN);
    private final AtomicLong held = new AtomicLong();

    Warnings(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** Logs {@code message} (a plain text, no secrets) unless a warning was logged less than a minute ago. */
    void warn(String message) {
        Instant now = clock.instant();
        Instant previous = last.get();
        if (now.isBefore(previous.plus(EVERY)) || !last.compareAndSet(previous, now)) {
            held.incrementAndGet();
            return;
        }
        long skipped = held.getAndSet(0);
        log.warn("{}{}", message, skipped > 0 ? " (" + skipped + " more such warnings in the last minute)" : "");
    }
}
