package io.coerouter.router.dispatch;

import io.coerouter.router.state.RedisClusterTestServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reply path on a real three-master Redis Cluster the test starts: {@link ReplyChannelContract} and {@link
 * CancelBroadcastContract}.
 */
class RedisClusterReplyPathIT extends ReplyChannelContract {

    @RegisterExtension
    static final RedisClusterTestServer CLUSTER = RedisClusterTestServer.start();

    @RegisterExtension
    static final ReplyPathRedis PATH = ReplyPathRedis.on(CLUSTER);

    @Override
    protected ReplyPathRedis path() {
        return PATH;
    }

    @Nested
    class Cancels extends CancelBroadcastContract {

        @Override
        protected ReplyPathRedis path() {
            return PATH;
        }
    }
}
