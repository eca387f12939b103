package io.coerouter.router.jobs;

import io.coerouter.router.state.RedisState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admin jobs in Redis: each as JSON under {@code job:<id>}, listed newest first by the {@code jobs} sorted set (scored
 * by a creation counter); past the newest {@link #KEEP} the oldest are deleted. Updates are optimistic (WATCH/MULTI),
 * so an owner publishing progress never loses another replica's cancellation request.
 */
final class RedisJobStore implements JobStore {

    private final RedisState redis;
    private final JsonMapper json;

    RedisJobStore(RedisState redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    private String jobKey(String id) {
        return redis.key("job", id);
    }

    private String index() {
        return redis.key("jobs");
    }

    @Override
    public void put(StoredJob job) {
        String body = json.writeValueAsString(job);
        long seq = redis.call(c -> c.incr(redis.key("jobs", "seq")));
        redis.transaction(c -> {
            c.multi();
            c.set(jobKey(job.id()), body);
            c.zadd(index(), seq, job.id());
            return c.exec();
        });
        List<String> old = redis.call(c -> c.zrange(index(), 0, -(KEEP + 1)));
        if (!old.isEmpty()) {
            redis.transaction(c -> {
                c.multi();
                c.del(old.stream().map(this::jobKey).toArray(String[]::new));
                c.zrem(index(), old.toArray(String[]::new));
                return c.exec();
            });
        }
    }

    @Override
    public Optional<StoredJob> find(String id) {
        return Optional.ofNullable(redis.call(c -> c.get(jobKey(id)))).map(this::read);
    }

    @Override
    public Optional<StoredJob> update(String id, UnaryOperator<StoredJob> change) {
        return redis.update(jobKey(id), this::read, change, json::writeValueAsString, (c, job) -> {});
    }

    @Override
    public List<StoredJob> list(int limit) {
        List<String> ids = redis.call(c -> c.zrevrange(index(), 0, limit - 1));
        if (ids.isEmpty()) {
            return List.of();
        }
        return redis.call(c -> c.mget(ids.stream().map(this::jobKey).toArray(String[]::new))).stream()
                .map(kv -> kv.getValueOrElse(null))
                .filter(Objects::nonNull)
                .map(this::read)
                .toList();
    }

    private StoredJob read(String body) {
        return json.readValue(body, StoredJob.class);
    }
}
