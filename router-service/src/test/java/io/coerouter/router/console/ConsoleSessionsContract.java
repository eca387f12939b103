package io.coerouter.router.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.config.ConsoleProperties;
import io.coerouter.router.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What every {@link ConsoleSessions} does; each implementation's test runs it on a {@link ManualClock}. */
abstract class ConsoleSessionsContract {

    static final ConsoleProperties CONFIG = new ConsoleProperties(true, Duration.ofMinutes(30), Duration.ofHours(2));

    final ManualClock clock = new ManualClock();

    /** Sessions on {@link #clock} with {@link #CONFIG}; two calls give two replicas of the same store where shared. */
    abstract ConsoleSessions sessions();

    @Test
    void anOpenedSessionIsFoundByItsCookieWithItsRoleAndCsrfToken() {
        ConsoleSessions sessions = sessions();

        ConsoleSessions.Opened admin = sessions.open(ConsoleSession.Role.ADMIN);
        ConsoleSessions.Opened viewer = sessions.open(ConsoleSession.Role.VIEWER);

        assertThat(sessions.use(admin.cookie())).hasValueSatisfying(s -> {
            assertThat(s.role()).isEqualTo(ConsoleSession.Role.ADMIN);
            assertThat(s.csrfToken()).isEqualTo(admin.session().csrfToken());
            assertThat(s.created()).isEqualTo(clock.instant());
        });
        assertThat(sessions.use(viewer.cookie()).orElseThrow().role()).isEqualTo(ConsoleSession.Role.VIEWER);
        assertThat(admin.cookie()).hasSize(43).isNotEqualTo(viewer.cookie());
        assertThat(admin.session().csrfToken())
                .hasSize(43)
                .isNotEqualTo(admin.cookie())
                .isNotEqualTo(viewer.session().csrfToken());
    }

    @Test
    void anUnknownOrMalformedCookieIsNoSession() {
        ConsoleSessions sessions = sessions();
        sessions.open(ConsoleSession.Role.ADMIN);

        assertThat(sessions.use("A".repeat(43))).isEmpty();
        assertThat(sessions.use("short")).isEmpty();
        assertThat(sessions.use("*".repeat(43))).isEmpty();
        assertThat(sessions.use(null)).isEmpty();
        assertThat(sessions.close("x")).isFalse();
    }

    @Test
    void eachUseStartsTheIdleTimeoutAgain() {
        ConsoleSessions sessions = sessions();
        ConsoleSessions.Opened opened = sessions.open(ConsoleSession.Role.ADMIN);

        clock.advance(Duration.ofMinutes(20));
        assertThat(sessions.use(opened.cookie()).orElseThrow().lastSeen()).isEqualTo(clock.instant());
        clock.advance(Duration.ofMinutes(20));
        assertThat(sessions.use(opened.cookie())).as("40 minutes old, 20 idle").isPresent();
        clock.advance(Duration.ofMinutes(30));

        assertThat(sessions.use(opened.cookie())).as("idle for 30 minutes").isEmpty();
        assertThat(sessions.close(opened.cookie()))
                .as("an ended session is removed")
                .isFalse();
    }

    @Test
    void aBusySessionStillEndsAtItsMaximumAge() {
        ConsoleSessions sessions = sessions();
        ConsoleSessions.Opened opened = sessions.open(ConsoleSession.Role.VIEWER);

        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(sessions.use(opened.cookie()))
                    .as("after %d minutes", (i + 1) * 20)
                    .isPresent();
        }
        clock.advance(Duration.ofMinutes(20));

        assertThat(sessions.use(opened.cookie())).as("two hours after sign-in").isEmpty();
    }

    @Test
    void aClosedSessionIsGoneOnEveryReplicaAndAUseThereDoesNotBringItBack() {
        ConsoleSessions one = sessions();
        ConsoleSessions other = sessions();
        ConsoleSessions.Opened opened = one.open(ConsoleSession.Role.ADMIN);
        assertThat(other.use(opened.cookie()))
                .as("any replica serves any session")
                .isPresent();

        assertThat(one.close(opened.cookie())).isTrue();

        assertThat(other.use(opened.cookie())).isEmpty();
        assertThat(one.use(opened.cookie())).isEmpty();
        assertThat(other.close(opened.cookie())).isFalse();
    }

    @Test
    void theTimeoutsAreTheConfiguredOnes() {
        ConsoleSessions sessions = sessions();

        assertThat(sessions.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(sessions.maxAge()).isEqualTo(Duration.ofHours(2));
    }
}
