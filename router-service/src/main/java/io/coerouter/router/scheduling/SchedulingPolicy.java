package io.coerouter.router.scheduling;

import java.util.List;

/**
 * Decides which expert's queued work runs next on the shared device. The scheduler applies the same batch size and
 * batching window whatever the policy; policies differ in which queue goes next and how much of it.
 */
public interface SchedulingPolicy {

    /**
     * One non-empty queue as the dispatcher sees it.
     *
     * @param expertId the expert the queue feeds
     * @param size requests waiting
     * @param oldestNanos when its oldest request was queued ({@link System#nanoTime()})
     * @param resident whether the expert's model is loaded now, so running it needs no load
     * @param lastRun whether the previous batch was this expert's
     * @param planned whether its oldest request came from work planned as a whole (a batch file), which waiting will
     *     not make fuller
     */
    record QueueState(String expertId, int size, long oldestNanos, boolean resident, boolean lastRun, boolean planned) {

        /** Unplanned work. */
        public QueueState(String expertId, int size, long oldestNanos, boolean resident, boolean lastRun) {
            this(expertId, size, oldestNanos, resident, lastRun, false);
        }
    }

    /**
     * The next batch: up to the batch size of {@code expertId}'s requests, taking only those queued before {@code
     * queuedBefore} ({@link Long#MAX_VALUE}: any); or, with no expert, nothing until {@code waitUntilNanos} (or until
     * more work arrives).
     */
    record Pick(String expertId, long queuedBefore, long waitUntilNanos) {

        static Pick all(String expertId) {
            return new Pick(expertId, Long.MAX_VALUE, 0);
        }

        static Pick upTo(String expertId, long queuedBefore) {
            return new Pick(expertId, queuedBefore, 0);
        }

        static Pick waitUntil(long nanos) {
            return new Pick(null, 0, nanos);
        }
    }

    /** Picks from {@code queues} (at least one, none empty) at {@code nowNanos}, within {@code config}'s bounds. */
    Pick pick(List<QueueState> queues, long nowNanos, SchedulerConfig config);

    /** The name configured for this policy ({@code coe.scheduler.policy}). */
    String name();

    /**
     * Ours: any expert whose oldest request has waited {@code maxWait} goes first (oldest first); otherwise an expert
     * that needs no load (the one just run, then other resident ones, then the longest queue); otherwise the longest
     * queue whose model is worth loading: a full batch, planned work, or work that has waited {@code loadDelay}; otherwise nothing
     * yet, so that work for unloaded models gathers into fuller batches and models load less often.
     */
    static SchedulingPolicy swapAware() {
        return SwapAwarePolicy.INSTANCE;
    }

    /**
     * First come, first served (as Ollama serves its queue): the oldest request's expert, taking only the requests
     * that arrived before any other expert's oldest, so arrival order is kept.
     */
    static SchedulingPolicy fcfs() {
        return FcfsPolicy.INSTANCE;
    }

    /**
     * Group by model (as llama-swap groups queued requests): stay on the loaded expert while it has work, then move
     * to the oldest request's expert; no bound on waiting.
     */
    static SchedulingPolicy groupByModel() {
        return GroupByModelPolicy.INSTANCE;
    }

    /** The policy named {@code name}: {@code swap-aware}, {@code fcfs} or {@code group-by-model}. */
    static SchedulingPolicy of(String name) {
        return PolicyName.named("policy", name).policy();
    }
}
