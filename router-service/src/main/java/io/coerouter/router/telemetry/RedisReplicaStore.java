package io.coerouter.router.telemetry;

import io.coerouter.router.state.RedisState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ReplicaStore} in Redis: the hash {@code replicas}, replica id → its record as JSON. Each heartbeat renews the
 * hash's expiry (so it goes when every replica has), and a reader drops the records past their time (a replica that
 * died without saying goodbye).
 */
final class RedisReplicaStore implements ReplicaStore {

    private static final Logger log = LoggerFactory.getLogger(RedisReplicaStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RedisState redis;

    RedisReplicaStore(RedisState redis) {
        this.redis = redis;
    }

    private String key() {
        return redis.key("replicas");
    }

    @Override
    public void put(ReplicaRecord record, Duration ttl) {
        String body = JSON.writeValueAsString(record);
        redis.call(c -> {
            c.hset(key(), record.id(), body);
            return c.expire(key(), ttl.toSeconds());
        });
    }

    @Override
    public void remove(String id) {
        redis.call(c -> c.hdel(key(), id));
    }

    @Override
    public List<ReplicaRecord> list(long nowSeconds, Duration ttl) {
        Map<String, String> all = redis.call(c -> c.hgetall(key()));
        List<ReplicaRecord> live = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        all.forEach((id, body) -> {
            ReplicaRecord record = read(id, body);
            if (record == null || record.lastSeen() < nowSeconds - ttl.toSeconds()) {
                gone.add(id);
            } else {
                live.add(record);
            }
        });
        if (!gone.isEmpty()) {
            redis.call(c -> c.hdel(key(), gone.toArray(String[]::new)));
        }
        live.sort(Comparator.comparing(ReplicaRecord::id));
        return live;
    }

    private static ReplicaRecord read(String id, String body) {
        try {
            ReplicaRecord record = JSON.readValue(body, ReplicaRecord.class);
            return record.id().equals(id) ? record : null;
        } catch (JacksonException e) {
            log.warn("dropping an unreadable replica heartbeat: {}", e.getMessage());
            return null;
        }
    }
}
