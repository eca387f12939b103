package io.coerouter.router.console;

import io.coerouter.router.config.ConsoleProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions in this process (one replica); ended sessions are swept at each sign-in. */
final class InMemoryConsoleSessions extends HashedSessions {

    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();

    InMemoryConsoleSessions(ConsoleProperties config, Clock clock) {
        super(config, clock);
    }

    @Override
    void doSave(String hash, ConsoleSession session, Duration ttl) {
        Instant now = now();
        sessions.values().removeIf(s -> expired(s, now));
        sessions.put(hash, session);
    }

    @Override
    Optional<ConsoleSession> doFind(String hash) {
        return Optional.ofNullable(sessions.get(hash));
    }

    @Override
    boolean doRefresh(String hash, ConsoleSession session, Duration ttl) {
        return sessions.computeIfPresent(hash, (h, old) -> session) != null;
    }

    @Override
    boolean doDelete(String hash) {
        return sessions.remove(hash) != null;
    }
}
