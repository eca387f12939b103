package io.coerouter.router.state;

import io.coerouter.router.config.RedisProperties;
import io.coerouter.router.ids.Ids;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The configured shared state: a Redis connection, or none (every store in this process's memory). */
public final class SharedState implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedState.class);

    private final RedisState redis;
    private final StateEvents events;
    private final String replicaId = Ids.next("router-", 16);

    private SharedState(RedisState redis) {
        this.redis = redis;
        this.events = redis == null ? StateEvents.local() : redis.events();
    }

    /** Connects to {@code coe.redis.url} when it is set. */
    public static SharedState of(RedisProperties config) {
        if (!config.configured()) {
            log.info("shared state: in memory (set coe.redis.url or REDIS_URL to share it between replicas)");
            return new SharedState(null);
        }
        RedisState redis = RedisState.connect(config.url(), config.keyPrefix(), config.timeout());
        log.info("shared state: Redis, keys under '{}'", config.keyPrefix());
        return new SharedState(redis);
    }

    public Optional<RedisState> redis() {
        return Optional.ofNullable(redis);
    }

    /**
     * This router process's id among the replicas, as the owner of the leases it takes (batches, admin jobs); a
     * restarted router is a new replica.
     */
    public String replicaId() {
        return replicaId;
    }

    /** Change events: through Redis between replicas, or within this process. */
    public StateEvents events() {
        return events;
    }

    @Override
    public void close() {
        if (redis != null) {
            redis.close();
        }
    }
}
