package io.coerouter.router.keys;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where gateway API keys live: in this process ({@link #inMemory()}) or in Redis, shared by every replica. Keys are
 * found by the hash of their secret; the secret itself is never stored.
 */
public interface ApiKeyStore {

    /** Stores a new key. */
    void create(ApiKey key);

    /** The key whose secret hashes to {@code hash}. */
    Optional<ApiKey> findByHash(String hash);

    Optional<ApiKey> find(String id);

    /** Every key, oldest first. */
    List<ApiKey> list();

    /** Replaces the key {@code id} with {@code change} applied to it; empty when there is none. */
    Optional<ApiKey> update(String id, UnaryOperator<ApiKey> change);

    /** Removes the key {@code id}; false when there was none. */
    boolean delete(String id);

    static ApiKeyStore inMemory() {
        return new InMemoryApiKeyStore();
    }
}
