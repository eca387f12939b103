package io.coerouter.router.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link ApiKeyStore} does; each implementation's test runs it. */
abstract class ApiKeyStoreContract {

    /** A fresh, empty store. */
    abstract ApiKeyStore store();

    static ApiKey key(String id, String hash, Instant created) {
        return new ApiKey(
                id,
                "team " + id,
                hash,
                "coe-abcd",
                List.of("coe"),
                List.of("echo"),
                60,
                1000,
                new BigDecimal("2.50"),
                true,
                created);
    }

    @Test
    void aCreatedKeyIsFoundByItsHashAndIdWithEveryField() {
        ApiKeyStore store = store();
        ApiKey key = key("key_a", "hash-a", Instant.parse("2026-01-01T00:00:00Z"));

        store.create(key);

        assertThat(store.findByHash("hash-a")).contains(key);
        assertThat(store.find("key_a")).contains(key);
        assertThat(store.findByHash("hash-b")).isEmpty();
        assertThat(store.find("key_b")).isEmpty();
    }

    @Test
    void keysAreListedOldestFirst() {
        ApiKeyStore store = store();
        store.create(key("key_2", "h2", Instant.parse("2026-01-02T00:00:00Z")));
        store.create(key("key_1", "h1", Instant.parse("2026-01-01T00:00:00Z")));

        assertThat(store.list()).extracting(ApiKey::id).containsExactly("key_1", "key_2");
    }

    @Test
    void anUpdateIsSeenByHashAndAMissingKeyIsNotUpdated() {
        ApiKeyStore store = store();
        store.create(key("key_a", "hash-a", Instant.parse("2026-01-01T00:00:00Z")));

        assertThat(store.update("key_a", k -> k.withEnabled(false)))
                .hasValueSatisfying(k -> assertThat(k.enabled()).isFalse());

        assertThat(store.findByHash("hash-a"))
                .hasValueSatisfying(k -> assertThat(k.enabled()).isFalse());
        assertThat(store.update("key_missing", k -> k.withEnabled(false))).isEmpty();
    }

    @Test
    void aDeletedKeyIsGoneEverywhere() {
        ApiKeyStore store = store();
        store.create(key("key_a", "hash-a", Instant.parse("2026-01-01T00:00:00Z")));

        assertThat(store.delete("key_a")).isTrue();

        assertThat(store.findByHash("hash-a")).isEmpty();
        assertThat(store.list()).isEmpty();
        assertThat(store.delete("key_a")).isFalse();
    }
}
