package io.coerouter.router.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The console settings: defaults, and every bad value refused naming its property and the value. */
class ConsolePropertiesTest {

    @Test
    void theDefaultsAreOnThirtyMinutesIdleAndTwelveHoursAtMost() {
        ConsoleProperties defaults = ConsoleProperties.defaults();

        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.sessionMaxAge()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void anIdleTimeoutUnderASecondIsRefused() {
        assertThatThrownBy(() -> new ConsoleProperties(true, Duration.ofMillis(500), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coe.console.session-idle-timeout")
                .hasMessageContaining("PT0.5S");
    }

    @Test
    void aMaxAgeOutsideOneSecondToThirtyDaysIsRefused() {
        assertThatThrownBy(() -> new ConsoleProperties(true, Duration.ofSeconds(1), Duration.ofDays(31)))
                .hasMessageContaining("coe.console.session-max-age")
                .hasMessageContaining("PT744H");
        assertThatThrownBy(() -> new ConsoleProperties(true, Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("coe.console.session-max-age");
    }

    @Test
    void anIdleTimeoutLongerThanTheMaxAgeIsRefused() {
        assertThatThrownBy(() -> new ConsoleProperties(true, Duration.ofHours(2), Duration.ofHours(1)))
                .hasMessageContaining("coe.console.session-idle-timeout must not exceed coe.console.session-max-age")
                .hasMessageContaining("PT2H");
    }
}
