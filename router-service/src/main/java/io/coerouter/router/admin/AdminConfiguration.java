package io.coerouter.router.admin;

import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.experts.ExpertRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import tools.jackson.databind.json.JsonMapper;

/** What the admin controllers share: the context with its job registry. */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    @Bean
    AdminContext adminContext(
            ExpertRegistry registry, ResourceLoader resources, JsonMapper json, Clock clock, CoeProperties properties) {
        return new AdminContext(registry, resources, json, clock, properties.profiles(), new AdminJobs());
    }
}
