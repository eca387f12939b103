package io.coerouter.router.telemetry;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ReplicaStore} in this process's memory. */
final class InMemoryReplicaStore implements ReplicaStore {

    private final Map<String, ReplicaRecord> records = new ConcurrentHashMap<>();

    @Override
    public void put(ReplicaRecord record, Duration ttl) {
        records.put(record.id(), record);
    }

    @Override
    public void remove(String id) {
        records.remove(id);
    }

    @Override
    public List<ReplicaRecord> list(long nowSeconds, Duration ttl) {
        records.values().removeIf(r -> r.lastSeen() < nowSeconds - ttl.toSeconds());
        return records.values().stream()
                .sorted(Comparator.comparing(ReplicaRecord::id))
                .toList();
    }
}
