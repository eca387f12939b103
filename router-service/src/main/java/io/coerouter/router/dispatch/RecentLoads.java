package io.coerouter.router.dispatch;

import io.coerouter.expert.PoolListener;
import io.coerouter.expert.Tier;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model loads a worker's pool made lately, per expert, so a request's trace can say how long its model took to
 * load: a pool listener, registered with the pool.
 */
public final class RecentLoads implements PoolListener {

    private static final int KEPT = 8;

    private record Load(long endMillis, long tookMillis) {}

    private final Clock clock;
    private final Map<String, Deque<Load>> loads = new ConcurrentHashMap<>();

    public RecentLoads() {
        this(Clock.systemUTC());
    }

    public RecentLoads(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onLoad(String id, Tier from, Duration took, long bytes) {
        Deque<Load> recent = loads.computeIfAbsent(id, k -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(new Load(clock.millis(), took.toMillis()));
            while (recent.size() > KEPT) {
                recent.removeFirst();
            }
        }
    }

    /** Milliseconds spent loading {@code id} in loads that finished between {@code fromMillis} and {@code toMillis}. */
    public long loadedBetween(String id, long fromMillis, long toMillis) {
        Deque<Load> recent = loads.get(id);
        if (recent == null) {
            return 0;
        }
        long total = 0;
        synchronized (recent) {
            for (Load load : recent) {
                if (load.endMillis() >= fromMillis && load.endMillis() <= toMillis) {
                    total += load.tookMillis();
                }
            }
        }
        return Math.min(total, Math.max(0, toMillis - fromMillis));
    }
}
