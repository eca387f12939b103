package io.coerouter.router.dispatch;

import io.coerouter.router.state.StateUnavailableException;
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
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Lettuce connections to one Redis server or to a Redis Cluster, set up as the dispatch stores need them: commands
 * are rejected at once while disconnected (so callers fail fast with {@link StateUnavailableException} instead of
 * queueing), the client reconnects by itself, and a cluster client follows topology changes. Both kinds of connection
 * offer the same sync commands ({@link RedisClusterCommands}); a store must keep each command (and script) to keys of
 * one slot.
 */
final class RedisConnector {

    /** One connection and its sync commands. */
    record Link(StatefulConnection<String, String> connection, RedisClusterCommands<String, String> commands) {}

    private final Supplier<Link> connect;
    private final Runnable shutdown;

    private RedisConnector(Supplier<Link> connect, Runnable shutdown) {
        this.connect = connect;
        this.shutdown = shutdown;
    }

    /** A client of the server at {@code url} ({@code redis://}), with {@code timeout} per command. */
    static RedisConnector standalone(String url, Duration timeout) {
        RedisClient client = RedisClient.create(uri(url, timeout));
        client.setOptions(failFast(ClientOptions.builder()).build());
        return new RedisConnector(
                () -> {
                    StatefulRedisConnection<String, String> c = client.connect();
                    return new Link(c, c.sync());
                },
                client::shutdown);
    }

    /** A client of the Redis Cluster reached through any of {@code seedUrls}, with {@code timeout} per command. */
    static RedisConnector cluster(List<String> seedUrls, Duration timeout) {
        if (seedUrls.isEmpty()) {
            throw new IllegalArgumentException("a Redis Cluster needs at least one seed URL");
        }
        RedisClusterClient client = RedisClusterClient.create(
                seedUrls.stream().map(url -> uri(url, timeout)).toList());
        client.setOptions(failFast(ClusterClientOptions.builder())
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .build())
                .build());
        return new RedisConnector(
                () -> {
                    StatefulRedisClusterConnection<String, String> c = client.connect();
                    return new Link(c, c.sync());
                },
                client::shutdown);
    }

    /** Reconnects by itself, rejects commands while disconnected, and times commands out per connection. */
    private static <B extends ClientOptions.Builder> B failFast(B builder) {
        builder.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled());
        return builder;
    }

    private static RedisURI uri(String url, Duration timeout) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        return uri;
    }

    /**
     * A new connection; when it cannot be made, the client is shut down.
     *
     * @throws StateUnavailableException when Redis cannot be reached
     */
    Link connectOrShutdown() {
        try {
            return connect.get();
        } catch (RedisException e) {
            shutdown.run();
            throw new StateUnavailableException("cannot connect to Redis: " + e.getMessage(), e);
        }
    }

    /** Releases the client's threads; close its connections first. */
    void shutdown() {
        shutdown.run();
    }

    /**
     * Runs {@code command}.
     *
     * @throws StateUnavailableException when Redis fails it (unreachable, timed out, or refused)
     */
    static <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            throw new StateUnavailableException("Redis is unavailable: " + e.getMessage(), e);
        }
    }
}
