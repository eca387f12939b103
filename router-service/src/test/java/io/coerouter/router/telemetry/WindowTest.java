package io.coerouter.router.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import org.junit.jupiter.api.Test;

class WindowTest {

    @Test
    void theWindowsAreFifteenMinutesByDefaultAndOneHourInOneMinuteSteps() {
        assertThat(Window.parse(null, "window")).isEqualTo(Window.FIFTEEN_MINUTES);
        assertThat(Window.parse("15m", "window").buckets()).isEqualTo(15);
        assertThat(Window.parse("1h", "window").buckets()).isEqualTo(60);
        assertThat(Window.STEP.toSeconds()).isEqualTo(60);
    }

    @Test
    void anyOtherWindowIsAnInvalidRequestNamingTheParameter() {
        for (String bad : new String[] {"2h", "", "15M", "1h ", "60m\u0000"}) {
            assertThatThrownBy(() -> Window.parse(bad, "window")).isInstanceOfSatisfying(RouterException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                assertThat(e.param()).isEqualTo("window");
                assertThat(e.getMessage()).contains("15m", "1h").doesNotContain("\u0000");
            });
        }
    }
}
