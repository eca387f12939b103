package io.coerouter.router.experts;

import io.coerouter.router.state.RedisState;
import java.util.Map;
import java.util.Optional;

/** Experts as JSON values of one Redis hash, keyed by id. */
final class RedisExpertStore implements ExpertStore {

    private final RedisState redis;
    private final String key;

    RedisExpertStore(RedisState redis) {
        this.redis = redis;
        this.key = redis.key("experts");
    }

    @Override
    public Contents read() {
        return ExpertStore.parse(redis.call(c -> c.hgetall(key)));
    }

    @Override
    public Optional<StoredExpert> find(String id) {
        String json = redis.call(c -> c.hget(key, id));
        return json == null
                ? Optional.empty()
                : ExpertStore.parse(Map.of(id, json)).experts().stream().findFirst();
    }

    @Override
    public void put(StoredExpert expert) {
        String json = StoredExpertJson.write(expert);
        redis.call(c -> c.hset(key, expert.id(), json));
    }

    @Override
    public boolean create(StoredExpert expert) {
        String json = StoredExpertJson.write(expert);
        return redis.call(c -> c.hsetnx(key, expert.id(), json));
    }

    @Override
    public boolean delete(String id) {
        return redis.call(c -> c.hdel(key, id)) > 0;
    }
}
