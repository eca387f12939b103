package io.coerouter.router.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Cancellations across the cluster: a gateway whose client went away (or whose wait ran out) {@linkplain #cancel
 * cancels} the request on the Pub/Sub channel {@code <prefix>cluster:cancel}; every worker hears it and answers
 * {@link #cancelled} from what it heard in the last few minutes, so it can skip the request or stop generating.
 * Delivery is at most once: a worker that misses a cancellation (Redis down) runs the request and its answer is
 * dropped.
 */
public interface CancelBroadcast extends AutoCloseable {

    /** How long a cancellation is remembered. */
    Duration REMEMBERED = Duration.ofMinutes(5);

    /** The most cancellations remembered at once (the oldest are forgotten first). */
    int MAX_REMEMBERED = 100_000;

    /**
     * Cancellations through one Redis server.
     *
     * @param url a {@code redis://} URL
     * @param prefix the prefix of the channel's name
     * @param timeout the command timeout
     * @param clock the time cancellations are remembered by
     * @throws io.coerouter.router.state.StateUnavailableException when Redis cannot be reached at start-up
     */
    static CancelBroadcast redis(String url, String prefix, Duration timeout, Clock clock) {
        DispatchNames.cancelChannel(prefix); // checked before a client is made
        Objects.requireNonNull(clock, "clock");
        return new RedisCancelBroadcast(RedisConnector.standalone(url, timeout), prefix, clock);
    }

    /** Cancellations through a Redis Cluster reached through any of {@code seedUrls}. */
    static CancelBroadcast redisCluster(List<String> seedUrls, String prefix, Duration timeout, Clock clock) {
        DispatchNames.cancelChannel(prefix);
        Objects.requireNonNull(clock, "clock");
        return new RedisCancelBroadcast(RedisConnector.cluster(seedUrls, timeout), prefix, clock);
    }

    /**
     * Tells every worker that nobody waits for {@code requestId} any more (and remembers it here at once).
     *
     * @throws io.coerouter.router.state.StateUnavailableException when Redis is unreachable
     * @throws IllegalArgumentException when {@code requestId} is not a request id
     */
    void cancel(String requestId);

    /** Whether {@code requestId} was cancelled in the last {@link #REMEMBERED}. */
    boolean cancelled(String requestId);

    @Override
    void close();
}
