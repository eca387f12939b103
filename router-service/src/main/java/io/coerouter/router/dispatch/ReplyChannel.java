package io.coerouter.router.dispatch;

import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A gateway's side of the reply path: the stream {@code <prefix>{r:<id>}:replies} that workers publish to (see {@link
 * ReplyPublisher}), read by one thread of the channel's own, which hands each reply to the request waiting for it and
 * deletes what it read. The stream's expiry is refreshed while the channel lives, so a dead gateway's stream vanishes.
 *
 * <p>Exactly one answer per request: the first attempt that sends anything binds the request and replies from other
 * attempts are ignored, except that a bound attempt that has sent no text yet gives way to a newer one (its worker
 * died and the entry was reclaimed), and a newer attempt after text was streamed fails the request as a retriable
 * {@link io.coerouter.expert.ExpertErrorKind#CONNECTION} (the client must not see text twice). Replies after the
 * answer are dropped.
 *
 * <p>While Redis is unreachable {@link #expect} fails, and waiting requests fail once it has been for the command
 * timeout, as {@link io.coerouter.expert.ExpertErrorKind#UNAVAILABLE} with a retry-after; the reader reconnects by
 * itself.
 */
public interface ReplyChannel extends AutoCloseable {

    /**
     * A channel on one Redis server.
     *
     * @param url a {@code redis://} URL
     * @param prefix the prefix of every key
     * @param gatewayId this gateway's id, the work items' {@code replyTo}: 1-100 letters, digits, '.', '_' or '-',
     *     unique among the live gateways
     * @param timeout the command timeout; also how long an outage lasts before waiting requests fail
     * @param clock the time of outages and of the expiry's refresh
     * @throws io.coerouter.router.state.StateUnavailableException when Redis cannot be reached at start-up
     */
    static ReplyChannel redis(String url, String prefix, String gatewayId, Duration timeout, Clock clock) {
        DispatchNames.replyStream(prefix, gatewayId); // checked before a client is made
        Objects.requireNonNull(clock, "clock");
        return new RedisReplyChannel(RedisConnector.standalone(url, timeout), prefix, gatewayId, timeout, clock);
    }

    /** A channel on a Redis Cluster reached through any of {@code seedUrls}. */
    static ReplyChannel redisCluster(
            List<String> seedUrls, String prefix, String gatewayId, Duration timeout, Clock clock) {
        DispatchNames.replyStream(prefix, gatewayId);
        Objects.requireNonNull(clock, "clock");
        return new RedisReplyChannel(RedisConnector.cluster(seedUrls, timeout), prefix, gatewayId, timeout, clock);
    }

    /** This channel's id: the {@code replyTo} of the work items it waits for. */
    String id();

    /**
     * Registers a request before its work item is enqueued, so no reply can come before anyone waits for it.
     *
     * @param expertId the expert asked, which the answer and every failure name
     * @param requestId the request's id (1-128 letters, digits, '.', '_', ':' or '-'), not expected already
     * @param tokens where streamed text goes, on the thread that calls {@link Pending#await}
     * @throws io.coerouter.expert.ExpertException {@code UNAVAILABLE} while Redis is unreachable or the channel closed
     */
    Pending expect(String expertId, String requestId, TokenListener tokens);

    /** Stops reading and deletes the stream; waiting requests fail as {@code UNAVAILABLE}. */
    @Override
    void close();

    /** One request waiting for its answer; {@link #close} it when done (try-with-resources). */
    interface Pending extends AutoCloseable {

        /**
         * Waits for the answer, handing streamed text to the listener on this thread as it comes, in order.
         *
         * @return the answer, before the gateway prices and times it
         * @throws io.coerouter.expert.ExpertException the worker's failure (its kind, message and retry-after);
         *     {@code TIMEOUT} when none came within {@code timeout}; {@code CANCELLED} when cancelled or interrupted;
         *     {@code CONNECTION} when another attempt started after text was streamed; {@code UNAVAILABLE} when
         *     Redis was lost; {@code INVALID_RESPONSE} when the worker's reply was malformed
         * @throws RuntimeException whatever the token listener threw (the client went away)
         */
        ExpertResponse await(Duration timeout);

        /** Where the worker ran the request, once {@link #await} returned its answer. */
        Optional<Served> served();

        /** Gives up: a waiting {@link #await} throws {@code CANCELLED}; later replies are dropped. */
        void cancel();

        /** Stops waiting for the request: later replies are dropped. */
        @Override
        void close();
    }
}
