package io.coerouter.router.admin;

import io.coerouter.router.state.RedisState;
import io.coerouter.router.state.RedisTestServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis admin job store passes the same contract against a real Redis server, each replica its own connection. */
class RedisAdminJobStoreIT {

    @RegisterExtension
    static final RedisTestServer SERVER = RedisTestServer.shared();

    private static RedisState connect() {
        return SERVER.connect();
    }

    @Nested
    class Store extends AdminJobStoreContract {
        @Override
        AdminJobStore store() {
            return new RedisAdminJobStore(connect(), JSON);
        }

        @Override
        AdminJobStore replica(AdminJobStore store) {
            return new RedisAdminJobStore(connect(), JSON);
        }
    }
}
