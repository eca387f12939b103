package io.coerouter.router.console;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed console sign-ins per client address, in this process's memory: past {@code maxFailures} in a window (a fixed
 * window that starts at the first failure), the address is refused until the window ends, correct credential or not.
 * A failure costs no delay; the limit is what stops guessing. Each replica counts its own.
 */
public final class LoginAttempts {

    /** Windows kept before stale ones are swept. */
    private static final int SWEEP_AT = 10_000;

    private record Window(Instant start, int failures) {}

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private LoginAttempts(int maxFailures, Duration window, Clock clock) {
        if (maxFailures <= 0) {
            throw new IllegalArgumentException("maxFailures must be > 0, but was " + maxFailures);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be > 0, but was " + window);
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** At most {@code maxFailures} failed sign-ins per address in {@code window}. */
    public static LoginAttempts of(int maxFailures, Duration window, Clock clock) {
        return new LoginAttempts(maxFailures, window, clock);
    }

    /**
     * Refuses {@code client} while it is over the limit.
     *
     * @throws RouterException {@link ErrorKind#RATE_LIMITED} {@code too_many_login_attempts}, with the wait
     */
    public void check(String client) {
        Window w = windows.get(client);
        Instant now = clock.instant();
        if (w != null && w.failures() >= maxFailures && now.isBefore(w.start().plus(window))) {
            Duration wait = Duration.between(now, w.start().plus(window));
            throw new RouterException(
                    ErrorKind.RATE_LIMITED,
                    "Too many failed sign-ins from this address; retry in " + Math.max(1, wait.toSeconds())
                            + " seconds.",
                    null,
                    "too_many_login_attempts",
                    wait,
                    null);
        }
    }

    /** Counts a failed sign-in of {@code client}. */
    public void failed(String client) {
        Instant now = clock.instant();
        if (windows.size() >= SWEEP_AT) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
        }
        windows.compute(
                client,
                (c, w) -> w == null || !now.isBefore(w.start().plus(window))
                        ? new Window(now, 1)
                        : new Window(w.start(), w.failures() + 1));
    }

    /** Forgets {@code client}'s failures after it signed in. */
    public void succeeded(String client) {
        windows.remove(client);
    }
}
