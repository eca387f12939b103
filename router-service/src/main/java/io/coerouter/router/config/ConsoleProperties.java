package io.coerouter.router.config;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin console ({@code /console/}) and its sign-in sessions.
 *
 * @param enabled whether the console's pages and {@code POST /console/login} are served; off: they answer 404 and no
 *     session cookie is accepted (the admin API with bearer keys is unchanged)
 * @param sessionIdleTimeout how long a console session lives without a request; each authenticated request starts it
 *     again (at least 1s, at most {@code sessionMaxAge})
 * @param sessionMaxAge how long a console session lives at most after sign-in, however busy (at least 1s, at most
 *     30 days)
 */
public record ConsoleProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30m") Duration sessionIdleTimeout,
        @DefaultValue("12h") Duration sessionMaxAge) {

    private static final Duration LONGEST = Duration.ofDays(30);

    public ConsoleProperties {
        if (sessionIdleTimeout == null || sessionIdleTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "coe.console.session-idle-timeout must be at least 1s, but was " + sessionIdleTimeout);
        }
        if (sessionMaxAge == null
                || sessionMaxAge.compareTo(Duration.ofSeconds(1)) < 0
                || sessionMaxAge.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(
                    "coe.console.session-max-age must be from 1s to 30d, but was " + sessionMaxAge);
        }
        if (sessionIdleTimeout.compareTo(sessionMaxAge) > 0) {
            throw new IllegalArgumentException("coe.console.session-idle-timeout must not exceed"
                    + " coe.console.session-max-age (" + sessionMaxAge + "), but was " + sessionIdleTimeout);
        }
    }

    /** The defaults: enabled, 30 minutes idle, 12 hours at most. */
    public static ConsoleProperties defaults() {
        return new ConsoleProperties(true, Duration.ofMinutes(30), Duration.ofHours(12));
    }
}
