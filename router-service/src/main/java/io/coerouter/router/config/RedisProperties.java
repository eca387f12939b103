package io.coerouter.router.config;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where replicas share their state.
 *
 * @param url a {@code redis://} or {@code rediss://} URL; empty: in-memory state (one replica). application.yaml
 *     defaults it to the {@code REDIS_URL} environment variable, then {@code spring.data.redis.url}
 * @param keyPrefix the prefix of every key this router writes, so several deployments can share one server
 * @param timeout how long one Redis command may take before the store counts as unavailable
 */
public record RedisProperties(
        String url, @DefaultValue("coe:") String keyPrefix, @DefaultValue("2s") Duration timeout) {

    public RedisProperties {
        if (keyPrefix == null || keyPrefix.isBlank()) {
            throw new IllegalArgumentException("coe.redis.key-prefix must not be blank");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("coe.redis.timeout must be > 0, but was " + timeout);
        }
    }

    /** Whether a Redis server is configured. */
    public boolean configured() {
        return url != null && !url.isBlank();
    }
}
