package io.coerouter.router.dispatch;

import io.coerouter.router.state.RedisClusterTestServer;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ExpertWorkQueueContract} on a real three-master Redis Cluster the test starts. */
class RedisClusterExpertWorkQueueIT extends ExpertWorkQueueContract {

    @RegisterExtension
    static final RedisClusterTestServer CLUSTER = RedisClusterTestServer.start();

    @Override
    protected ExpertWorkQueue connect(long capacity) {
        return ExpertWorkQueue.redisCluster(CLUSTER.seedUrls(), CLUSTER.prefix(), capacity, Duration.ofSeconds(2));
    }

    @Override
    protected int slot(String key) {
        return CLUSTER.keyslot(key);
    }
}
