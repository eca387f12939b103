package io.coerouter.expert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ModelPool}: bookkeeping under one lock, loading outside it (a second caller for the same model waits
 * for the first load instead of loading twice).
 */
final class TieredModelPool implements ModelPool {

    private static final Logger log = LoggerFactory.getLogger(TieredModelPool.class);

    private final PoolConfig config;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Entry> entries = new HashMap<>();
    /** Access-ordered: the first key is the least recently used. */
    private final LinkedHashMap<String, byte[]> host = new LinkedHashMap<>(16, 0.75f, true);

    private final Set<String> pinned = new HashSet<>();
    private long deviceUsed;
    private long hostUsed;
    private long ticks;
    private boolean closed;

    private static final class Entry {
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

        Entry(String id) {
            this.id = id;
        }
    }

    TieredModelPool(PoolConfig config) {
        this.config = config;
        this.pinned.addAll(config.pinned());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <M extends AutoCloseable> Lease<M> acquire(ModelSource<M> source) {
        String id = source.id();
        Entry entry;
        long size;
        byte[] cached;
        lock.lock();
        try {
            while (true) {
                ensureOpen(id);
                entry = entries.computeIfAbsent(id, Entry::new);
                if (entry.handle != null) {
                    entry.leases++;
                    touch(entry);
                    return new PooledLease<>(entry, (M) entry.handle, Tier.DEVICE);
                }
                if (!entry.loading) {
                    break;
                }
                changed.awaitUninterruptibly();
            }
            size = source.sizeBytes();
            if (size > config.deviceBudgetBytes()) {
                throw ExpertException.of(
                        id,
                        ExpertErrorKind.MISCONFIGURED,
                        "the model needs " + size + " bytes but the whole device budget is "
                                + config.deviceBudgetBytes() + " bytes",
                        null);
            }
            makeRoom(id, size);
            entry.loading = true;
            entry.bytes = size;
            deviceUsed += size;
            cached = host.get(id);
        } finally {
            lock.unlock();
        }
        return load(source, entry, size, cached);
    }

    private <M extends AutoCloseable> Lease<M> load(ModelSource<M> source, Entry entry, long size, byte[] cached) {
        String id = source.id();
        long start = System.nanoTime();
        Tier from = cached != null ? Tier.HOST : Tier.DISK;
        M handle;
        try {
            byte[] bytes = cached != null ? cached : source.readBytes();
            handle = source.load(bytes);
            if (from == Tier.DISK) {
                keepInHost(id, bytes);
            }
        } catch (Exception | LinkageError e) {
            lock.lock();
            try {
                entry.loading = false;
                deviceUsed -= size;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (e instanceof ExpertException expert) {
                throw expert;
            }
            throw io.coerouter.expert.ExpertErrors.configuration(
                    id, ExpertErrorKind.MISCONFIGURED, "failed to load: " + e.getMessage(), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        lock.lock();
        try {
            entry.loading = false;
            entry.handle = handle;
            entry.leases = 1;
            entry.loadNanos += took.toNanos();
            if (from == Tier.HOST) {
                entry.fromHost++;
            } else {
                entry.fromDisk++;
            }
            touch(entry);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        log.info("loaded model '{}' from {} in {} ms ({} bytes)", id, from, took.toMillis(), size);
        config.listeners().forEach(l -> l.onLoad(id, from, took, size));
        return new PooledLease<>(entry, handle, from);
    }

    /**
     * Evicts idle, unpinned models until {@code size} fits: those with no work waiting first (look-ahead over the
     * demand the config reports), least recently used first within each group; waits for leases if needed.
     */
    private void makeRoom(String id, long size) {
        long deadline = System.nanoTime() + config.roomWait().toNanos();
        while (deviceUsed + size > config.deviceBudgetBytes()) {
            Entry victim = entries.values().stream()
                    .filter(e -> e.handle != null && e.leases == 0 && !pinned.contains(e.id))
                    .min(Comparator.<Entry>comparingInt(e -> config.demand().applyAsInt(e.id) > 0 ? 1 : 0)
                            .thenComparingLong(e -> e.lastTick))
                    .orElse(null);
            if (victim != null) {
                unload(victim);
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw ExpertException.of(
                        id,
                        ExpertErrorKind.UNAVAILABLE,
                        "no room to load: it needs " + size + " bytes, " + (config.deviceBudgetBytes() - deviceUsed)
                                + " are free and the rest is held by models in use or pinned " + holders(),
                        null);
            }
            try {
                changed.await(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ExpertException.of(id, ExpertErrorKind.CANCELLED, "interrupted while waiting for room", e);
            }
            ensureOpen(id);
        }
    }

    private List<String> holders() {
        List<String> holders = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.handle != null || e.loading) {
                holders.add(e.id + (e.leases > 0 ? " (in use)" : "") + (pinned.contains(e.id) ? " (pinned)" : ""));
            }
        }
        return holders;
    }

    private void keepInHost(String id, byte[] bytes) {
        if (bytes.length > config.hostBudgetBytes()) {
            return;
        }
        lock.lock();
        try {
            if (host.containsKey(id) || closed) {
                return;
            }
            while (hostUsed + bytes.length > config.hostBudgetBytes()) {
                Map.Entry<String, byte[]> eldest = host.entrySet().iterator().next();
                hostUsed -= eldest.getValue().length;
                host.remove(eldest.getKey());
            }
            host.put(id, bytes);
            hostUsed += bytes.length;
        } finally {
            lock.unlock();
        }
    }

    private void unload(Entry entry) {
        AutoCloseable handle = entry.handle;
        entry.handle = null;
        entry.evictions++;
        deviceUsed -= entry.bytes;
        try {
            handle.close();
        } catch (Exception e) {
            log.warn("closing model '{}' failed: {}", entry.id, e.getMessage());
        }
        log.info("evicted model '{}' ({} bytes)", entry.id, entry.bytes);
        config.listeners().forEach(l -> l.onEvict(entry.id, entry.bytes));
    }

    private void touch(Entry entry) {
        entry.lastTick = ++ticks;
        entry.lastUsed = config.clock().instant();
    }

    private void ensureOpen(String id) {
        if (closed) {
            throw ExpertException.of(id, ExpertErrorKind.UNAVAILABLE, "the model pool is closed", null);
        }
    }

    @Override
    public void pin(String id) {
        lock.lock();
        try {
            pinned.add(id);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void unpin(String id) {
        lock.lock();
        try {
            pinned.remove(id);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean evict(String id) {
        lock.lock();
        try {
            Entry entry = entries.get(id);
            if (entry == null || entry.handle == null || entry.leases > 0) {
                return false;
            }
            unload(entry);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public PoolSnapshot snapshot() {
        lock.lock();
        try {
            List<PoolSnapshot.ModelState> models = entries.values().stream()
                    .sorted(Comparator.comparing(e -> e.id))
                    .map(e -> new PoolSnapshot.ModelState(
                            e.id,
                            e.handle != null ? Tier.DEVICE : host.containsKey(e.id) ? Tier.HOST : Tier.DISK,
                            e.loading,
                            e.bytes,
                            e.leases,
                            pinned.contains(e.id),
                            e.lastUsed,
                            e.fromDisk,
                            e.fromHost,
                            e.evictions,
                            Duration.ofNanos(e.loadNanos)))
                    .toList();
            return new PoolSnapshot(deviceUsed, config.deviceBudgetBytes(), hostUsed, config.hostBudgetBytes(), models);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Entry entry : entries.values()) {
                if (entry.handle != null) {
                    unload(entry);
                }
            }
            host.clear();
            hostUsed = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private final class PooledLease<M> implements Lease<M> {
        private final Entry entry;
        private final M model;
        private final Tier from;
        private boolean released;

        PooledLease(Entry entry, M model, Tier from) {
            this.entry = entry;
            this.model = model;
            this.from = from;
        }

        @Override
        public M model() {
            return model;
        }

        @Override
        public Tier loadedFrom() {
            return from;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!released) {
                    released = true;
                    entry.leases--;
                    touch(entry);
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
