package io.coerouter.expert;

import java.time.Duration;
import java.time.Instant;

/** One model's state in the {@link TieredModelPool}; mutable, guarded by the pool's lock. */
final class PoolEntry {
    final String id;
    long bytes;
    AutoCloseable handle;
    boolean loading;
    int leases;
    long lastTick;
    Instant lastUsed;
    long fromDisk;
    long fromHost;
    long evictions;
    long loadNanos;

    PoolEntry(String id) {
        this.id = id;
    }

    /** This entry as the snapshot shows it, {@code inHost} telling whether the host tier holds its bytes. */
    PoolSnapshot.ModelState state(boolean inHost, boolean pinned) {
        return new PoolSnapshot.ModelState(
                id,
                handle != null ? Tier.DEVICE : inHost ? Tier.HOST : Tier.DISK,
                loading,
                bytes,
                leases,
                pinned,
                lastUsed,
                fromDisk,
                fromHost,
                evictions,
                Duration.ofNanos(loadNanos));
    }
}
