package io.coerouter.router.batch;

import io.coerouter.router.state.RedisState;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batches in Redis: each as JSON ({@link StoredBatch}, versioned) under {@code batch:<id>}, listed newest first by the {@code batches} sorted set (scored
 * by a creation counter), the unfinished ones also in {@code batches:unfinished}; finished lines in the hashes {@code
 * batch:<id>:output} and {@code batch:<id>:errors} (line index to line); the running router's lease in {@code
 * batch:<id>:lease} (its owner id, expiring). Updates are optimistic (WATCH/MULTI), so replicas never lose each other's
 * change.
 */
final class RedisBatchStore implements BatchStore {

    // Only the owner may extend or drop its lease: compare and act in one step.
    private static final String RENEW =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0"
                    + " end";
    private static final String RELEASE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private final RedisState redis;
    private final JsonMapper json;

    RedisBatchStore(RedisState redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    private String jobKey(String id) {
        return redis.key("batch", id);
    }

    private String linesKey(String id, boolean error) {
        return redis.key("batch", id, error ? "errors" : "output");
    }

    private String leaseKey(String id) {
        return redis.key("batch", id, "lease");
    }

    private String index() {
        return redis.key("batches");
    }

    private String unfinishedIndex() {
        return redis.key("batches", "unfinished");
    }

    @Override
    public void save(BatchJob job) {
        String body = write(job);
        long seq = redis.call(c -> c.incr(redis.key("batches", "seq")));
        redis.transaction(c -> {
            c.multi();
            c.set(jobKey(job.id()), body);
            c.zadd(index(), seq, job.id());
            if (job.finished()) {
                c.zrem(unfinishedIndex(), job.id());
            } else {
                c.zadd(unfinishedIndex(), seq, job.id());
            }
            return c.exec();
        });
    }

    @Override
    public Optional<BatchJob> find(String id) {
        if (!BatchStore.validId(id)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(redis.call(c -> c.get(jobKey(id)))).map(this::read);
        } catch (RuntimeException e) {
            if (RedisState.isWrongType(e)) {
                return Optional.empty(); // not a batch's value
            }
            throw e;
        }
    }

    @Override
    public Optional<BatchJob> update(String id, UnaryOperator<BatchJob> change) {
        return redis.update(jobKey(id), this::read, change, this::write, (c, changed) -> {
            if (changed.finished()) {
                c.zrem(unfinishedIndex(), id);
            }
        });
    }

    @Override
    public List<BatchJob> list(String after, int limit) {
        long from = 0;
        if (after != null) {
            Long rank = redis.call(c -> c.zrevrank(index(), after));
            if (rank == null) {
                return List.of();
            }
            from = rank + 1;
        }
        long start = from;
        List<String> ids = redis.call(c -> c.zrevrange(index(), start, start + limit - 1));
        if (ids.isEmpty()) {
            return List.of();
        }
        return redis.call(c -> c.mget(ids.stream().map(this::jobKey).toArray(String[]::new))).stream()
                .map(kv -> kv.getValueOrElse(null))
                .filter(Objects::nonNull)
                .map(this::read)
                .toList();
    }

    @Override
    public List<String> unfinished() {
        return redis.call(c -> c.zrange(unfinishedIndex(), 0, -1));
    }

    @Override
    public void putLine(String id, int index, boolean error, String line) {
        redis.call(c -> c.hset(linesKey(id, error), Integer.toString(index), line));
    }

    @Override
    public FinishedLines lines(String id) {
        Map<String, String> output = redis.call(c -> c.hgetall(linesKey(id, false)));
        Map<String, String> errors = redis.call(c -> c.hgetall(linesKey(id, true)));
        return new FinishedLines(byIndex(output), byIndex(errors));
    }

    private static Map<Integer, String> byIndex(Map<String, String> hash) {
        Map<Integer, String> lines = new HashMap<>();
        hash.forEach((k, v) -> lines.put(Integer.parseInt(k), v));
        return lines;
    }

    @Override
    public boolean claim(String id, String owner, Duration lease) {
        String taken =
                redis.call(c -> c.set(leaseKey(id), owner, SetArgs.Builder.nx().px(lease.toMillis())));
        return "OK".equals(taken) || renew(id, owner, lease);
    }

    @Override
    public boolean renew(String id, String owner, Duration lease) {
        Long done = redis.call(c -> c.<Long>eval(
                RENEW, ScriptOutputType.INTEGER, new String[] {leaseKey(id)}, owner, Long.toString(lease.toMillis())));
        return done != null && done == 1L;
    }

    @Override
    public void release(String id, String owner) {
        redis.call(c -> c.<Long>eval(RELEASE, ScriptOutputType.INTEGER, new String[] {leaseKey(id)}, owner));
    }

    @Override
    public Optional<String> owner(String id) {
        return Optional.ofNullable(redis.call(c -> c.get(leaseKey(id))));
    }

    /** A stored batch, of any version this router reads (one stored before versions existed too). */
    private BatchJob read(String body) {
        return json.readValue(body, StoredBatch.class).toBatch();
    }

    private String write(BatchJob job) {
        return json.writeValueAsString(StoredBatch.of(job));
    }
}
