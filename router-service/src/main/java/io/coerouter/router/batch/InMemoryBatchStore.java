package io.coerouter.router.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Jobs in insertion order, behind one lock. */
final class InMemoryBatchStore implements BatchStore {

    private final Map<String, BatchJob> jobs = new LinkedHashMap<>();

    @Override
    public synchronized void save(BatchJob job) {
        jobs.put(job.id(), job);
    }

    @Override
    public synchronized Optional<BatchJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized Optional<BatchJob> update(String id, UnaryOperator<BatchJob> change) {
        BatchJob job = jobs.get(id);
        if (job == null) {
            return Optional.empty();
        }
        BatchJob changed = change.apply(job);
        jobs.put(id, changed);
        return Optional.of(changed);
    }

    @Override
    public synchronized List<BatchJob> list(String after, int limit) {
        List<BatchJob> newestFirst = new ArrayList<>(jobs.values()).reversed();
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
}
