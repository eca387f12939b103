package io.coerouter.router.telemetry;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link MetricsStore} in this process's memory; buckets older than the retention behind the newest are dropped. */
final class InMemoryMetricsStore implements MetricsStore {

    private final TreeMap<Long, Map<String, Long>> buckets = new TreeMap<>();

    @Override
    public synchronized void add(Map<Long, Map<String, Long>> deltas) {
        deltas.forEach((start, fields) -> {
            Map<String, Long> bucket = buckets.computeIfAbsent(start, s -> new HashMap<>());
            fields.forEach((name, amount) -> bucket.merge(name, amount, Long::sum));
        });
        if (!buckets.isEmpty()) {
            buckets.headMap(buckets.lastKey() - RETENTION.toSeconds()).clear();
        }
    }

    @Override
    public synchronized Map<Long, Map<String, Long>> read(List<Long> starts) {
        Map<Long, Map<String, Long>> read = new LinkedHashMap<>();
        for (Long start : starts) {
            read.put(start, Map.copyOf(buckets.getOrDefault(start, Map.of())));
        }
        return read;
    }
}
