package io.coerouter.router.dispatch;

import io.coerouter.router.state.RedisTestServer;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ExpertWorkQueueContract} on a single Redis server ({@code REDIS_URL}, or one the test starts). */
class RedisExpertWorkQueueIT extends ExpertWorkQueueContract {

    @RegisterExtension
    static final RedisTestServer REDIS = RedisTestServer.shared();

    @Override
    protected ExpertWorkQueue connect(long capacity) {
        return ExpertWorkQueue.redis(REDIS.url(), REDIS.prefix(), capacity, Duration.ofSeconds(2));
    }

    @Override
    protected int slot(String key) {
        return SlotHash.getSlot(key); // a single server has no CLUSTER KEYSLOT: the cluster's own hash
    }
}
