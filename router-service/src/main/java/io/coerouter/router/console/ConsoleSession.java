package io.coerouter.router.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One signed-in console user: what the session allows, the token every change it makes must carry (CSRF), when it
 * began and when it was last used. Holds no cookie value.
 *
 * @param role what the session allows, as the admin or the viewer key would
 * @param csrfToken the value the {@code X-CSRF-Token} header of each change must equal
 * @param created the sign-in; the session ends at {@code created + max age} however busy
 * @param lastSeen the last authenticated request; the session ends at {@code lastSeen + idle timeout}
 */
public record ConsoleSession(Role role, String csrfToken, Instant created, Instant lastSeen) {

    /** Who signed in: the admin key or the viewer key (gateway keys never sign in). */
    public enum Role {
        ADMIN,
        VIEWER;

        /** {@code admin} or {@code viewer}, as the API shows it. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ConsoleSession {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastSeen, "lastSeen");
        if (csrfToken == null || csrfToken.isBlank()) {
            throw new IllegalArgumentException("csrfToken must not be blank");
        }
        if (lastSeen.isBefore(created)) {
            throw new IllegalArgumentException(
                    "lastSeen must not precede created, but was " + lastSeen + " < " + created);
        }
    }

    /** This session, used at {@code now} (never moved back). */
    public ConsoleSession seenAt(Instant now) {
        return now.isAfter(lastSeen) ? new ConsoleSession(role, csrfToken, created, now) : this;
    }

    /** When the session ends however busy it is: sign-in plus {@code maxAge}. */
    public Instant expiresAt(Duration maxAge) {
        return created.plus(maxAge);
    }

    /** Whether, at {@code now}, the session has been idle for {@code idle} or is older than {@code maxAge}. */
    public boolean expired(Instant now, Duration idle, Duration maxAge) {
        return !now.isBefore(lastSeen.plus(idle)) || !now.isBefore(expiresAt(maxAge));
    }

    /** How long, from {@code now}, the session may live at most if not used again. */
    public Duration remaining(Instant now, Duration idle, Duration maxAge) {
        Duration toIdle = Duration.between(now, lastSeen.plus(idle));
        Duration toEnd = Duration.between(now, expiresAt(maxAge));
        return toIdle.compareTo(toEnd) <= 0 ? toIdle : toEnd;
    }

    /** Whether {@code presented} is this session's CSRF token, compared in constant time; false for null. */
    public boolean csrfMatches(String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        csrfToken.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ConsoleSession[role=" + role + ", created=" + created + ", lastSeen=" + lastSeen + "]"; // no token
    }
}
