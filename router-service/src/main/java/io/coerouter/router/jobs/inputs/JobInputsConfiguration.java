package io.coerouter.router.jobs.inputs;

import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.config.ProfilesProperties;
import io.coerouter.router.experts.ExpertRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** What the admin web edges share: the experts, where evaluation sets come from, JSON, time and job settings. */
@Configuration(proxyBeanMethods = false)
class JobInputsConfiguration {

    @Bean
    JobContext adminContext(ExpertRegistry registry, JsonMapper json, Clock clock, CoeProperties properties) {
        ProfilesProperties profiles = properties.profiles();
        EvalSetSource sets =
                EvalSetSource.of(profiles.evalDir(), profiles.evalMaxSize().toBytes(), profiles.evalMaxLines());
        return new JobContext(registry, sets, json, clock, profiles);
    }
}
