package io.coerouter.router.experts;

import io.coerouter.expert.PoolListener;
import io.coerouter.expert.Tier;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * This replica's model loads and evictions per minute over the last {@link #MINUTES} minutes (for the console's pool
 * page), in memory; every pool event is also told to the observers added with {@link #observe}.
 */
public final class PoolActivity implements PoolListener {

    /** Minutes kept. */
    public static final int MINUTES = 15;

    private static final long STEP = 60;

    private final Clock clock;
    private final long[] starts = new long[MINUTES];
    private final long[] loads = new long[MINUTES];
    private final long[] evictions = new long[MINUTES];
    private final List<PoolListener> observers = new CopyOnWriteArrayList<>();

    public PoolActivity(Clock clock) {
        this.clock = clock;
    }

    /**
     * One series: bucket starts (epoch seconds, oldest first, the last the minute under way) and the counts of each.
     */
    public record Series(List<Long> t, List<Long> loads, List<Long> evictions) {}

    /** Tells {@code observer} of every later load, eviction and swap. */
    public void observe(PoolListener observer) {
        observers.add(observer);
    }

    @Override
    public void onLoad(String id, Tier from, Duration took, long bytes) {
        count(loads);
        observers.forEach(o -> o.onLoad(id, from, took, bytes));
    }

    @Override
    public void onEvict(String id, long bytes) {
        count(evictions);
        observers.forEach(o -> o.onEvict(id, bytes));
    }

    @Override
    public void onSwap(String id, List<String> evicted) {
        observers.forEach(o -> o.onSwap(id, evicted));
    }

    private long now() {
        return Math.floorDiv(clock.instant().getEpochSecond(), STEP) * STEP;
    }

    /** The slot of minute {@code start}, emptied first when it last counted an older minute. */
    private int slot(long start) {
        int slot = (int) Math.floorMod(start / STEP, (long) MINUTES);
        if (starts[slot] != start) {
            starts[slot] = start;
            loads[slot] = 0;
            evictions[slot] = 0;
        }
        return slot;
    }

    private synchronized void count(long[] counts) {
        counts[slot(now())]++;
    }

    /** The last {@link #MINUTES} minutes. */
    public synchronized Series series() {
        long last = now();
        List<Long> t = new ArrayList<>();
        List<Long> l = new ArrayList<>();
        List<Long> e = new ArrayList<>();
        for (int i = MINUTES - 1; i >= 0; i--) {
            long start = last - i * STEP;
            int slot = (int) Math.floorMod(start / STEP, (long) MINUTES);
            boolean counted = starts[slot] == start;
            t.add(start);
            l.add(counted ? loads[slot] : 0);
            e.add(counted ? evictions[slot] : 0);
        }
        return new Series(List.copyOf(t), List.copyOf(l), List.copyOf(e));
    }
}
