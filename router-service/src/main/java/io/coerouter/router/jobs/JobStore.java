package io.coerouter.router.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where jobs (profiling, evaluation, aggregator selection) show their state to every replica: the view the
 * router running a job last published, with its lease and a cancellation request. In memory for one router, in Redis
 * when replicas share state. The newest {@link #KEEP} jobs are kept.
 */
public interface JobStore {

    /** How many jobs are kept; older ones are dropped. */
    int KEEP = 100;

    /**
     * One job as stored.
     *
     * @param id its id, {@code <prefix>-<random>}
     * @param kind {@code profiling}, {@code evaluation} or {@code aggregator_selection}
     * @param createdAt when it started (epoch milliseconds)
     * @param owner the router running it
     * @param leaseUntil until when the owner vouches for a {@code running} view (epoch milliseconds); it renews this
     *     as it publishes, so a running job past it has lost its router
     * @param cancelRequested whether a replica asked for it to stop; its owner polls this
     * @param view the job's view as its {@code GET} shows it
     */
    public record StoredJob(
            String id,
            String kind,
            @JsonProperty("created_at") long createdAt,
            String owner,
            @JsonProperty("lease_until") long leaseUntil,
            @JsonProperty("cancel_requested") boolean cancelRequested,
            JsonNode view) {

        /** The state the view shows: {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}. */
        public String state() {
            return view.path("state").asString(JobState.RUNNING.shown());
        }

        StoredJob published(JsonNode newView, long newLeaseUntil) {
            return new StoredJob(id, kind, createdAt, owner, newLeaseUntil, cancelRequested, newView);
        }

        StoredJob cancelling() {
            return new StoredJob(id, kind, createdAt, owner, leaseUntil, true, view);
        }

        /** Marked failed with {@code error}, everything else the view showed (progress, partial results) kept. */
        StoredJob failed(String error) {
            ObjectNode failed = view.deepCopy() instanceof ObjectNode o ? o : null;
            if (failed == null) {
                return this;
            }
            failed.put("state", JobState.FAILED.shown());
            failed.put("error", error);
            return new StoredJob(id, kind, createdAt, owner, leaseUntil, cancelRequested, failed);
        }
    }

    void put(StoredJob job);

    Optional<StoredJob> find(String id);

    /** Applies {@code change} to the stored job atomically and returns the result; empty if there is none. */
    Optional<StoredJob> update(String id, UnaryOperator<StoredJob> change);

    /** Up to {@code limit} jobs, newest first. */
    List<StoredJob> list(int limit);
}
