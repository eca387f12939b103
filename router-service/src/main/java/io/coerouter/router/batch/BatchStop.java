package io.coerouter.router.batch;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Whether a running batch must stop starting work, and why: it was cancelled, its router halted it (shutdown or a lost
 * lease), its key's budget is spent, or its completion window has passed.
 */
final class BatchStop {

    private final AtomicBoolean cancel;
    private final BooleanSupplier halted;
    private final BatchKey gate;
    private final Clock clock;
    private final long expiresAt;

    /**
     * @param cancel set once the batch is cancelled
     * @param halted whether its router stopped it where it is
     * @param gate its key's limits
     * @param expiresAt the end of its completion window (epoch seconds)
     */
    BatchStop(AtomicBoolean cancel, BooleanSupplier halted, BatchKey gate, Clock clock, long expiresAt) {
        this.cancel = cancel;
        this.halted = halted;
        this.gate = gate;
        this.clock = clock;
        this.expiresAt = expiresAt;
    }

    /** Whether no further work may start. */
    boolean now() {
        return cancel.get()
                || halted.getAsBoolean()
                || gate.spent()
                || clock.instant().getEpochSecond() >= expiresAt;
    }

    /** Whether its router stopped it where it is: nothing more is changed in the store. */
    boolean halted() {
        return halted.getAsBoolean();
    }

    /** Whether it was cancelled. */
    boolean cancelled() {
        return cancel.get();
    }

    /** Whether, not cancelled, its completion window has passed at {@code now} (epoch seconds). */
    boolean expiredAt(long now) {
        return !cancel.get() && now >= expiresAt;
    }

    /** Why the lines not run were stopped: {@code batch_cancelled}, {@code insufficient_quota} or {@code batch_expired}. */
    String code() {
        return cancel.get() ? "batch_cancelled" : gate.spent() ? "insufficient_quota" : "batch_expired";
    }
}
