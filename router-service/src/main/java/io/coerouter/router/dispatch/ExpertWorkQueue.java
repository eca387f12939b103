package io.coerouter.router.dispatch;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The per-expert work queues of the cluster: gateways {@link #enqueue} requests for an expert, workers {@link #take}
 * batches of them (one consumer group per expert, each worker a consumer), {@link #ack} what they answered, and
 * {@link #reclaim} what a dead worker left pending once its lease (the entry's idle time) ran out. Delivery is
 * at-least-once: an entry reclaimed from a worker that was only slow may be executed twice; the answer's request id
 * lets the gateway keep one.
 *
 * <p>Every operation throws {@link io.coerouter.router.state.StateUnavailableException} while Redis is unreachable.
 */
public interface ExpertWorkQueue extends AutoCloseable {

    /**
     * Queues on one Redis server.
     *
     * @param url a {@code redis://} URL
     * @param prefix the prefix of every key
     * @param capacity the most entries not yet acknowledged (waiting or in flight) per expert
     * @param timeout the command timeout (blocking reads wait their block time on top of it)
     * @throws io.coerouter.router.state.StateUnavailableException when Redis cannot be reached at start-up
     */
    static ExpertWorkQueue redis(String url, String prefix, long capacity, Duration timeout) {
        return RedisExpertWorkQueue.standalone(url, prefix, capacity, timeout);
    }

    /**
     * Queues on a Redis Cluster, reached through any of {@code seedUrls}; each expert's keys share one slot.
     *
     * @throws io.coerouter.router.state.StateUnavailableException when the cluster cannot be reached at start-up
     */
    static ExpertWorkQueue redisCluster(List<String> seedUrls, String prefix, long capacity, Duration timeout) {
        return RedisExpertWorkQueue.cluster(seedUrls, prefix, capacity, timeout);
    }

    /** The keys of {@code expert}'s queue. */
    ExpertKeys keys(String expert);

    /**
     * Appends {@code item} to {@code expert}'s queue.
     *
     * @return the entry's id
     * @throws QueueFullException when the queue holds its capacity of entries not yet acknowledged
     */
    String enqueue(String expert, WorkItem item);

    /**
     * Up to {@code max} entries of {@code expert}'s queue that no worker has been given yet, oldest first, now
     * pending for {@code worker} until it {@linkplain #ack acknowledges} them. Waits up to {@code block} for the
     * first entry when there is none ({@link Duration#ZERO}: do not wait). Blocking calls for one worker and expert
     * must not overlap (each pair has its own connection).
     */
    List<Delivery> take(String expert, String worker, int max, Duration block);

    /**
     * Acknowledges and deletes entries of {@code expert}'s queue: they are done and leave its depth.
     *
     * @return how many of them were pending
     */
    long ack(String expert, Collection<String> ids);

    /**
     * Gives {@code worker} up to {@code max} entries of {@code expert}'s queue that another worker was given and has
     * not acknowledged for at least {@code minIdle} (its lease ran out: it died or hung), oldest first.
     */
    List<Delivery> reclaim(String expert, String worker, Duration minIdle, int max);

    /**
     * Deletes entry {@code entryId} of {@code expert}'s queue if no worker has been given it yet (its caller gave up
     * while it waited). An entry a worker holds stays: that worker sees the request's cancellation and acknowledges it.
     *
     * @return whether the entry was waiting and is now gone
     */
    boolean remove(String expert, String entryId);

    /** How many entries of {@code expert}'s queue are not yet acknowledged: waiting plus in flight. */
    long depth(String expert);

    /**
     * Renews {@code worker}'s lease on entries it holds (their idle time starts again), so they are not {@linkplain
     * #reclaim reclaimed} while it still works on them.
     *
     * @return how many of them it still held
     */
    long renew(String expert, String worker, Collection<String> ids);

    /** What {@code expert}'s queue holds now: entries no worker has taken, entries in flight, the oldest's age. */
    Backlog backlog(String expert);

    /**
     * The state of one expert's queue.
     *
     * @param waiting entries no worker has taken yet
     * @param inFlight entries a worker holds and has not acknowledged
     * @param oldestWaitingMillis how long the oldest waiting entry has waited (by Redis's clock), or -1 when none
     */
    record Backlog(long waiting, long inFlight, long oldestWaitingMillis) {

        public static final Backlog EMPTY = new Backlog(0, 0, -1);

        public Backlog {
            if (waiting < 0 || inFlight < 0) {
                throw new IllegalArgumentException(
                        "waiting and inFlight must be >= 0, but were " + waiting + " and " + inFlight);
            }
        }

        /** Entries not yet acknowledged: waiting plus in flight. */
        public long depth() {
            return waiting + inFlight;
        }
    }

    @Override
    void close();
}
