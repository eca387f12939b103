package io.coerouter.router.batch;

import io.coerouter.router.ids.Ids;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where batch jobs, their finished lines and the leases of the routers running them live; in memory by default, in
 * Redis when replicas share state. A batch is run by the one router holding its lease; the lines it finished are kept
 * as they finish, so a router that takes over an unfinished batch runs only the rest.
 */
public interface BatchStore {

    void save(BatchJob job);

    Optional<BatchJob> find(String id);

    /** Whether {@code id} is a batch id as the router makes them ({@code batch_} and letters and digits). */
    static boolean validId(String id) {
        return Ids.valid("batch_", id);
    }

    /** Applies {@code change} to the stored job atomically and returns the result; empty if there is none. */
    Optional<BatchJob> update(String id, UnaryOperator<BatchJob> change);

    /** Jobs, newest first: up to {@code limit} of those created after (older than) {@code after}, if given. */
    List<BatchJob> list(String after, int limit);

    /** The ids of the batches not yet in an end state, oldest first. */
    List<String> unfinished();

    /**
     * Keeps line {@code index} (0-based, among the file's non-blank lines) of batch {@code id} as finished: its line for
     * the output file, or for the error file when {@code error}.
     */
    void putLine(String id, int index, boolean error, String line);

    /** The lines of batch {@code id} finished so far. */
    FinishedLines lines(String id);

    /**
     * Claims batch {@code id} for {@code owner} for {@code lease}, unless another owner holds an unexpired lease.
     *
     * @return whether {@code owner} holds it now
     */
    boolean claim(String id, String owner, Duration lease);

    /** Extends {@code owner}'s lease on {@code id}; false when it holds none any more (it expired, another took it). */
    boolean renew(String id, String owner, Duration lease);

    /** Gives up {@code owner}'s lease on {@code id}, so another router may take the batch at once. */
    void release(String id, String owner);

    /** The router holding an unexpired lease on {@code id} (the one running it), if any. */
    Optional<String> owner(String id);

    /**
     * A batch's finished lines by index.
     *
     * @param output lines for the output file
     * @param errors lines for the error file
     */
    record FinishedLines(Map<Integer, String> output, Map<Integer, String> errors) {

        public FinishedLines {
            output = Map.copyOf(output);
            errors = Map.copyOf(errors);
        }

        /** How many lines are finished. */
        public int size() {
            return output.size() + errors.size();
        }
    }

    /** A store in this process's memory: jobs are lost on restart. */
    static BatchStore inMemory(java.time.Clock clock) {
        return new InMemoryBatchStore(clock);
    }
}
