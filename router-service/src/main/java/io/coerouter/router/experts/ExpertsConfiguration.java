package io.coerouter.router.experts;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertContext;
import io.coerouter.router.config.CoeProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds every declared expert, bounded by its max concurrency and observed by {@link ExpertMetrics}. */
@Configuration(proxyBeanMethods = false)
class ExpertsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ExpertsConfiguration.class);

    @Bean
    ExpertRegistry expertRegistry(CoeProperties properties, MeterRegistry meterRegistry) {
        ExpertContext context = new ExpertContext(System::getenv, List.of(new ExpertMetrics(meterRegistry)));
        List<Expert> experts = properties.experts().stream()
                .map(p -> Expert.bounded(Expert.of(p.toConfig(), context)))
                .toList();
        ExpertRegistry registry = new ExpertRegistry(experts, properties.defaultExpert());
        for (Expert expert : registry.all()) {
            var config = expert.config();
            if (config.apiKeyEnv() != null && System.getenv(config.apiKeyEnv()) == null) {
                log.warn(
                        "expert '{}': environment variable {} is not set; its calls will fail until it is",
                        config.id(),
                        config.apiKeyEnv());
            }
            log.info(
                    "expert '{}' ready (adapter {}{})",
                    config.id(),
                    config.adapter(),
                    config.baseUrl() == null ? "" : ", " + config.baseUrl());
        }
        log.info("model 'coe' answers with the default expert '{}'", registry.defaultExpertId());
        return registry;
    }
}
