package io.coerouter.router.console;

import io.coerouter.router.config.ConsoleProperties;
import io.coerouter.router.state.RedisState;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where console sessions live: in this process ({@link #inMemory}) or in Redis ({@link #redis}), so any replica serves
 * any session. A session is stored under the SHA-256 of its cookie value; the value itself is returned once, by
 * {@link #open}, and never stored. A session ends when it was idle for the idle timeout or is older than the maximum
 * age, whichever comes first; time comes from the injected clock.
 */
public interface ConsoleSessions {

    /** A new session and its cookie value (256 random bits), which is not kept. */
    record Opened(String cookie, ConsoleSession session) {

        @Override
        public String toString() {
            return "Opened[" + session + "]"; // never the cookie
        }
    }

    /** Starts a session for {@code role}. */
    Opened open(ConsoleSession.Role role);

    /**
     * The live session of {@code cookie}, its last use moved to now (which starts its idle timeout again); empty for
     * an unknown or malformed value, and for an expired session, which is removed.
     *
     * @throws io.coerouter.router.state.StateUnavailableException when Redis is down
     */
    Optional<ConsoleSession> use(String cookie);

    /** Ends the session of {@code cookie} on every replica; false when there was none. */
    boolean close(String cookie);

    /** How long a session lives unused. */
    Duration idleTimeout();

    /** How long a session lives at most. */
    Duration maxAge();

    static ConsoleSessions inMemory(ConsoleProperties config, Clock clock) {
        return new InMemoryConsoleSessions(config, clock);
    }

    /** Sessions under {@code console:session:<sha256>} of {@code redis}'s key prefix, expiring by TTL. */
    static ConsoleSessions redis(RedisState redis, JsonMapper json, ConsoleProperties config, Clock clock) {
        return new RedisConsoleSessions(redis, json, config, clock);
    }
}
