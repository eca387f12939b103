package io.coerouter.router.batch;

import io.coerouter.router.state.RedisState;
import io.coerouter.router.state.RedisTestServer;
import java.time.Clock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/** The Redis batch and file stores pass the same contracts against a real Redis server, each replica its own connection. */
class RedisBatchStoresIT {

    @RegisterExtension
    static final RedisTestServer SERVER = RedisTestServer.shared();

    private static final JsonMapper JSON =
            JsonMapper.builder().findAndAddModules().build();

    private static RedisState connect() {
        return SERVER.connect();
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
