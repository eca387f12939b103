package io.coerouter.router.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisState;
import io.coerouter.router.state.RedisTestServer;
import io.coerouter.router.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis console sessions pass the same contract against a real Redis server, each replica on its own connection;
 * and what Redis holds is the cookie's hash with a TTL, never the cookie.
 */
class RedisConsoleSessionsIT {

    @RegisterExtension
    static final RedisTestServer SERVER = RedisTestServer.shared();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Nested
    class Contract extends ConsoleSessionsContract {
        @Override
        ConsoleSessions sessions() {
            return ConsoleSessions.redis(SERVER.connect(), JSON, CONFIG, clock);
        }
    }

    @Test
    void redisHoldsTheHashOfTheCookieUnderThePrefixWithTheIdleTimeoutAsTtl() throws Exception {
        RedisState redis = SERVER.connect();
        ConsoleSessions sessions =
                ConsoleSessions.redis(redis, JSON, ConsoleSessionsContract.CONFIG, new ManualClock());

        ConsoleSessions.Opened opened = sessions.open(ConsoleSession.Role.ADMIN);

        String hash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(opened.cookie().getBytes(StandardCharsets.US_ASCII)));
        List<String> keys = redis.call(c -> c.keys(SERVER.prefix() + "*"));
        assertThat(keys).containsExactly(SERVER.prefix() + "console:session:" + hash);
        String stored = redis.call(c -> c.get(keys.getFirst()));
        assertThat(stored).doesNotContain(opened.cookie()).contains("ADMIN");
        long ttl = redis.call(c -> c.pttl(keys.getFirst()));
        assertThat(ttl).isBetween(29 * 60_000L, 30 * 60_000L);
    }

    @Test
    void somethingElseStoredUnderASessionKeyIsNoSession() throws Exception {
        RedisState redis = SERVER.connect();
        ConsoleSessions sessions =
                ConsoleSessions.redis(redis, JSON, ConsoleSessionsContract.CONFIG, new ManualClock());
        ConsoleSessions.Opened opened = sessions.open(ConsoleSession.Role.VIEWER);
        String key = redis.call(c -> c.keys(SERVER.prefix() + "*")).getFirst();

        redis.call(c -> c.set(key, "{\"version\":1,\"role\":\"ROOT\",\"csrf\":\"x\",\"created\":0,\"lastSeen\":0}"));

        assertThat(sessions.use(opened.cookie())).isEmpty();
    }
}
