package io.coerouter.router;

import io.coerouter.router.state.RedisTestServer;
import java.util.List;

/** {@link ClusterDispatchFlow} on one Redis server (CI's, or one this test starts). */
class ClusterDispatchIT extends ClusterDispatchFlow {

    private final RedisTestServer redis = RedisTestServer.shared();

    @Override
    protected List<String> redisArgs() {
        return List.of("--coe.redis.url=" + redis.url(), "--coe.redis.key-prefix=" + redis.prefix());
    }

    @Override
    protected void closeRedis() {
        redis.close();
    }
}
