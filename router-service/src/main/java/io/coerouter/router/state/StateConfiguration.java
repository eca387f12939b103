package io.coerouter.router.state;

import io.coerouter.router.config.CoeProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared state connection every store is built on, and its health as a metric. */
@Configuration(proxyBeanMethods = false)
class StateConfiguration {

    @Bean(destroyMethod = "close")
    SharedState sharedState(CoeProperties properties) {
        return SharedState.of(properties.redis());
    }

    /** {@code coe.state.redis.connected}: 1 while the Redis connection is up, 0 while not; absent without Redis. */
    @Bean
    MeterBinder sharedStateMetrics(SharedState state) {
        return meters -> state.redis()
                .ifPresent(redis -> Gauge.builder("coe.state.redis.connected", redis, r -> r.connected() ? 1 : 0)
                        .description("Whether this replica's connection to the shared Redis is up")
                        .register(meters));
    }
}
