package io.coerouter.router.skills;

import io.coerouter.router.state.RedisState;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The taxonomy's text and revision in one Redis hash, {@code skills:taxonomy}, and its last revisions in a capped list,
 * {@code skills:taxonomy:history} (newest first, each {@code {"revision", "saved_at", "source"}}), written together.
 */
final class RedisTaxonomyStore implements TaxonomyStore {

    private static final String SOURCE = "source";
    private static final String REVISION = "revision";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The next revision and its history entry, in one step: KEYS hash, history; ARGV source, saved_at, cap. */
    private static final String WRITE =
            """
            local revision = redis.call('HINCRBY', KEYS[1], 'revision', 1)
            redis.call('HSET', KEYS[1], 'source', ARGV[1])
            redis.call('LPUSH', KEYS[2], cjson.encode({revision = revision, saved_at = tonumber(ARGV[2]), source = ARGV[1]}))
            redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[3]) - 1)
            return revision
            """;

    private final RedisState redis;
    private final Clock clock;
    private final String key;
    private final String historyKey;

    RedisTaxonomyStore(RedisState redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
        this.key = redis.key("skills", "taxonomy");
        this.historyKey = redis.key("skills", "taxonomy", "history");
    }

    @Override
    public Optional<Stored> read() {
        return stored(redis.call(c -> c.hgetall(key)));
    }

    @Override
    public Stored write(String source) {
        long savedAt = clock.instant().getEpochSecond();
        Long revision = redis.call(c -> c.eval(
                WRITE,
                ScriptOutputType.INTEGER,
                new String[] {key, historyKey},
                source,
                Long.toString(savedAt),
                Integer.toString(HISTORY)));
        return new Stored(revision, source);
    }

    @Override
    public Stored seed(String source) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<Stored> done = redis.transaction(c -> {
                c.watch(key);
                Optional<Stored> existing = stored(c.hgetall(key));
                if (existing.isPresent()) {
                    c.unwatch();
                    return existing;
                }
                c.multi();
                c.hset(key, Map.of(SOURCE, source, REVISION, "1"));
                c.lpush(historyKey, entry(1, clock.instant().getEpochSecond(), source));
                c.ltrim(historyKey, 0, HISTORY - 1);
                // Discarded: another replica seeded or wrote meanwhile; read what it stored.
                return c.exec().wasDiscarded() ? Optional.<Stored>empty() : Optional.of(new Stored(1, source));
            });
            if (done.isPresent()) {
                return done.get();
            }
        }
        throw new IllegalStateException("the stored skill taxonomy kept changing under 10 attempts to seed it");
    }

    @Override
    public List<Revision> history() {
        List<Revision> revisions = new ArrayList<>();
        for (String entry : redis.call(c -> c.lrange(historyKey, 0, HISTORY - 1))) {
            JsonNode node = JSON.readTree(entry);
            revisions.add(new Revision(
                    node.path("revision").asLong(),
                    Instant.ofEpochSecond(node.path("saved_at").asLong()),
                    node.path("source").asString()));
        }
        return revisions;
    }

    private static String entry(long revision, long savedAt, String source) {
        return JSON.writeValueAsString(Map.of("revision", revision, "saved_at", savedAt, "source", source));
    }

    private static Optional<Stored> stored(Map<String, String> hash) {
        String source = hash.get(SOURCE);
        if (source == null) {
            return Optional.empty();
        }
        String revision = hash.get(REVISION);
        return Optional.of(new Stored(revision == null ? 0 : Long.parseLong(revision), source));
    }
}
