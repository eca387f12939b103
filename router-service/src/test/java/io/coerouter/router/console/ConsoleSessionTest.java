package io.coerouter.router.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A session's expiries, its CSRF check and what it shows of itself. */
class ConsoleSessionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final ConsoleSession session = new ConsoleSession(ConsoleSession.Role.ADMIN, "csrf-token-value", T0, T0);

    @Test
    void theCsrfTokenMatchesOnlyItself() {
        assertThat(session.csrfMatches("csrf-token-value")).isTrue();
        assertThat(session.csrfMatches("csrf-token-valuE")).isFalse();
        assertThat(session.csrfMatches("csrf-token-valu")).isFalse();
        assertThat(session.csrfMatches("")).isFalse();
        assertThat(session.csrfMatches(null)).isFalse();
    }

    @Test
    void itEndsAtTheEarlierOfIdleAndMaximumAge() {
        Duration idle = Duration.ofMinutes(30);
        Duration max = Duration.ofHours(1);
        ConsoleSession seen = session.seenAt(T0.plus(Duration.ofMinutes(45)));

        assertThat(seen.remaining(T0.plus(Duration.ofMinutes(45)), idle, max)).isEqualTo(Duration.ofMinutes(15));
        assertThat(seen.expired(T0.plus(Duration.ofMinutes(59)), idle, max)).isFalse();
        assertThat(seen.expired(T0.plus(Duration.ofMinutes(60)), idle, max)).isTrue();
        assertThat(session.expired(T0.plus(Duration.ofMinutes(30)), idle, max)).isTrue();
        assertThat(seen.expiresAt(max)).isEqualTo(T0.plus(max));
    }

    @Test
    void theLastUseNeverMovesBack() {
        ConsoleSession later = session.seenAt(T0.plusSeconds(60));

        assertThat(later.seenAt(T0.plusSeconds(10)).lastSeen()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void itsTextShowsNoToken() {
        assertThat(session.toString()).doesNotContain("csrf-token-value").contains("ADMIN");
    }

    @Test
    void aBlankTokenOrALastUseBeforeTheStartIsRefused() {
        assertThatThrownBy(() -> new ConsoleSession(ConsoleSession.Role.VIEWER, " ", T0, T0))
                .hasMessageContaining("csrfToken");
        assertThatThrownBy(() -> new ConsoleSession(ConsoleSession.Role.VIEWER, "t", T0, T0.minusSeconds(1)))
                .hasMessageContaining("lastSeen");
    }
}
