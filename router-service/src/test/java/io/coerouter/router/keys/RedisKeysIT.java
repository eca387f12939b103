package io.coerouter.router.keys;

import io.coerouter.router.state.RedisState;
import io.coerouter.router.state.RedisTestServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/** The Redis key store and usage counters pass the same contracts against a real Redis server. */
class RedisKeysIT {

    @RegisterExtension
    static final RedisTestServer SERVER = RedisTestServer.shared();

    private static RedisState connect() {
        return SERVER.connect();
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
