package io.coerouter.router.console;

import io.coerouter.router.config.ConsoleProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What every {@link ConsoleSessions} does, over a storage of sessions by the hash of their cookie: makes the random
 * values, hashes the cookie, checks both expiries on the clock and refreshes the last use. The storage hooks are
 * given the time the entry may live ({@code ttl}), for stores that expire entries themselves.
 */
abstract class HashedSessions implements ConsoleSessions {

    private final Duration idle;
    private final Duration maxAge;
    private final Clock clock;

    HashedSessions(ConsoleProperties config, Clock clock) {
        this.idle = config.sessionIdleTimeout();
        this.maxAge = config.sessionMaxAge();
        this.clock = clock;
    }

    @Override
    public final Opened open(ConsoleSession.Role role) {
        Instant now = clock.instant();
        String cookie = SessionTokens.random();
        ConsoleSession session = new ConsoleSession(role, SessionTokens.random(), now, now);
        doSave(SessionTokens.hash(cookie), session, session.remaining(now, idle, maxAge));
        return new Opened(cookie, session);
    }

    @Override
    public final Optional<ConsoleSession> use(String cookie) {
        if (!SessionTokens.wellFormed(cookie)) {
            return Optional.empty();
        }
        String hash = SessionTokens.hash(cookie);
        Optional<ConsoleSession> found = doFind(hash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (found.get().expired(now, idle, maxAge)) {
            doDelete(hash);
            return Optional.empty();
        }
        ConsoleSession seen = found.get().seenAt(now);
        return doRefresh(hash, seen, seen.remaining(now, idle, maxAge)) ? Optional.of(seen) : Optional.empty();
    }

    @Override
    public final boolean close(String cookie) {
        return SessionTokens.wellFormed(cookie) && doDelete(SessionTokens.hash(cookie));
    }

    @Override
    public final Duration idleTimeout() {
        return idle;
    }

    @Override
    public final Duration maxAge() {
        return maxAge;
    }

    /** Whether {@code session} has ended at {@code now}: for stores that sweep. */
    final boolean expired(ConsoleSession session, Instant now) {
        return session.expired(now, idle, maxAge);
    }

    final Instant now() {
        return clock.instant();
    }

    /** Stores a new session. */
    abstract void doSave(String hash, ConsoleSession session, Duration ttl);

    /** The stored session; empty when there is none (or what is stored is not a session). */
    abstract Optional<ConsoleSession> doFind(String hash);

    /** Replaces a stored session, only if it is still there (a session closed meanwhile stays closed). */
    abstract boolean doRefresh(String hash, ConsoleSession session, Duration ttl);

    /** Removes a session; false when there was none. */
    abstract boolean doDelete(String hash);
}
