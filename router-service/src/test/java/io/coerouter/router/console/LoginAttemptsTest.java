package io.coerouter.router.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Failed sign-ins are limited per address and window; other addresses and a later window are not affected. */
class LoginAttemptsTest {

    private final ManualClock clock = new ManualClock();
    private final LoginAttempts attempts = LoginAttempts.of(3, Duration.ofMinutes(1), clock);

    private void fail(String client, int times) {
        for (int i = 0; i < times; i++) {
            attempts.check(client);
            attempts.failed(client);
        }
    }

    @Test
    void pastTheLimitAnAddressIsRefusedWithTheWaitUntilItsWindowEnds() {
        fail("10.0.0.1", 3);
        clock.advance(Duration.ofSeconds(20));

        assertThatThrownBy(() -> attempts.check("10.0.0.1"))
                .isInstanceOfSatisfying(RouterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
                    assertThat(e.code()).isEqualTo("too_many_login_attempts");
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(40));
                })
                .hasMessageContaining("retry in 40 seconds");
        assertThatCode(() -> attempts.check("10.0.0.2")).doesNotThrowAnyException();
    }

    @Test
    void aNewWindowStartsAfterTheOldOneEnds() {
        fail("10.0.0.1", 3);
        clock.advance(Duration.ofMinutes(1));

        assertThatCode(() -> fail("10.0.0.1", 3)).doesNotThrowAnyException();
        assertThatThrownBy(() -> attempts.check("10.0.0.1")).isInstanceOf(RouterException.class);
    }

    @Test
    void aSuccessForgetsTheFailures() {
        fail("10.0.0.1", 2);
        attempts.succeeded("10.0.0.1");

        assertThatCode(() -> fail("10.0.0.1", 3)).doesNotThrowAnyException();
    }
}
