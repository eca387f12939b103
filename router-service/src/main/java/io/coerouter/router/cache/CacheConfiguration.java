package io.coerouter.router.cache;

import io.coerouter.router.state.SharedState;
import io.coerouter.skills.embed.CachedEmbedder;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The response cache: off unless {@code coe.cache.enabled}; in Redis when the shared state is, else in memory. */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CacheConfiguration.class);

    @Bean(destroyMethod = "close")
    ResponseCache responseCache(
            CacheProperties properties,
            io.coerouter.router.config.CoeProperties coe,
            SharedState shared,
            CachedEmbedder embedder,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters) {
        CacheConfig config = properties.toConfig(coe.skills().encoder());
        if (!config.enabled()) {
            return ResponseCache.off(clock, meters);
        }
        boolean redis =
                switch (config.store()) {
                    case AUTO -> shared.redis().isPresent();
                    case MEMORY -> false;
                    case REDIS -> {
                        if (shared.redis().isEmpty()) {
                            throw new IllegalStateException(
                                    "coe.cache.store=redis needs the shared Redis server: set coe.redis.url (or REDIS_URL)");
                        }
                        yield true;
                    }
                };
        CacheStore store = redis
                ? CacheStore.redis(
                        shared.redis().orElseThrow(), json, config.maxEntries(), config.maxCandidates(), clock)
                : CacheStore.inMemory(config.maxEntries(), config.maxMemoryBytes(), config.maxCandidates(), clock);
        log.info(
                "response cache: on, {} store, scope {}, ttl {}, semantic {} (threshold {})",
                store.kind(),
                config.scope().id(),
                config.ttl(),
                config.semantic() ? "on" : "off",
                config.threshold());
        return ResponseCache.of(config, store, embedder, clock, meters);
    }
}
