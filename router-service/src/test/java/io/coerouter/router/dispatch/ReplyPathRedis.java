package io.coerouter.router.dispatch;

import io.coerouter.router.state.RedisClusterTestServer;
import io.coerouter.router.state.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The reply path's components on a test's Redis (a single server or a cluster) under its key prefix, and plain
 * commands on the same Redis to look at keys and write what no component would. Registered as a JUnit extension
 * ({@code @RegisterExtension static}, after the server's), it closes after all tests.
 */
final class ReplyPathRedis implements AutoCloseable, AfterAllCallback {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final String prefix;
    private final BiFunction<String, Duration, ReplyChannel> channels;
    private final Supplier<ReplyPublisher> publishers;
    private final Supplier<CancelBroadcast> cancels;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterCommands<String, String> commands;
    private final Runnable shutdown;

    private ReplyPathRedis(
            String prefix,
            BiFunction<String, Duration, ReplyChannel> channels,
            Supplier<ReplyPublisher> publishers,
            Supplier<CancelBroadcast> cancels,
            StatefulConnection<String, String> connection,
            RedisClusterCommands<String, String> commands,
            Runnable shutdown) {
        this.prefix = prefix;
        this.channels = channels;
        this.publishers = publishers;
        this.cancels = cancels;
        this.connection = connection;
        this.commands = commands;
        this.shutdown = shutdown;
    }

    static ReplyPathRedis on(RedisTestServer redis) {
        RedisClient client = RedisClient.create(redis.url());
        StatefulRedisConnection<String, String> connection = client.connect();
        return new ReplyPathRedis(
                redis.prefix(),
                (gateway, timeout) ->
                        ReplyChannel.redis(redis.url(), redis.prefix(), gateway, timeout, Clock.systemUTC()),
                () -> ReplyPublisher.redis(redis.url(), redis.prefix(), TIMEOUT),
                () -> CancelBroadcast.redis(redis.url(), redis.prefix(), TIMEOUT, Clock.systemUTC()),
                connection,
                connection.sync(),
                client::shutdown);
    }

    static ReplyPathRedis on(RedisClusterTestServer cluster) {
        RedisClusterClient client = RedisClusterClient.create(cluster.seedUrls().getFirst());
        StatefulRedisClusterConnection<String, String> connection = client.connect();
        return new ReplyPathRedis(
                cluster.prefix(),
                (gateway, timeout) -> ReplyChannel.redisCluster(
                        cluster.seedUrls(), cluster.prefix(), gateway, timeout, Clock.systemUTC()),
                () -> ReplyPublisher.redisCluster(cluster.seedUrls(), cluster.prefix(), TIMEOUT),
                () -> CancelBroadcast.redisCluster(cluster.seedUrls(), cluster.prefix(), TIMEOUT, Clock.systemUTC()),
                connection,
                connection.sync(),
                client::shutdown);
    }

    String prefix() {
        return prefix;
    }

    ReplyChannel channel(String gatewayId, Duration timeout) {
        return channels.apply(gatewayId, timeout);
    }

    ReplyPublisher publisher() {
        return publishers.get();
    }

    CancelBroadcast cancels() {
        return cancels.get();
    }

    /** Plain commands on the same Redis. */
    RedisClusterCommands<String, String> redis() {
        return commands;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Nested test classes inherit the extension: only the outermost class's end closes it.
        if (!context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
            close();
        }
    }

    @Override
    public void close() {
        connection.close();
        shutdown.run();
    }
}
