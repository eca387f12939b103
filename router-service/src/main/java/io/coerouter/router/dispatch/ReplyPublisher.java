package io.coerouter.router.dispatch;

import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A worker's side of the reply path: it sends what it generates for a request to the reply stream of the gateway
 * that holds the client's connection ({@code <prefix>{r:<replyTo>}:replies}, the work item's {@code replyTo}). The
 * gateway keeps the first answer per request (see {@link ReplyChannel}).
 *
 * <p>Every method throws {@link io.coerouter.router.state.StateUnavailableException} while Redis is unreachable, and
 * {@link IllegalArgumentException} for a {@code replyTo}, request id or attempt of the wrong shape (they come from
 * queue entries anyone who reaches Redis can write). Safe for concurrent use.
 */
public interface ReplyPublisher extends AutoCloseable {

    /** A reply stream keeps at most about this many entries: a gateway that stopped reading cannot fill Redis. */
    long MAX_STREAM_ENTRIES = 100_000;

    /**
     * Publishes through one Redis server.
     *
     * @param url a {@code redis://} URL
     * @param prefix the prefix of every key
     * @param timeout the command timeout
     * @throws io.coerouter.router.state.StateUnavailableException when Redis cannot be reached at start-up
     */
    static ReplyPublisher redis(String url, String prefix, Duration timeout) {
        Objects.requireNonNull(prefix, "prefix"); // checked before a client is made
        return new RedisReplyPublisher(RedisConnector.standalone(url, timeout), prefix);
    }

    /** Publishes through a Redis Cluster reached through any of {@code seedUrls}. */
    static ReplyPublisher redisCluster(List<String> seedUrls, String prefix, Duration timeout) {
        Objects.requireNonNull(prefix, "prefix");
        return new RedisReplyPublisher(RedisConnector.cluster(seedUrls, timeout), prefix);
    }

    /** A piece of generated text ({@code ""}: the attempt started and has no text yet). */
    void token(String replyTo, String requestId, String attempt, String text);

    /** The answer (before pricing) and where it was served. */
    void done(String replyTo, String requestId, String attempt, ExpertResponse response, Served served);

    /** The failure that ended the request; its message must already be free of secrets and of the prompt's text. */
    void failed(String replyTo, String requestId, String attempt, ExpertException error);

    @Override
    void close();
}
