package io.coerouter.router.batch;

import io.coerouter.router.chat.Ids;
import io.coerouter.router.state.RedisState;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files in Redis: each a hash {@code file:<id>} with its description as JSON ({@code meta}) and its bytes in Base64
 * ({@code content}: the connection speaks UTF-8 strings, which raw bytes would not survive), listed newest first by the
 * {@code files} sorted set.
 */
final class RedisFileStore implements FileStore {

    private final RedisState redis;
    private final JsonMapper json;
    private final Clock clock;

    RedisFileStore(RedisState redis, JsonMapper json, Clock clock) {
        this.redis = redis;
        this.json = json;
        this.clock = clock;
    }

    private String fileKey(String id) {
        return redis.key("file", id);
    }

    private String index() {
        return redis.key("files");
    }

    @Override
    public StoredFile put(String filename, String purpose, byte[] content, String apiKeyId) {
        StoredFile file = StoredFile.of(
                Ids.next("file-"), content.length, clock.instant().getEpochSecond(), filename, purpose, apiKeyId);
        String meta = json.writeValueAsString(file);
        String bytes = Base64.getEncoder().encodeToString(content);
        long seq = redis.call(c -> c.incr(redis.key("files", "seq")));
        redis.transaction(c -> {
            c.multi();
            c.hset(fileKey(file.id()), java.util.Map.of("meta", meta, "content", bytes));
            c.zadd(index(), seq, file.id());
            return c.exec();
        });
        return file;
    }

    @Override
    public Optional<StoredFile> find(String id) {
        return Optional.ofNullable(redis.call(c -> c.hget(fileKey(id), "meta")))
                .map(meta -> json.readValue(meta, StoredFile.class));
    }

    @Override
    public Optional<byte[]> content(String id) {
        return Optional.ofNullable(redis.call(c -> c.hget(fileKey(id), "content")))
                .map(Base64.getDecoder()::decode);
    }

    @Override
    public List<StoredFile> list(String purpose) {
        List<String> ids = redis.call(c -> c.zrevrange(index(), 0, -1));
        return ids.stream()
                .map(this::find)
                .flatMap(Optional::stream)
                .filter(f -> purpose == null || f.purpose().equals(purpose))
                .toList();
    }

    @Override
    public boolean delete(String id) {
        Long deleted = redis.transaction(c -> {
            c.multi();
            c.del(fileKey(id));
            c.zrem(index(), id);
            return c.exec().<Long>get(0);
        });
        return deleted != null && deleted > 0;
    }
}
