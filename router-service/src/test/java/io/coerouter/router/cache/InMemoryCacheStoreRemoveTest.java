package io.coerouter.router.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.FinishReason;
import io.coerouter.router.routing.CoeTrace;
import io.coerouter.router.testing.ManualClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CacheStore#remove} in memory: one entry by its public id, with its semantic candidate, and nothing else. */
class InMemoryCacheStoreRemoveTest {

    private final ManualClock clock = new ManualClock();
    private final CacheStore store = CacheStore.inMemory(100, 10, clock);

    private CachedAnswer entry(String id, String exact, String keyId) {
        return new CachedAnswer(
                id,
                "key:" + keyId,
                keyId,
                exact,
                "context-1",
                "echo",
                "question " + exact,
                new float[] {1, 0},
                "answer " + exact,
                FinishReason.STOP,
                3,
                4,
                BigDecimal.ONE,
                "direct",
                List.of(new CoeTrace.SkillScore("math", 0.9)),
                List.of("echo"),
                null,
                clock.instant(),
                clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void removingAnEntryByIdTakesOnlyThatEntryAndItsCandidate() {
        store.put(entry("cache-a", "exact-a", "k1"));
        store.put(entry("cache-b", "exact-b", "k1"));

        assertThat(store.remove("cache-a")).isTrue();

        assertThat(store.byId("cache-a")).isEmpty();
        assertThat(store.get("key:k1", "exact-a")).isEmpty();
        assertThat(store.candidates("key:k1", "context-1"))
                .extracting(CacheStore.Candidate::exact)
                .containsExactly("exact-b");
        assertThat(store.byId("cache-b")).isPresent();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void removingAnUnknownOrAlreadyRemovedIdRemovesNothing() {
        store.put(entry("cache-a", "exact-a", "k1"));

        assertThat(store.remove("cache-x")).isFalse();
        assertThat(store.remove("cache-a")).isTrue();
        assertThat(store.remove("cache-a")).isFalse();
        assertThat(store.size()).isZero();
    }

    @Test
    void anExpiredEntryIsDroppedButNotReportedAsRemoved() {
        store.put(entry("cache-a", "exact-a", "k1"));
        clock.advance(Duration.ofMinutes(6));

        assertThat(store.remove("cache-a")).isFalse();
        assertThat(store.size()).isZero();
    }

    @Test
    void anEntryReplacedUnderTheSameExactHashIsNoLongerFoundByItsOldId() {
        store.put(entry("cache-a", "exact-a", "k1"));
        store.put(entry("cache-a2", "exact-a", "k1"));

        assertThat(store.remove("cache-a")).isFalse();
        assertThat(store.byId("cache-a2")).isPresent();
    }
}
