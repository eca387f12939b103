package io.coerouter.router.batch;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Where batch jobs and their progress live; in memory by default, replaceable by a shared store. */
public interface BatchStore {

    void save(BatchJob job);

    Optional<BatchJob> find(String id);

    /** Applies {@code change} to the stored job atomically and returns the result; empty if there is none. */
    Optional<BatchJob> update(String id, UnaryOperator<BatchJob> change);

    /** Jobs, newest first: up to {@code limit} of those created after (older than) {@code after}, if given. */
    List<BatchJob> list(String after, int limit);

    /** A store in this process's memory: jobs are lost on restart. */
    static BatchStore inMemory() {
        return new InMemoryBatchStore();
    }
}
