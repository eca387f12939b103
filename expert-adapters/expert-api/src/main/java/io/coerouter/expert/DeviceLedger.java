package io.coerouter.expert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's device tier: every model's entry, the pinned ids and the bytes in use; not thread-safe, guarded by the
 * pool's lock.
 */
final class DeviceLedger {

    /** The pool's logger: these are the pool's events. */
    private static final Logger log = LoggerFactory.getLogger(TieredModelPool.class);

    private final PoolConfig config;
    private final Map<String, PoolEntry> entries = new HashMap<>();
    private final Set<String> pinned = new HashSet<>();
    private long used;
    private long ticks;

    DeviceLedger(PoolConfig config) {
        this.config = config;
        this.pinned.addAll(config.pinned());
    }

    /** The entry for {@code id}, created when there is none. */
    PoolEntry entry(String id) {
        return entries.computeIfAbsent(id, PoolEntry::new);
    }

    /** The entry for {@code id}, or null. */
    PoolEntry find(String id) {
        return entries.get(id);
    }

    long used() {
        return used;
    }

    /** Counts {@code size} more bytes as in use ({@code size} negative to free them). */
    void add(long size) {
        used += size;
    }

    void pin(String id) {
        pinned.add(id);
    }

    void unpin(String id) {
        pinned.remove(id);
    }

    /**
     * The idle, unpinned model to evict next, or null: those with no work waiting first (look-ahead over the demand
     * the config reports), least recently used first within each group.
     */
    PoolEntry victim() {
        return entries.values().stream()
                .filter(e -> e.handle != null && e.leases == 0 && !pinned.contains(e.id))
                .min(Comparator.<PoolEntry>comparingInt(e -> config.demand().applyAsInt(e.id) > 0 ? 1 : 0)
                        .thenComparingLong(e -> e.lastTick))
                .orElse(null);
    }

    /** The models holding device memory, marked when in use or pinned. */
    List<String> holders() {
        List<String> holders = new ArrayList<>();
        for (PoolEntry e : entries.values()) {
            if (e.handle != null || e.loading) {
                holders.add(e.id + (e.leases > 0 ? " (in use)" : "") + (pinned.contains(e.id) ? " (pinned)" : ""));
            }
        }
        return holders;
    }

    void unload(PoolEntry entry) {
        AutoCloseable handle = entry.handle;
        entry.handle = null;
        entry.evictions++;
        used -= entry.bytes;
        try {
            handle.close();
        } catch (Exception e) {
            log.warn("closing model '{}' failed: {}", entry.id, e.getMessage());
        }
        log.info("evicted model '{}' ({} bytes)", entry.id, entry.bytes);
        config.listeners().forEach(l -> l.onEvict(entry.id, entry.bytes));
    }

    /** Unloads every loaded model. */
    void unloadAll() {
        for (PoolEntry entry : entries.values()) {
            if (entry.handle != null) {
                unload(entry);
            }
        }
    }

    void touch(PoolEntry entry) {
        entry.lastTick = ++ticks;
        entry.lastUsed = config.clock().instant();
    }

    /** Every model's state, by id; {@code inHost} tells whether the host tier holds a model's bytes. */
    List<PoolSnapshot.ModelState> states(Predicate<String> inHost) {
        return entries.values().stream()
                .sorted(Comparator.comparing(e -> e.id))
                .map(e -> e.state(inHost.test(e.id), pinned.contains(e.id)))
                .toList();
    }
}
