package io.coerouter.router.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.ResilienceConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ResiliencePropertiesTest {

    private static ResilienceProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("r", Bindable.of(ResilienceProperties.class));
    }

    @Test
    void unsetFieldsAreTheLibrarysDefaults() {
        assertThat(bind(Map.of()).toConfig()).isEqualTo(ResilienceConfig.defaults());
        assertThat(ResilienceProperties.defaults().toConfig()).isEqualTo(ResilienceConfig.defaults());
    }

    @Test
    void onlyWhatIsSetDiffersFromTheDefaults() {
        ResilienceConfig config =
                bind(Map.of("r.max-attempts", "1", "r.open-wait", "5s")).toConfig();

        assertThat(config.maxAttempts()).isEqualTo(1);
        assertThat(config.openWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.slidingWindowSize())
                .isEqualTo(ResilienceConfig.defaults().slidingWindowSize());
    }

    @Test
    void anExpertThatSetsNothingHasTheDefaultsToo() {
        assertThat(ExpertProperties.defaults().resilience()).isEqualTo(ResilienceProperties.defaults());
        assertThat(ExpertProperties.defaults().maxConcurrency()).isEqualTo(16);
    }
}
