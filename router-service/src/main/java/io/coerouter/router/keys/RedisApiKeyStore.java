package io.coerouter.router.keys;

import io.coerouter.router.state.RedisState;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keys in Redis: each as JSON under {@code key:<hash>} (one read per authenticated call), with {@code keys} mapping
 * ids to hashes for the admin API. Updates are optimistic (WATCH/MULTI), so two replicas never lose each other's
 * change.
 */
final class RedisApiKeyStore implements ApiKeyStore {

    private final RedisState redis;
    private final JsonMapper json;

    RedisApiKeyStore(RedisState redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    private String recordKey(String hash) {
        return redis.key("key", hash);
    }

    private String index() {
        return redis.key("keys");
    }

    @Override
    public void create(ApiKey key) {
        String body = json.writeValueAsString(key);
        redis.transaction(c -> {
            c.multi();
            c.set(recordKey(key.hash()), body);
            c.hset(index(), key.id(), key.hash());
            return c.exec();
        });
    }

    @Override
    public Optional<ApiKey> findByHash(String hash) {
        String body = redis.call(c -> c.get(recordKey(hash)));
        return Optional.ofNullable(body).map(b -> json.readValue(b, ApiKey.class));
    }

    @Override
    public Optional<ApiKey> find(String id) {
        String hash = redis.call(c -> c.hget(index(), id));
        return hash == null ? Optional.empty() : findByHash(hash);
    }

    @Override
    public List<ApiKey> list() {
        Map<String, String> ids = redis.call(c -> c.hgetall(index()));
        List<String> hashes = List.copyOf(ids.values());
        if (hashes.isEmpty()) {
            return List.of();
        }
        List<String> bodies =
                redis.call(c -> c.mget(hashes.stream().map(this::recordKey).toArray(String[]::new))).stream()
                        .map(kv -> kv.getValueOrElse(null))
                        .toList();
        return bodies.stream()
                .filter(Objects::nonNull)
                .map(b -> json.readValue(b, ApiKey.class))
                .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id))
                .toList();
    }

    @Override
    public Optional<ApiKey> update(String id, UnaryOperator<ApiKey> change) {
        String hash = redis.call(c -> c.hget(index(), id));
        if (hash == null) {
            return Optional.empty();
        }
        return redis.update(
                recordKey(hash),
                body -> json.readValue(body, ApiKey.class),
                change,
                json::writeValueAsString,
                (c, k) -> {});
    }

    @Override
    public boolean delete(String id) {
        String hash = redis.call(c -> c.hget(index(), id));
        if (hash == null) {
            return false;
        }
        redis.transaction(c -> {
            c.multi();
            c.del(recordKey(hash));
            c.hdel(index(), id);
            return c.exec();
        });
        return true;
    }
}
