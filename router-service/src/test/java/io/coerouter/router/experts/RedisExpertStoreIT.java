package io.coerouter.router.experts;

import io.coerouter.router.state.RedisTestServer;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisExpertStoreIT extends ExpertStoreContract {

    @RegisterExtension
    static final RedisTestServer SERVER = RedisTestServer.shared();

    private final io.coerouter.router.state.RedisState redis = SERVER.connect();

    @Override
    protected ExpertStore store() {
        return ExpertStore.redis(redis);
    }

    @Override
    protected void corrupt(String id, String json) {
        redis.call(c -> c.hset(redis.key("experts"), id, json));
    }
}
