package io.coerouter.router.cache;

import io.coerouter.router.state.RedisState;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where cached answers are kept: {@link #inMemory} or {@link #redis} (shared by replicas). Entries expire at their
 * {@link CachedAnswer#expiresAt}; past {@code maxEntries} the least recently used go. Each conversation context keeps
 * the newest {@code maxCandidates} questions for semantic lookups. A store that cannot be reached throws {@link
 * io.coerouter.router.state.StateUnavailableException}; the {@link ResponseCache} then serves without it.
 *
 * <p>Every implementation passes {@code CacheStoreContract}.
 */
public interface CacheStore extends AutoCloseable {

    /** A question a semantic lookup may match, as its context keeps it. */
    record Candidate(String exact, String query, String topSkill, float[] embedding) {}

    /** The unexpired entry of {@code scope} under {@code exact}, counted as used. */
    Optional<CachedAnswer> get(String scope, String exact);

    /** The newest questions (at most {@code maxCandidates}) kept under {@code scope} and {@code context}. */
    List<Candidate> candidates(String scope, String context);

    /** Keeps {@code entry} (replacing one under the same scope and exact hash), evicting the least recently used. */
    void put(CachedAnswer entry);

    /** Up to {@code limit} unexpired entries matching {@code filter}, newest first. */
    List<CachedAnswer> list(CacheFilter filter, int limit);

    /** The unexpired entry with public id {@code id}. */
    Optional<CachedAnswer> byId(String id);

    /** Removes the entries matching {@code filter}; returns how many. */
    long purge(CacheFilter filter);

    /**
     * Removes the entry with public id {@code id} (for the admin API); returns whether there was one. Every store
     * overrides it; this default only says a store that does not cannot.
     */
    default boolean remove(String id) {
        throw new UnsupportedOperationException(kind() + " cache store cannot remove one entry");
    }

    /** How many entries are held (expired ones not yet removed may be counted). */
    long size();

    /** {@code memory} or {@code redis}. */
    String kind();

    @Override
    default void close() {}

    /** Entries in this process's memory, at most 256 MiB of them. */
    static CacheStore inMemory(int maxEntries, int maxCandidates, Clock clock) {
        return inMemory(maxEntries, 256L << 20, maxCandidates, clock);
    }

    /**
     * Entries in this process's memory: at most {@code maxEntries}, holding at most about {@code maxBytes} of heap
     * (questions, answers, embeddings); the least recently used go first.
     */
    static CacheStore inMemory(int maxEntries, long maxBytes, int maxCandidates, Clock clock) {
        return new InMemoryCacheStore(maxEntries, maxBytes, maxCandidates, clock);
    }

    /** Entries in the shared Redis server, under its key prefix. */
    static CacheStore redis(RedisState redis, JsonMapper json, int maxEntries, int maxCandidates, Clock clock) {
        return new RedisCacheStore(redis, json, maxEntries, maxCandidates, clock);
    }
}
