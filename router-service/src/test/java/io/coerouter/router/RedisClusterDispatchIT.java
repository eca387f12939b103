package io.coerouter.router;

import io.coerouter.router.state.RedisClusterTestServer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ClusterDispatchFlow} with the queues on a real three-master Redis Cluster this test starts; the rest of the
 * state stays in each process's memory (experts come from configuration).
 */
class RedisClusterDispatchIT extends ClusterDispatchFlow {

    private final RedisClusterTestServer cluster = RedisClusterTestServer.start();

    @Override
    protected List<String> redisArgs() {
        List<String> args = new ArrayList<>();
        List<String> seeds = cluster.seedUrls();
        for (int i = 0; i < seeds.size(); i++) {
            args.add("--coe.dispatch.redis-cluster-urls[" + i + "]=" + seeds.get(i));
        }
        args.add("--coe.redis.key-prefix=" + cluster.prefix());
        return args;
    }

    @Override
    protected void closeRedis() {
        cluster.close();
    }
}
