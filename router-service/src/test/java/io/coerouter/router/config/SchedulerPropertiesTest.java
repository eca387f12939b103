package io.coerouter.router.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SchedulerPropertiesTest {

    private static SchedulerProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("coe", CoeProperties.class)
                .scheduler();
    }

    @Test
    void maxBatchSizeTakesOneToTheLocalModelsLimit() {
        assertThat(bind(Map.of()).maxBatchSize()).isEqualTo(16);
        assertThat(bind(Map.of("coe.scheduler.max-batch-size", "1")).maxBatchSize())
                .isEqualTo(1);
        assertThat(bind(Map.of("coe.scheduler.max-batch-size", "1024")).maxBatchSize())
                .isEqualTo(1024);
    }

    @Test
    void aMaxBatchSizeOutOfRangeIsRefusedNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> bind(Map.of("coe.scheduler.max-batch-size", "1025")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("coe.scheduler.max-batch-size must be from 1 to 1024, but was 1025");
        assertThatThrownBy(() -> bind(Map.of("coe.scheduler.max-batch-size", "0")))
                .rootCause()
                .hasMessage("coe.scheduler.max-batch-size must be from 1 to 1024, but was 0");
    }
}
