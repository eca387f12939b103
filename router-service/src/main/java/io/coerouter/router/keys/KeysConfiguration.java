package io.coerouter.router.keys;

import io.coerouter.router.state.SharedState;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** API keys in the shared state (or memory); the security configuration checks them when auth is on. */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

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
}
