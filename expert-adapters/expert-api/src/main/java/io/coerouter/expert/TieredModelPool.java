package io.coerouter.expert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private final DeviceLedger device;
    private final HostTier host;
    private boolean closed;

    TieredModelPool(PoolConfig config) {
        this.config = config;
        this.device = new DeviceLedger(config);
        this.host = new HostTier(config.hostBudgetBytes());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <M extends AutoCloseable> Lease<M> acquire(ModelSource<M> source) {
        String id = source.id();
        PoolEntry entry;
        long size;
        byte[] cached;
        List<String> evicted;
        lock.lock();
        try {
            while (true) {
                ensureOpen(id);
                entry = device.entry(id);
                if (entry.handle != null) {
                    entry.leases++;
                    device.touch(entry);
                    return lease(entry, (M) entry.handle, Tier.DEVICE);
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
            evicted = makeRoom(id, size);
            entry.loading = true;
            entry.bytes = size;
            device.add(size);
            cached = host.get(id);
        } finally {
            lock.unlock();
        }
        return load(source, entry, size, cached, evicted);
    }

    private <M extends AutoCloseable> Lease<M> load(
            ModelSource<M> source, PoolEntry entry, long size, byte[] cached, List<String> evicted) {
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
                device.add(-size);
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
            device.touch(entry);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        log.info("loaded model '{}' from {} in {} ms ({} bytes)", id, from, took.toMillis(), size);
        config.listeners().forEach(l -> l.onLoad(id, from, took, size));
        if (!evicted.isEmpty()) {
            config.listeners().forEach(l -> l.onSwap(id, evicted));
        }
        return lease(entry, handle, from);
    }

    /**
     * Evicts idle, unpinned models until {@code size} fits: those with no work waiting first (look-ahead over the
     * demand the config reports), least recently used first within each group; waits for leases if needed.
     *
     * @return the ids evicted, in order
     */
    private List<String> makeRoom(String id, long size) {
        List<String> evicted = new ArrayList<>();
        long deadline = System.nanoTime() + config.roomWait().toNanos();
        while (device.used() + size > config.deviceBudgetBytes()) {
            PoolEntry victim = device.victim();
            if (victim != null) {
                device.unload(victim);
                evicted.add(victim.id);
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw ExpertException.of(
                        id,
                        ExpertErrorKind.UNAVAILABLE,
                        "no room to load: it needs " + size + " bytes, " + (config.deviceBudgetBytes() - device.used())
                                + " are free and the rest is held by models in use or pinned " + device.holders(),
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
        return List.copyOf(evicted);
    }

    private void keepInHost(String id, byte[] bytes) {
        if (bytes.length > config.hostBudgetBytes()) {
            return;
        }
        lock.lock();
        try {
            if (host.holds(id) || closed) {
                return;
            }
            host.keep(id, bytes);
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen(String id) {
        if (closed) {
            throw ExpertException.of(id, ExpertErrorKind.UNAVAILABLE, "the model pool is closed", null);
        }
    }

    /** A lease on {@code entry}'s model; closing it gives the lease back once. */
    private <M> Lease<M> lease(PoolEntry entry, M model, Tier from) {
        return new PooledLease<>(model, from, () -> release(entry));
    }

    private void release(PoolEntry entry) {
        lock.lock();
        try {
            entry.leases--;
            device.touch(entry);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void pin(String id) {
        lock.lock();
        try {
            device.pin(id);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void unpin(String id) {
        lock.lock();
        try {
            device.unpin(id);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean evict(String id) {
        lock.lock();
        try {
            PoolEntry entry = device.find(id);
            if (entry == null || entry.handle == null || entry.leases > 0) {
                return false;
            }
            device.unload(entry);
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
            return new PoolSnapshot(
                    device.used(),
                    config.deviceBudgetBytes(),
                    host.used(),
                    config.hostBudgetBytes(),
                    device.states(host::holds));
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
            device.unloadAll();
            host.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
