package io.coerouter.router.usage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Usage history: off until a database is configured. */
@Configuration(proxyBeanMethods = false)
class UsageConfiguration {

    @Bean
    UsageSink usageSink() {
        return UsageSink.NONE;
    }
}
