package io.coerouter.router.batch;

import io.coerouter.router.state.RedisState;
import io.coerouter.router.state.RedisTestServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import tools.jackson.databind.json.JsonMapper;

/** The Redis batch and file stores pass the same contracts against a real Redis server, each replica its own connection. */
class RedisBatchStoresIT {

    private static final RedisTestServer SERVER = RedisTestServer.shared();
    private static final JsonMapper JSON =
            JsonMapper.builder().findAndAddModules().build();
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
    class Batches extends BatchStoreContract {
        @Override
        BatchStore store() {
            return new RedisBatchStore(connect(), JSON);
        }

        @Override
        BatchStore replica(BatchStore store) {
            return new RedisBatchStore(connect(), JSON);
        }
    }

    @Nested
    class Files extends FileStoreContract {
        @Override
        FileStore store() {
            return new RedisFileStore(connect(), JSON, Clock.systemUTC());
        }

        @Override
        FileStore replica(FileStore store) {
            return new RedisFileStore(connect(), JSON, Clock.systemUTC());
        }
    }
}
