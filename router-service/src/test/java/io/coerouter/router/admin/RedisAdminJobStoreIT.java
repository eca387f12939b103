package io.coerouter.router.admin;

import io.coerouter.router.state.RedisState;
import io.coerouter.router.state.RedisTestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The Redis admin job store passes the same contract against a real Redis server, each replica its own connection. */
class RedisAdminJobStoreIT {

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
