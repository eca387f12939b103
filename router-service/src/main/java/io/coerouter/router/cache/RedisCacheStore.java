package io.coerouter.router.cache;

import io.coerouter.router.state.RedisState;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/** {@link CacheStore} in Redis. PLACEHOLDER: being written (issue 22); not wired until it is. */
final class RedisCacheStore implements CacheStore {

    RedisCacheStore(RedisState redis, JsonMapper json, int maxEntries, int maxCandidates, Clock clock) {
        throw new UnsupportedOperationException("the Redis cache store is not written yet");
    }

    @Override
    public Optional<CachedAnswer> get(String scope, String exact) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Candidate> candidates(String scope, String context) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void put(CachedAnswer entry) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<CachedAnswer> list(CacheFilter filter, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<CachedAnswer> byId(String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long purge(CacheFilter filter) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long size() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String kind() {
        return "redis";
    }
}
