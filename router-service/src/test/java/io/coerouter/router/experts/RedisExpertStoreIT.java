package io.coerouter.router.experts;

import io.coerouter.router.state.RedisTestServer;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisExpertStoreIT extends ExpertStoreContract {

    @RegisterExtension
    static final RedisTestServer SERVER = RedisTestServer.shared();

    @Override
    protected ExpertStore store() {
        return ExpertStore.redis(SERVER.connect());
    }
}
