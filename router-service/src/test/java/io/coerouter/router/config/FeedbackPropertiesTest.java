package io.coerouter.router.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code coe.feedback.*}: off by default, and every setting out of range is refused naming it. */
class FeedbackPropertiesTest {

    private static FeedbackProperties with(Duration halfLife, double weight, Duration ttl, Duration refresh, int max) {
        return new FeedbackProperties(true, halfLife, weight, ttl, refresh, max);
    }

    @Test
    void feedbackIsOffByDefault() {
        assertThat(FeedbackProperties.defaults().enabled()).isFalse();
        assertThat(FeedbackProperties.defaults().halfLife()).isEqualTo(Duration.ofDays(7));
        assertThat(FeedbackProperties.defaults().withEnabled(true).enabled()).isTrue();
    }

    @Test
    void aSettingOutOfRangeIsRefusedNamingIt() {
        Duration day = Duration.ofDays(1);
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> with(Duration.ofSeconds(59), 1, day, second, 1))
                .hasMessageStartingWith("coe.feedback.half-life must be from PT1M");
        assertThatThrownBy(() -> with(day, 0, day, second, 1)).hasMessageStartingWith("coe.feedback.weight");
        assertThatThrownBy(() -> with(day, Double.NaN, day, second, 1)).hasMessageStartingWith("coe.feedback.weight");
        assertThatThrownBy(() -> with(day, 1, Duration.ofDays(31), second, 1))
                .hasMessageStartingWith("coe.feedback.completion-ttl");
        assertThatThrownBy(() -> with(day, 1, day, Duration.ofMillis(99), 1))
                .hasMessageStartingWith("coe.feedback.refresh");
        assertThatThrownBy(() -> with(day, 1, day, second, 0)).hasMessageStartingWith("coe.feedback.max-completions");
        assertThatThrownBy(() -> with(null, 1, day, second, 1)).hasMessageContaining("but was null");
    }
}
