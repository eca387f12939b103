package io.coerouter.router.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Jobs in insertion order, behind one lock. */
final class InMemoryJobStore implements JobStore {

    private final Map<String, StoredJob> jobs = new LinkedHashMap<>();

    @Override
    public synchronized void put(StoredJob job) {
        jobs.put(job.id(), job);
        while (jobs.size() > KEEP) {
            jobs.remove(jobs.keySet().iterator().next());
        }
    }

    @Override
    public synchronized Optional<StoredJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized Optional<StoredJob> update(String id, UnaryOperator<StoredJob> change) {
        StoredJob job = jobs.get(id);
        if (job == null) {
            return Optional.empty();
        }
        StoredJob changed = change.apply(job);
        jobs.put(id, changed);
        return Optional.of(changed);
    }

    @Override
    public synchronized List<StoredJob> list(int limit) {
        List<StoredJob> newestFirst = new ArrayList<>(jobs.values()).reversed();
        return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    }
}
