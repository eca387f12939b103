package io.coerouter.router.dispatch;

/**
 * What the dispatch code reports: each worker's outcomes per expert, placements and reclaimed entries; a gateway's
 * dispatched calls. router-service binds it to Micrometer.
 */
public interface DispatchMetrics {

    /** Reports nothing. */
    DispatchMetrics NONE = new DispatchMetrics() {};

    /** A worker ended an entry of {@code expert}: answered, failed, rejected as malformed, or dropped (nobody waits). */
    default void answered(String expert, DispatchWorker.Outcome outcome) {}

    /** A worker claimed {@code expert} to load it (no live worker held it). */
    default void placed(String expert) {}

    /** A worker started serving {@code expert} besides its holder, its oldest request past the bounded wait. */
    default void overflowed(String expert) {}

    /** A worker took over an entry of {@code expert} from a worker that stopped. */
    default void reclaimed(String expert) {}

    /** How many experts' queues a worker serves now. */
    default void serving(int experts) {}

    /** {@code expert}'s queue in the cluster, as a worker's heartbeat read it. */
    default void backlog(String expert, ExpertWorkQueue.Backlog backlog) {}
}
