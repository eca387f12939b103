package io.coerouter.router.keys;

import io.coerouter.router.state.RedisState;
import io.coerouter.router.state.RedisTestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import tools.jackson.databind.json.JsonMapper;

/** The Redis key store and usage counters pass the same contracts against a real Redis server. */
class RedisKeysIT {

    private static final RedisTestServer SERVER = RedisTestServer.shared();
    private static final List<RedisState> CONNECTIONS = new ArrayList<>();

    private static RedisState connect() {
        RedisState redis = RedisState.connect(SERVER.url(), SERVER.prefix(), Duration.ofSeconds(2));
        synchronized (CONNECTIONS) {
            CONNECTIONS.add(redis);
        }
        return redis;
    }

    @AfterEach
    void clean() {
        SERVER.clean();
    }

    @AfterAll
    static void close() {
        CONNECTIONS.forEach(RedisState::close);
        SERVER.close();
    }

    @Nested
    class Store extends ApiKeyStoreContract {
        @Override
        ApiKeyStore store() {
            return new RedisApiKeyStore(
                    connect(), JsonMapper.builder().findAndAddModules().build());
        }
    }

    @Nested
    class Usage extends KeyUsageContract {
        @Override
        KeyUsage usage() {
            return new RedisKeyUsage(connect(), clock); // its own connection: another replica
        }
    }
}
