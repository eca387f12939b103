package io.coerouter.router.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.state.RedisState;
import io.coerouter.router.state.RedisTestServer;
import io.coerouter.router.testing.ManualClock;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis cache store passes the store contract against a real Redis server, shares entries between replicas and
 * leaves nothing behind what it evicts.
 */
class RedisCacheStoreIT {

    @RegisterExtension
    static final RedisTestServer SERVER = RedisTestServer.shared();

    static final JsonMapper JSON = JsonBodies.strict(JsonMapper.builder()).build();

    static CacheStore store(int maxEntries, int maxCandidates, ManualClock clock) {
        return CacheStore.redis(SERVER.connect(), JSON, maxEntries, maxCandidates, clock);
    }

    @Nested
    class Contract extends CacheStoreContract {
        @Override
        CacheStore store(int maxEntries, int maxCandidates, ManualClock clock) {
            return RedisCacheStoreIT.store(maxEntries, maxCandidates, clock);
        }

        @Test
        void aReplicaFindsWhatAnotherKeptAndItsReadsCountForTheOthersEvictions() {
            CacheStore a = store(2, 10, clock);
            CacheStore b = store(2, 10, clock);
            a.put(entry("cache-1", "shared", "e1", "c1", "one"));
            a.put(entry("cache-2", "shared", "e2", "c1", "two"));

            assertThat(a.candidates("shared", "c1")).hasSize(2); // a now holds both embeddings
            assertThat(b.get("shared", "e1").orElseThrow().text()).isEqualTo("one");
            assertThat(b.candidates("shared", "c1"))
                    .extracting(CacheStore.Candidate::exact)
                    .containsExactly("e2", "e1");
            b.put(entry("cache-3", "shared", "e3", "c1", "three"));

            assertThat(a.get("shared", "e2")).as("not read since e1 was").isEmpty();
            assertThat(a.candidates("shared", "c1"))
                    .as("a's own copy of e2's embedding does not bring it back")
                    .extracting(CacheStore.Candidate::exact)
                    .containsExactly("e3", "e1");
            assertThat(a.get("shared", "e1")).isPresent();
            assertThat(a.byId("cache-3")).isPresent();
            assertThat(a.size()).isEqualTo(2);
        }

        @Test
        void evictedEntriesLeaveNoKeysBehindSoMemoryStaysBounded() {
            CacheStore store = store(5, 3, clock);
            for (int i = 0; i < 60; i++) {
                store.put(
                        entry("cache-" + i, i % 2 == 0 ? "shared" : "key:key_" + (i % 7), "e" + i, "c" + (i % 4), "t"));
                store.put(entry("cache-x" + i, "shared", "x" + i, null, "exact only"));
            }

            List<String> keys = keys();
            assertThat(store.size()).isEqualTo(5);
            assertThat(keys.stream().filter(k -> k.contains(":cache:e:"))).hasSize(5);
            assertThat(keys.stream().filter(k -> k.contains(":cache:id:"))).hasSize(5);
            // At most one context list per kept entry, each with the rows of kept entries only.
            assertThat(keys.stream().filter(k -> k.contains(":cache:c:")).count())
                    .isLessThanOrEqualTo(5);
            assertThat(keys).hasSizeLessThanOrEqualTo(5 + 5 + 5 + 2);
        }

        @Test
        void anEntryThatCannotBeReadFailsWithoutSayingWhatItHolds() {
            CacheStore store = store();
            store.put(entry("cache-1", "shared", "e1", "c1", "t"));
            try (RedisState redis = RedisState.connect(SERVER.url(), SERVER.prefix(), Duration.ofSeconds(2))) {
                redis.call(c -> c.hset(redis.key("cache", "e", "e1", "shared"), "json", "{\"text\": SECRET-ANSWER"));
            }

            assertThatThrownBy(() -> store.get("shared", "e1"))
                    .isInstanceOf(IllegalStateException.class)
                    .message()
                    .doesNotContain("SECRET");
        }

        @Test
        void aRequestKeptAgainAfterItsEntryExpiredOnTheServerStandsOnceInItsContext() {
            CacheStore store = store(5, 3, clock);
            store.put(entry("cache-1", "shared", "e1", "c1", "t"));
            try (RedisState redis = RedisState.connect(SERVER.url(), SERVER.prefix(), Duration.ofSeconds(2))) {
                // As if its TTL had run out on the server: the entry and its id key go, the context row stays.
                for (String key : keys()) {
                    if (key.contains(":cache:e:") || key.contains(":cache:id:")) {
                        redis.call(c -> c.del(key));
                    }
                }

                store.put(entry("cache-2", "shared", "e1", "c1", "t2"));

                String context = keys().stream()
                        .filter(k -> k.contains(":cache:c:"))
                        .findFirst()
                        .orElseThrow();
                List<String> rows = redis.call(c -> c.lrange(context, 0, -1));
                assertThat(rows).containsExactly("e1");
                assertThat(store.remove("cache-1")).isFalse();
                assertThat(store.remove("cache-2")).isTrue();
            }
        }

        @Test
        void anEntryCarriesAServerSideExpiryAsWellAsItsOwn() {
            CacheStore store = store(5, 3, clock);
            store.put(entry("cache-1", "shared", "e1", "c1", "t"));

            try (RedisState redis = RedisState.connect(SERVER.url(), SERVER.prefix(), Duration.ofSeconds(2))) {
                for (String key : keys()) {
                    if (key.contains(":cache:e:") || key.contains(":cache:id:") || key.contains(":cache:c:")) {
                        Long ttl = redis.call(c -> c.pttl(key));
                        assertThat(ttl).as(key).isPositive().isLessThanOrEqualTo(TTL.toMillis());
                    }
                }
            }
        }
    }

    /** Every key under this test's prefix. */
    static List<String> keys() {
        List<String> out = new ArrayList<>();
        try (RedisState redis = RedisState.connect(SERVER.url(), SERVER.prefix(), Duration.ofSeconds(2))) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                ScanCursor at = cursor;
                var page = redis.call(c -> c.scan(
                        at, ScanArgs.Builder.matches(SERVER.prefix() + "*").limit(500)));
                out.addAll(page.getKeys());
                cursor = page;
            } while (!cursor.isFinished());
        }
        return out;
    }
}
