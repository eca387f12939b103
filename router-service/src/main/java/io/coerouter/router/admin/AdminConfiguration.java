package io.coerouter.router.admin;

import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.config.ProfilesProperties;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.state.SharedState;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** What the admin controllers share: the context with its jobs, which live in the shared state (or memory). */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    @Bean(destroyMethod = "close")
    AdminJobs adminJobs(SharedState state, JsonMapper json, Clock clock, CoeProperties properties) {
        AdminJobStore store = state.redis()
                .<AdminJobStore>map(redis -> new RedisAdminJobStore(redis, json))
                .orElseGet(InMemoryAdminJobStore::new);
        return new AdminJobs(store, json, clock, properties.batch().lease(), state.replicaId());
    }

    @Bean
    AdminContext adminContext(
            ExpertRegistry registry, JsonMapper json, Clock clock, CoeProperties properties, AdminJobs jobs) {
        ProfilesProperties profiles = properties.profiles();
        EvalSetSource sets =
                EvalSetSource.of(profiles.evalDir(), profiles.evalMaxSize().toBytes(), profiles.evalMaxLines());
        return new AdminContext(registry, sets, json, clock, profiles, jobs);
    }
}
