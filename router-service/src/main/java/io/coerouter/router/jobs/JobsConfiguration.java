package io.coerouter.router.jobs;

import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.state.SharedState;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The jobs of every replica, which live in the shared state (or memory). */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    @Bean(destroyMethod = "close")
    Jobs jobs(SharedState state, JsonMapper json, Clock clock, CoeProperties properties) {
        JobStore store = state.redis()
                .<JobStore>map(redis -> new RedisJobStore(redis, json))
                .orElseGet(InMemoryJobStore::new);
        return new Jobs(store, json, clock, properties.batch().lease(), state.replicaId());
    }
}
