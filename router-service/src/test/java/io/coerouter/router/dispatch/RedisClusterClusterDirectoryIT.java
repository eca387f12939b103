package io.coerouter.router.dispatch;

import io.coerouter.router.state.RedisClusterTestServer;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ClusterDirectoryContract} on a real three-master Redis Cluster the test starts. */
class RedisClusterClusterDirectoryIT extends ClusterDirectoryContract {

    @RegisterExtension
    static final RedisClusterTestServer CLUSTER = RedisClusterTestServer.start();

    private static RedisClusterClient client;
    private static StatefulRedisClusterConnection<String, String> connection;

    @BeforeAll
    static void connectPlainly() {
        client = RedisClusterClient.create(CLUSTER.seedUrls().getFirst());
        connection = client.connect();
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        client.shutdown();
    }

    @Override
    protected ClusterDirectory connect(String prefix, Clock clock) {
        return ClusterDirectory.redisCluster(CLUSTER.seedUrls(), prefix, Duration.ofSeconds(2), clock);
    }

    @Override
    protected ClusterDirectory connect(String url) {
        return ClusterDirectory.redisCluster(List.of(url), "p:", Duration.ofSeconds(2), Clock.systemUTC());
    }

    @Override
    protected String basePrefix() {
        return CLUSTER.prefix();
    }

    @Override
    protected <T> T onRedis(Function<RedisClusterCommands<String, String>, T> command) {
        return command.apply(connection.sync());
    }

    @Override
    protected int slot(String key) {
        return CLUSTER.keyslot(key);
    }
}
