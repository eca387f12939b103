package io.coerouter.router.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.config.SchedulerProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

/** {@code coe.scheduler.policy} binds as an enum by its configured names; any other name is refused by name. */
class PolicyNameTest {

    private static SchedulerProperties bind(Map<String, String> properties) {
        ApplicationConversionService conversion = new ApplicationConversionService();
        conversion.addConverter(new PolicyNameConverter());
        return new Binder(java.util.List.of(new MapConfigurationPropertySource(properties)), null, conversion)
                .bindOrCreate("coe.scheduler", Bindable.of(SchedulerProperties.class));
    }

    @Test
    void eachConfiguredNameBindsToItsPolicy() {
        assertThat(bind(Map.of()).policy()).isEqualTo(PolicyName.SWAP_AWARE);
        assertThat(bind(Map.of("coe.scheduler.policy", "fcfs")).policy()).isEqualTo(PolicyName.FCFS);
        assertThat(bind(Map.of("coe.scheduler.policy", "group-by-model"))
                        .toConfig()
                        .policy())
                .isSameAs(SchedulingPolicy.groupByModel());
        for (PolicyName name : PolicyName.values()) {
            assertThat(name.policy().name()).isEqualTo(name.configName());
        }
    }

    @Test
    void anUnknownNameNamesThePropertyAndTheAllowedValues() {
        assertThatThrownBy(() -> bind(Map.of("coe.scheduler.policy", "lifo")))
                .hasRootCauseMessage(
                        "coe.scheduler.policy must be one of swap-aware, fcfs, group-by-model, but was 'lifo'");
    }
}
