package io.coerouter.router.console;

import io.coerouter.router.config.ConsoleProperties;
import io.coerouter.router.state.RedisState;
import io.lettuce.core.SetArgs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sessions in Redis, shared by every replica: each as JSON under {@code console:session:<sha256 of the cookie>}, with
 * a TTL of the time it may still live, set again at each use ({@code SET ... XX}, so a use never brings back a session
 * another replica closed). The expiries are also checked on the stored times, so a clock is the judge, not only Redis.
 */
final class RedisConsoleSessions extends HashedSessions {

    private static final Logger log = LoggerFactory.getLogger(RedisConsoleSessions.class);

    /** The stored form: times in epoch milliseconds. */
    record Stored(int version, String role, String csrf, long created, long lastSeen) {}

    private final RedisState redis;
    private final JsonMapper json;

    RedisConsoleSessions(RedisState redis, JsonMapper json, ConsoleProperties config, Clock clock) {
        super(config, clock);
        this.redis = redis;
        this.json = json;
    }

    private String key(String hash) {
        return redis.key("console", "session", hash);
    }

    @Override
    void doSave(String hash, ConsoleSession session, Duration ttl) {
        String body = write(session);
        redis.call(c -> c.set(key(hash), body, SetArgs.Builder.px(millis(ttl))));
    }

    @Override
    Optional<ConsoleSession> doFind(String hash) {
        String body = redis.call(c -> c.get(key(hash)));
        return body == null ? Optional.empty() : read(body);
    }

    @Override
    boolean doRefresh(String hash, ConsoleSession session, Duration ttl) {
        String body = write(session);
        return "OK"
                .equals(redis.call(
                        c -> c.set(key(hash), body, SetArgs.Builder.xx().px(millis(ttl)))));
    }

    @Override
    boolean doDelete(String hash) {
        return redis.call(c -> c.del(key(hash))) > 0;
    }

    private static long millis(Duration ttl) {
        return Math.max(1, ttl.toMillis());
    }

    private String write(ConsoleSession s) {
        return json.writeValueAsString(new Stored(
                1,
                s.role().name(),
                s.csrfToken(),
                s.created().toEpochMilli(),
                s.lastSeen().toEpochMilli()));
    }

    /** A stored session; what is not one (written by something else, or damaged) is no session. */
    private Optional<ConsoleSession> read(String body) {
        try {
            Stored stored = json.readValue(body, Stored.class);
            return Optional.of(new ConsoleSession(
                    ConsoleSession.Role.valueOf(stored.role()),
                    stored.csrf(),
                    Instant.ofEpochMilli(stored.created()),
                    Instant.ofEpochMilli(stored.lastSeen())));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            log.warn(
                    "a stored console session is not readable; it counts as none: {}",
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
