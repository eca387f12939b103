package io.coerouter.router.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.config.EncoderKind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** {@code coe.cache.*} as bound: the semantic threshold follows the encoder unless it is set. */
class CachePropertiesTest {

    private static CacheProperties with(Double threshold) {
        return new CacheProperties(
                true,
                CacheScope.KEY,
                CacheStoreKind.AUTO,
                Duration.ofHours(1),
                10_000,
                DataSize.ofMegabytes(256),
                100_000,
                false,
                Duration.ofSeconds(30),
                new CacheProperties.Semantic(true, threshold, Map.of(), 256, 1_000, true));
    }

    @Test
    void anUnsetThresholdIsTheOneMeasuredForTheEncoderAndASetOneIsKept() {
        assertThat(with(null).toConfig(EncoderKind.BGE_SMALL).threshold()).isEqualTo(0.94);
        assertThat(with(null).toConfig(EncoderKind.MINILM).threshold()).isEqualTo(0.93);
        assertThat(with(0.97).toConfig(EncoderKind.MINILM).threshold()).isEqualTo(0.97);
        assertThat(CacheConfig.off().threshold()).isEqualTo(CacheConfig.measuredThreshold(EncoderKind.BGE_SMALL));
    }

    @Test
    void aThresholdOutOfRangeIsNamedWithItsValue() {
        assertThatThrownBy(() -> with(0.0))
                .hasMessage("coe.cache.semantic.threshold must be above 0 and at most 1, but was 0.0");
    }
}
