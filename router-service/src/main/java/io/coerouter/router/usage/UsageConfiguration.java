package io.coerouter.router.usage;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Usage history: off until {@code coe.usage.datasource.url} names a PostgreSQL database. */
@Configuration(proxyBeanMethods = false)
class UsageConfiguration {

    @Bean(destroyMethod = "close")
    UsageHistory usageHistory(UsageProperties properties, JsonMapper json, MeterRegistry meters, Clock clock) {
        return properties.enabled()
                ? UsageHistory.start(properties, json, meters, clock)
                : UsageHistory.off(properties, clock);
    }

    @Bean
    UsageSink usageSink(UsageHistory history) {
        return history.sink();
    }
}
