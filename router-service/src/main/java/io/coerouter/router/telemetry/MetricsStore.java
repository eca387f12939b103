package io.coerouter.router.telemetry;

import io.coerouter.router.state.RedisState;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The per-minute counters of every replica: one bucket per minute (keyed by its start, epoch seconds), each a map of
 * named counters that replicas add to. Buckets older than {@link #RETENTION} are dropped.
 */
public interface MetricsStore {

    /** How long a bucket is kept. */
    Duration RETENTION = Duration.ofHours(2);

    /**
     * Adds {@code deltas} (bucket start → counter → amount) in one go.
     *
     * @throws io.coerouter.router.state.StateUnavailableException when the shared store cannot be reached
     */
    void add(Map<Long, Map<String, Long>> deltas);

    /**
     * The counters of each bucket asked for, in one read; a bucket with none maps to an empty map.
     *
     * @throws io.coerouter.router.state.StateUnavailableException when the shared store cannot be reached
     */
    Map<Long, Map<String, Long>> read(List<Long> buckets);

    /** Buckets in this process's memory (one replica). */
    static MetricsStore inMemory() {
        return new InMemoryMetricsStore();
    }

    /** Buckets as Redis hashes shared by every replica, each expiring {@link #RETENTION} after its last write. */
    static MetricsStore redis(RedisState redis) {
        return new RedisMetricsStore(redis);
    }
}
