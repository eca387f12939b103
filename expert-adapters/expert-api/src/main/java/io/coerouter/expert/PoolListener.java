package io.coerouter.expert;

import java.time.Duration;
import java.util.List;

/** Observes loads and evictions, e.g. to export them as metrics. */
public interface PoolListener {

    /** {@code id} was loaded onto the device from {@code from} ({@link Tier#HOST} or {@link Tier#DISK}). */
    default void onLoad(String id, Tier from, Duration took, long bytes) {}

    /** {@code id} was unloaded from the device to make room, or on request. */
    default void onEvict(String id, long bytes) {}

    /**
     * {@code id} was loaded after evicting {@code evicted} to make room for it (a swap); called after {@link #onLoad}
     * for that load, never for a load that found room.
     */
    default void onSwap(String id, List<String> evicted) {}
}
