package io.coerouter.router.state;

import io.coerouter.router.config.CoeProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared state connection every store is built on. */
@Configuration(proxyBeanMethods = false)
class StateConfiguration {

    @Bean(destroyMethod = "close")
    SharedState sharedState(CoeProperties properties) {
        return SharedState.of(properties.redis());
    }
}
