package io.coerouter.router.keys;

import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.state.SharedState;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** API keys in the shared state (or memory), and the filter that checks them when auth is on. */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KeysConfiguration.class);

    @Bean
    ApiKeys apiKeys(SharedState state, JsonMapper json, Clock clock) {
        KeyUsage local = KeyUsage.inMemory(clock);
        return state.redis()
                .map(redis -> new ApiKeys(
                        new RedisApiKeyStore(redis, json),
                        new FallbackKeyUsage(new RedisKeyUsage(redis, clock), local),
                        clock))
                .orElseGet(() -> new ApiKeys(ApiKeyStore.inMemory(), local, clock));
    }

    @Bean
    FilterRegistrationBean<GatewayAuthFilter> gatewayAuthFilter(
            CoeProperties properties, ApiKeys keys, JsonMapper json) {
        CoeProperties.Auth auth = properties.auth();
        GatewayAuthFilter filter = new GatewayAuthFilter(keys, auth.enabled() ? auth.adminKey() : "", json);
        FilterRegistrationBean<GatewayAuthFilter> registration = new FilterRegistrationBean<>(filter);
        // After the request-size limit, before everything else.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setEnabled(auth.enabled());
        if (auth.enabled()) {
            log.info("auth: /v1 needs a gateway API key, /admin the admin key");
        } else {
            log.warn("AUTH IS DISABLED: every caller may use every model and the admin API. Set coe.auth.enabled=true"
                    + " and COE_ADMIN_KEY before exposing this router (docs/security.md).");
        }
        return registration;
    }
}
