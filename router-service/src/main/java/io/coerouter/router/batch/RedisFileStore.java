package io.coerouter.router.batch;

import io.coerouter.router.ids.Ids;
import io.coerouter.router.state.RedisState;
import io.lettuce.core.KeyValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files in Redis: each a hash {@code file:<id>} with its description as JSON ({@code meta}, a versioned {@link StoredFileRecord}), its bytes a list {@code
 * file:<id>:chunks} of Base64 chunks of at most {@link FileStore#CHUNK_BYTES} (the connection speaks UTF-8 strings,
 * which raw bytes would not survive; no command ever carries a whole file), listed newest first by the {@code files}
 * sorted set. The hash {@code files:usage} counts bytes in all and bytes and files per owning key, in the same
 * transactions that add and delete files. A file is listed only once all its chunks are in.
 */
final class RedisFileStore implements FileStore {

    private static final String NO_KEY = "-";

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

    private String chunksKey(String id) {
        return redis.key("file", id, "chunks");
    }

    private String index() {
        return redis.key("files");
    }

    private String usageKey() {
        return redis.key("files", "usage");
    }

    private static String owner(String apiKeyId) {
        return apiKeyId == null ? NO_KEY : apiKeyId;
    }

    @Override
    public StoredFile put(String filename, String purpose, InputStream content, String apiKeyId) throws IOException {
        String id = Ids.next("file-");
        String chunks = chunksKey(id);
        long bytes = 0;
        boolean stored = false;
        try {
            Base64.Encoder base64 = Base64.getEncoder();
            for (byte[] chunk; (chunk = content.readNBytes(CHUNK_BYTES)).length > 0; ) {
                String encoded = base64.encodeToString(chunk);
                redis.call(c -> c.rpush(chunks, encoded));
                bytes += chunk.length;
            }
            StoredFile file = StoredFile.of(id, bytes, clock.instant().getEpochSecond(), filename, purpose, apiKeyId);
            String meta = json.writeValueAsString(StoredFileRecord.of(file));
            long seq = redis.call(c -> c.incr(redis.key("files", "seq")));
            long size = bytes;
            redis.transaction(c -> {
                c.multi();
                c.hset(fileKey(id), Map.of("meta", meta));
                c.zadd(index(), seq, id);
                c.hincrby(usageKey(), "bytes", size);
                c.hincrby(usageKey(), "bytes:" + owner(apiKeyId), size);
                c.hincrby(usageKey(), "files:" + owner(apiKeyId), 1);
                return c.exec();
            });
            stored = true;
            return file;
        } finally {
            if (!stored) {
                redis.call(c -> c.del(chunks));
            }
        }
    }

    @Override
    public Optional<StoredFile> find(String id) {
        if (!FileStore.validId(id)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(redis.call(c -> c.hget(fileKey(id), "meta")))
                    .map(this::read);
        } catch (RuntimeException e) {
            if (RedisState.isWrongType(e)) {
                return Optional.empty(); // not a file's hash
            }
            throw e;
        }
    }

    @Override
    public Optional<InputStream> open(String id) {
        if (find(id).isEmpty()) {
            return Optional.empty();
        }
        long count = redis.call(c -> c.llen(chunksKey(id)));
        if (count == 0) {
            // Stored before files were chunked: the bytes are one Base64 field of the hash (or none: empty).
            String whole = redis.call(c -> c.hget(fileKey(id), "content"));
            return Optional.of(new ByteArrayInputStream(
                    whole == null ? new byte[0] : Base64.getDecoder().decode(whole)));
        }
        return Optional.of(new Chunks(id, count));
    }

    /** Reads one chunk at a time, as the stream is read. */
    private final class Chunks extends InputStream {

        private final String id;
        private final long count;
        private long next;
        private byte[] chunk = new byte[0];
        private int at;

        Chunks(String id, long count) {
            this.id = id;
            this.count = count;
        }

        private boolean fill() throws IOException {
            while (at >= chunk.length) {
                if (next >= count) {
                    return false;
                }
                long index = next++;
                String encoded = redis.call(c -> c.lindex(chunksKey(id), index));
                if (encoded == null) {
                    throw new IOException("the file was deleted while it was read");
                }
                chunk = Base64.getDecoder().decode(encoded);
                at = 0;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? chunk[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, chunk.length - at);
            System.arraycopy(chunk, at, buffer, offset, n);
            at += n;
            return n;
        }
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
        if (find(id).isEmpty()) {
            return false;
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            Boolean deleted = redis.transaction(c -> {
                c.watch(fileKey(id));
                String meta = c.hget(fileKey(id), "meta");
                if (meta == null) {
                    c.unwatch();
                    return false;
                }
                StoredFile file = read(meta);
                c.multi();
                c.del(fileKey(id), chunksKey(id));
                c.zrem(index(), id);
                c.hincrby(usageKey(), "bytes", -file.bytes());
                c.hincrby(usageKey(), "bytes:" + owner(file.apiKeyId()), -file.bytes());
                c.hincrby(usageKey(), "files:" + owner(file.apiKeyId()), -1);
                return c.exec().wasDiscarded() ? null : true;
            });
            if (deleted != null) {
                return deleted;
            }
        }
        return false;
    }

    @Override
    public Usage usage(String apiKeyId) {
        String owner = owner(apiKeyId);
        List<KeyValue<String, String>> values =
                redis.call(c -> c.hmget(usageKey(), "bytes", "bytes:" + owner, "files:" + owner));
        return new Usage(number(values.get(0)), number(values.get(1)), number(values.get(2)));
    }

    private static long number(KeyValue<String, String> value) {
        return value.hasValue() ? Math.max(0, Long.parseLong(value.getValue())) : 0;
    }

    /** A stored description, of any version this router reads (one stored before versions existed too). */
    private StoredFile read(String meta) {
        return json.readValue(meta, StoredFileRecord.class).toFile();
    }
}
