package io.coerouter.router.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something another thread or process does, polling; fails the test when it never happens. */
public final class Eventually {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private Eventually() {}

    /**
     * Returns once {@code condition} holds.
     *
     * @throws AssertionError naming {@code what} when it did not hold within a generous limit
     */
    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
