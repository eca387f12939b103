package io.coerouter.router.scheduling;

import java.util.List;

/** Fewest loads within a bound on waiting; see {@link SchedulingPolicy#swapAware()}. */
final class SwapAwarePolicy implements SchedulingPolicy {

    static final SwapAwarePolicy INSTANCE = new SwapAwarePolicy();

    private SwapAwarePolicy() {}

    @Override
    public Pick pick(List<QueueState> queues, long nowNanos, SchedulerConfig config) {
        long maxWait = config.maxWait().toNanos();
        long loadDelay = config.loadDelay().toNanos();
        QueueState urgent = null;
        QueueState loaded = null;
        QueueState ripe = null;
        long wakeUp = Long.MAX_VALUE;
        for (QueueState q : queues) {
            long age = nowNanos - q.oldestNanos();
            if (age >= maxWait && (urgent == null || q.oldestNanos() < urgent.oldestNanos())) {
                urgent = q;
            }
            if (q.lastRun() || q.resident()) {
                if (loaded == null
                        || rank(q) > rank(loaded)
                        || (rank(q) == rank(loaded) && q.oldestNanos() < loaded.oldestNanos())) {
                    loaded = q;
                }
            } else if (q.planned() || q.size() >= config.maxBatchSize() || age >= loadDelay) {
                if (ripe == null
                        || q.size() > ripe.size()
                        || (q.size() == ripe.size() && q.oldestNanos() < ripe.oldestNanos())) {
                    ripe = q;
                }
            } else {
                wakeUp = Math.min(wakeUp, q.oldestNanos() + loadDelay);
            }
        }
        if (urgent != null) {
            return Pick.all(urgent.expertId());
        }
        if (loaded != null) {
            return Pick.all(loaded.expertId());
        }
        return ripe != null ? Pick.all(ripe.expertId()) : Pick.waitUntil(wakeUp);
    }

    /** The expert just run (surely still loaded) before other resident ones, then queue length. */
    private static long rank(QueueState q) {
        return (q.lastRun() ? 1L : 0L) * Integer.MAX_VALUE + q.size();
    }

    @Override
    public String name() {
        return "swap-aware";
    }
}
