package io.coerouter.router.jobs;

import io.coerouter.router.state.RedisState;
import io.coerouter.router.state.RedisTestServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis admin job store passes the same contract against a real Redis server, each replica its own connection. */
class RedisJobStoreIT {

    @RegisterExtension
    static final RedisTestServer SERVER = RedisTestServer.shared();

    private static RedisState connect() {
        return SERVER.connect();
    }

    @Nested
    class Store extends JobStoreContract {
        @Override
        JobStore store() {
            return new RedisJobStore(connect(), JSON);
        }

        @Override
        JobStore replica(JobStore store) {
            return new RedisJobStore(connect(), JSON);
        }
    }
}
