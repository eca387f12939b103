package io.coerouter.router.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmupPropertiesTest {

    @Test
    void unsetKeysTakeTheDefaults() {
        assertThat(new WarmupProperties(null, null, null, null).toConfig()).isEqualTo(WarmupConfig.DEFAULTS);
        assertThat(WarmupConfig.DEFAULTS.enabled()).isTrue();
    }

    @Test
    void setKeysOverrideOnlyThemselves() {
        WarmupConfig config = new WarmupProperties(false, null, Duration.ofSeconds(3), null).toConfig();

        assertThat(config.enabled()).isFalse();
        assertThat(config.requests()).isEqualTo(WarmupConfig.DEFAULTS.requests());
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void badValuesAreRefusedNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> new WarmupProperties(true, 0, null, null).toConfig())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coe.warmup.requests")
                .hasMessageContaining("was 0");
        assertThatThrownBy(() -> new WarmupProperties(true, 100_001, null, null).toConfig())
                .hasMessageContaining("coe.warmup.requests")
                .hasMessageContaining("100001");
        assertThatThrownBy(() -> new WarmupProperties(true, null, Duration.ZERO, null).toConfig())
                .hasMessageContaining("coe.warmup.timeout")
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> new WarmupProperties(true, null, Duration.ofSeconds(-1), null).toConfig())
                .hasMessageContaining("coe.warmup.timeout");
        assertThatThrownBy(() -> new WarmupProperties(true, null, Duration.ofHours(1), null).toConfig())
                .hasMessageContaining("coe.warmup.timeout")
                .hasMessageContaining("PT1H");
    }
}
