package io.coerouter.router.experts;

import io.coerouter.router.state.RedisState;
import io.coerouter.router.state.RedisTestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

class RedisExpertStoreIT extends ExpertStoreContract {

    private static RedisTestServer server;
    private static RedisState redis;

    @BeforeAll
    static void connect() {
        server = RedisTestServer.shared();
        redis = RedisState.connect(server.url(), server.prefix(), Duration.ofSeconds(2));
    }

    @AfterEach
    void clean() {
        server.clean();
    }

    @AfterAll
    static void close() {
        redis.close();
        server.close();
    }

    @Override
    protected ExpertStore store() {
        return ExpertStore.redis(redis);
    }
}
