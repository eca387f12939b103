package io.coerouter.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.state.RedisTestServer;
import io.coerouter.router.state.StateUnavailableException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ClusterDirectoryContract} on a single Redis server ({@code REDIS_URL}, or one the test starts). */
class RedisClusterDirectoryIT extends ClusterDirectoryContract {

    @RegisterExtension
    static final RedisTestServer REDIS = RedisTestServer.shared();

    @Override
    protected ClusterDirectory connect(String prefix, Clock clock) {
        return ClusterDirectory.redis(REDIS.url(), prefix, Duration.ofSeconds(2), clock);
    }

    @Override
    protected ClusterDirectory connect(String url) {
        return ClusterDirectory.redis(url, "p:", Duration.ofSeconds(2), Clock.systemUTC());
    }

    @Override
    protected String basePrefix() {
        return REDIS.prefix();
    }

    @Override
    protected <T> T onRedis(Function<RedisClusterCommands<String, String>, T> command) {
        RedisClient client = RedisClient.create(REDIS.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return command.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    @Override
    protected int slot(String key) {
        return SlotHash.getSlot(key); // a single server has no CLUSTER KEYSLOT: the cluster's own hash
    }

    @Test
    void everyOperationFailsAsUnavailableWhileRedisIsDownAndWorksOnceItIsBack() throws Exception {
        try (RedisTestServer server = RedisTestServer.own();
                ClusterDirectory directory = ClusterDirectory.redis(
                        server.url(), server.prefix(), Duration.ofSeconds(1), Clock.systemUTC())) {
            WorkerResidency worker = new WorkerResidency("worker-a", List.of(), List.of(), 10, 10, 0, 0, 1);
            GatewayRecord gateway = new GatewayRecord("gateway-1", 1, 0);
            directory.publishWorker(worker, Duration.ofMinutes(1));

            server.stop();

            List<Runnable> operations = List.of(
                    () -> directory.publishWorker(worker, Duration.ofMinutes(1)),
                    () -> directory.removeWorker("worker-a"),
                    directory::workers,
                    () -> directory.publishGateway(gateway, Duration.ofMinutes(1)),
                    () -> directory.removeGateway("gateway-1"),
                    directory::gateways,
                    () -> directory.gatewayAlive("gateway-1"),
                    () -> directory.claim("x", "worker-a", Duration.ofMinutes(1)),
                    () -> directory.claimant("x"),
                    () -> directory.release("x", "worker-a"));
            for (Runnable operation : operations) {
                assertThatThrownBy(operation::run).isInstanceOf(StateUnavailableException.class);
            }

            server.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    directory.publishWorker(worker, Duration.ofMinutes(1));
                    break;
                } catch (StateUnavailableException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw notYet;
                    }
                    Thread.sleep(100);
                }
            }
            assertThat(directory.workers()).containsExactly(worker);
        }
    }
}
