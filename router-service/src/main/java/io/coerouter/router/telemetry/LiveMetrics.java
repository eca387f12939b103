package io.coerouter.router.telemetry;

import io.coerouter.expert.PoolListener;
import io.coerouter.expert.Tier;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-minute counts of chat completions (requests, errors, latency histogram, tokens, cost) and model loads and swaps,
 * in the shared {@link MetricsStore}. Recording never waits for the store: counts gather in memory and a thread of
 * their own adds them in one write per flush; when the store is down they are dropped, with a warning at most once a
 * minute. Reading a window flushes this replica's counts first, then reads every minute's bucket in one go.
 */
public final class LiveMetrics implements ChatRecorder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveMetrics.class);

    private final MetricsStore store;
    private final Clock clock;
    private final Warnings warnings;
    private final ExecutorService flusher;
    private final ReentrantLock pendingLock = new ReentrantLock();
    private final ReentrantLock flushLock = new ReentrantLock();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private Map<Long, Map<String, Long>> pending = new HashMap<>();

    public LiveMetrics(MetricsStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.warnings = new Warnings(log, clock);
        this.flusher = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "coe-live-metrics");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void record(ChatSample sample) {
        try {
            add(sample.fields());
        } catch (RuntimeException e) {
            warnings.warn("a chat completion was not counted: " + e.getMessage());
        }
    }

    /** Counts the pool's loads and swaps. */
    public PoolListener poolListener() {
        return new PoolListener() {
            @Override
            public void onLoad(String id, Tier from, Duration took, long bytes) {
                add(Map.of(BucketCounts.MODEL_LOADS, 1L));
            }

            @Override
            public void onSwap(String id, List<String> evicted) {
                add(Map.of(BucketCounts.MODEL_SWAPS, 1L));
            }
        };
    }

    /** The start (epoch seconds) of the minute under way. */
    private long currentBucket() {
        long step = Window.STEP.toSeconds();
        return Math.floorDiv(clock.instant().getEpochSecond(), step) * step;
    }

    private void add(Map<String, Long> fields) {
        long bucket = currentBucket();
        pendingLock.lock();
        try {
            Map<String, Long> counts = pending.computeIfAbsent(bucket, b -> new HashMap<>());
            fields.forEach((name, amount) -> counts.merge(name, amount, Long::sum));
        } finally {
            pendingLock.unlock();
        }
        if (flushQueued.compareAndSet(false, true)) {
            try {
                flusher.execute(() -> {
                    flushQueued.set(false);
                    flush();
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                flushQueued.set(false); // closing: close() flushes what is left
            }
        }
    }

    /** Writes the counts gathered so far to the store; drops them when it is down. */
    void flush() {
        flushLock.lock();
        try {
            Map<Long, Map<String, Long>> batch;
            pendingLock.lock();
            try {
                if (pending.isEmpty()) {
                    return;
                }
                batch = pending;
                pending = new HashMap<>();
            } finally {
                pendingLock.unlock();
            }
            try {
                store.add(batch);
            } catch (RuntimeException e) {
                long requests = batch.values().stream()
                        .mapToLong(f -> f.getOrDefault(BucketCounts.REQUESTS, 0L))
                        .sum();
                dropped.addAndGet(requests);
                warnings.warn("live metrics of " + requests + " requests dropped, the shared store is unavailable: "
                        + e.getMessage());
            }
        } finally {
            flushLock.unlock();
        }
    }

    /** Requests whose counts were dropped because the store was down. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * The figures of {@code window}, every replica's, one bucket per minute ending with the minute under way.
     *
     * @throws io.coerouter.router.state.StateUnavailableException when the shared store cannot be reached
     */
    public Overview overview(Window window) {
        flush();
        long step = Window.STEP.toSeconds();
        long last = currentBucket();
        List<Long> starts = new ArrayList<>();
        for (int i = window.buckets() - 1; i >= 0; i--) {
            starts.add(last - i * step);
        }
        Map<Long, Map<String, Long>> read = store.read(starts);
        List<Overview.Bucket> buckets = new ArrayList<>();
        for (Long start : starts) {
            buckets.add(new Overview.Bucket(start, BucketCounts.of(read.getOrDefault(start, Map.of()))));
        }
        return new Overview(window, buckets);
    }

    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
