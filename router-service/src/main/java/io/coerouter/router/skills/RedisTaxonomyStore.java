package io.coerouter.router.skills;

import io.coerouter.router.state.RedisState;
import io.lettuce.core.TransactionResult;
import java.util.Map;
import java.util.Optional;

/** The taxonomy's text and revision in one Redis hash, {@code skills:taxonomy}. */
final class RedisTaxonomyStore implements TaxonomyStore {

    private static final String SOURCE = "source";
    private static final String REVISION = "revision";

    private final RedisState redis;
    private final String key;

    RedisTaxonomyStore(RedisState redis) {
        this.redis = redis;
        this.key = redis.key("skills", "taxonomy");
    }

    @Override
    public Optional<Stored> read() {
        return stored(redis.call(c -> c.hgetall(key)));
    }

    @Override
    public Stored write(String source) {
        TransactionResult result = redis.transaction(c -> {
            c.multi();
            c.hincrby(key, REVISION, 1);
            c.hset(key, SOURCE, source);
            return c.exec();
        });
        return new Stored(result.<Long>get(0), source);
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
                // Discarded: another replica seeded or wrote meanwhile; read what it stored.
                return c.exec().wasDiscarded() ? Optional.<Stored>empty() : Optional.of(new Stored(1, source));
            });
            if (done.isPresent()) {
                return done.get();
            }
        }
        throw new IllegalStateException("the stored skill taxonomy kept changing under 10 attempts to seed it");
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
