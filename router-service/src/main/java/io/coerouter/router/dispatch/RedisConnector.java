package io.coerouter.router.dispatch;

import io.coerouter.router.state.StateUnavailableException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Opens connections to one Redis server or a Redis Cluster, the same way for every dispatch component: commands fail
 * at once while disconnected (never queued), Lettuce reconnects by itself, and each connection carries its own
 * timeout so a blocking read's connection can wait longer than the others. The sync API of both kinds of connection
 * is a {@link RedisClusterCommands}.
 */
final class RedisConnector implements AutoCloseable {

    /** One connection and its sync commands. */
    record Link(StatefulConnection<String, String> connection, RedisClusterCommands<String, String> commands) {}

    private final AbstractRedisClient client;
    private final Supplier<Link> connect;
    private final Supplier<StatefulRedisPubSubConnection<String, String>> connectPubSub;

    private RedisConnector(
            AbstractRedisClient client,
            Supplier<Link> connect,
            Supplier<StatefulRedisPubSubConnection<String, String>> connectPubSub) {
        this.client = client;
        this.connect = connect;
        this.connectPubSub = connectPubSub;
    }

    /** Connections to the server at {@code url} whose commands time out after {@code timeout}. */
    static RedisConnector standalone(String url, Duration timeout) {
        RedisClient client = RedisClient.create(uri(url, timeout));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // The connection's own timeout, so a blocking read's connection can wait longer.
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
        return new RedisConnector(
                client,
                () -> {
                    StatefulRedisConnection<String, String> c = client.connect();
                    return new Link(c, c.sync());
                },
                client::connectPubSub);
    }

    /** Connections to the cluster reached through any of {@code seedUrls}, following its topology as it changes. */
    static RedisConnector cluster(List<String> seedUrls, Duration timeout) {
        if (seedUrls.isEmpty()) {
            throw new IllegalArgumentException("a Redis Cluster needs at least one seed URL");
        }
        RedisClusterClient client = RedisClusterClient.create(
                seedUrls.stream().map(url -> uri(url, timeout)).toList());
        client.setOptions(ClusterClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled())
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .build())
                .build());
        return new RedisConnector(
                client,
                () -> {
                    StatefulRedisClusterConnection<String, String> c = client.connect();
                    return new Link(c, c.sync());
                },
                client::connectPubSub);
    }

    private static RedisURI uri(String url, Duration timeout) {
        RedisURI uri = RedisURI.create(Objects.requireNonNull(url, "url"));
        uri.setTimeout(Objects.requireNonNull(timeout, "timeout"));
        return uri;
    }

    /**
     * A new connection.
     *
     * @throws StateUnavailableException when Redis cannot be reached
     */
    Link connect() {
        return call(connect);
    }

    /**
     * The first connection of a component starting up; when Redis cannot be reached the client is shut down.
     *
     * @throws StateUnavailableException when Redis cannot be reached
     */
    Link connectFirst() {
        try {
            return connect.get();
        } catch (RedisException e) {
            close();
            throw new StateUnavailableException("cannot connect to Redis: " + e.getMessage(), e);
        }
    }

    /**
     * A new publish/subscribe connection (Lettuce subscribes again by itself after a reconnect).
     *
     * @throws StateUnavailableException when Redis cannot be reached
     */
    StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return call(connectPubSub);
    }

    /** Shuts the client down: every connection it opened closes. */
    @Override
    public void close() {
        client.shutdown();
    }

    /**
     * Runs a Redis command.
     *
     * @throws StateUnavailableException when it fails for want of Redis (or Redis refuses it)
     */
    static <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            throw new StateUnavailableException("Redis is unavailable: " + e.getMessage(), e);
        }
    }
}
