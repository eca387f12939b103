package io.coerouter.router.batch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Jobs in insertion order, behind one lock, kept as the stored records the Redis store writes as JSON. */
final class InMemoryBatchStore implements BatchStore {

    private record Lease(String owner, long until) {}

    private final Clock clock;
    private final Map<String, StoredBatch> jobs = new LinkedHashMap<>();
    private final Map<String, Map<Integer, String>> output = new HashMap<>();
    private final Map<String, Map<Integer, String>> errors = new HashMap<>();
    private final Map<String, Lease> leases = new HashMap<>();

    InMemoryBatchStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void save(BatchJob job) {
        jobs.put(job.id(), StoredBatch.of(job));
    }

    @Override
    public synchronized Optional<BatchJob> find(String id) {
        if (!BatchStore.validId(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(jobs.get(id)).map(StoredBatch::toBatch);
    }

    @Override
    public synchronized Optional<BatchJob> update(String id, UnaryOperator<BatchJob> change) {
        StoredBatch stored = jobs.get(id);
        if (stored == null) {
            return Optional.empty();
        }
        BatchJob changed = change.apply(stored.toBatch());
        jobs.put(id, StoredBatch.of(changed));
        return Optional.of(changed);
    }

    @Override
    public synchronized List<BatchJob> list(String after, int limit) {
        List<BatchJob> newestFirst =
                new ArrayList<>(jobs.values().stream().map(StoredBatch::toBatch).toList()).reversed();
        int from = 0;
        if (after != null) {
            for (int i = 0; i < newestFirst.size(); i++) {
                if (newestFirst.get(i).id().equals(after)) {
                    from = i + 1;
                    break;
                }
            }
        }
        return List.copyOf(newestFirst.subList(from, Math.min(newestFirst.size(), from + limit)));
    }

    @Override
    public synchronized List<String> unfinished() {
        return jobs.values().stream()
                .map(StoredBatch::toBatch)
                .filter(j -> !j.finished())
                .map(BatchJob::id)
                .toList();
    }

    @Override
    public synchronized void putLine(String id, int index, boolean error, String line) {
        (error ? errors : output).computeIfAbsent(id, k -> new HashMap<>()).put(index, line);
    }

    @Override
    public synchronized FinishedLines lines(String id) {
        return new FinishedLines(output.getOrDefault(id, Map.of()), errors.getOrDefault(id, Map.of()));
    }

    @Override
    public synchronized boolean claim(String id, String owner, Duration lease) {
        long now = clock.millis();
        Lease held = leases.get(id);
        if (held != null && held.until() > now && !held.owner().equals(owner)) {
            return false;
        }
        leases.put(id, new Lease(owner, now + lease.toMillis()));
        return true;
    }

    @Override
    public synchronized boolean renew(String id, String owner, Duration lease) {
        long now = clock.millis();
        Lease held = leases.get(id);
        if (held == null || held.until() <= now || !held.owner().equals(owner)) {
            return false;
        }
        leases.put(id, new Lease(owner, now + lease.toMillis()));
        return true;
    }

    @Override
    public synchronized void release(String id, String owner) {
        Lease held = leases.get(id);
        if (held != null && held.owner().equals(owner)) {
            leases.remove(id);
        }
    }

    @Override
    public synchronized Optional<String> owner(String id) {
        Lease held = leases.get(id);
        return held == null || held.until() <= clock.millis() ? Optional.empty() : Optional.of(held.owner());
    }
}
