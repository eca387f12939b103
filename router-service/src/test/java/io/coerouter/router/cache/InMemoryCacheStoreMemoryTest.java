package io.coerouter.router.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.FinishReason;
import io.coerouter.router.testing.ManualClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory store's bound on the heap its entries take, beside its bound on their number. */
class InMemoryCacheStoreMemoryTest {

    private final ManualClock clock = new ManualClock();

    private CachedAnswer entry(String exact, int answerChars) {
        return new CachedAnswer(
                "cache-" + exact,
                "shared",
                null,
                exact,
                null,
                "echo",
                null,
                null,
                "x".repeat(answerChars),
                FinishReason.STOP,
                1,
                1,
                BigDecimal.ZERO,
                "direct",
                List.of(),
                List.of("echo"),
                null,
                clock.instant(),
                clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void largeAnswersEvictTheLeastRecentlyUsedOncePastTheMemoryBound() {
        // About 200 KB an entry against a 1 MiB bound: at most five fit.
        CacheStore store = CacheStore.inMemory(1_000, 1L << 20, 16, clock);
        for (int i = 0; i < 5; i++) {
            store.put(entry("e" + i, 100_000));
        }
        assertThat(store.get("shared", "e0")).isPresent(); // now the most recently used

        store.put(entry("e5", 100_000));

        assertThat(store.size()).isEqualTo(5);
        assertThat(store.get("shared", "e0")).isPresent();
        assertThat(store.get("shared", "e1")).isEmpty();
        assertThat(store.get("shared", "e5")).isPresent();
    }

    @Test
    void purgedAndReplacedEntriesGiveTheirMemoryBack() {
        CacheStore store = CacheStore.inMemory(1_000, 1L << 20, 16, clock);
        for (int i = 0; i < 4; i++) {
            store.put(entry("e" + i, 100_000));
            store.put(entry("e" + i, 100_000)); // replaced, not counted twice
        }
        assertThat(store.purge(CacheFilter.ALL)).isEqualTo(4);
        for (int i = 0; i < 5; i++) {
            store.put(entry("f" + i, 100_000));
        }
        assertThat(store.size()).isEqualTo(5);
    }
}
