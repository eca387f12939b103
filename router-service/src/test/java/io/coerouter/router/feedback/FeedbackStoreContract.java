package io.coerouter.router.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coerouter.router.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FeedbackStore} does, on a {@link ManualClock}: in memory and in Redis alike (the Redis store runs
 * {@link FeedbackRule}'s arithmetic in Lua, so these figures hold it to the rule).
 */
abstract class FeedbackStoreContract {

    static final long HALF_LIFE = Duration.ofHours(10).toMillis();

    final ManualClock clock = new ManualClock();

    /** A store on {@link #clock}; two calls give two replicas of the same store where it is shared. */
    abstract FeedbackStore store();

    CompletionRecord record(String id, String owner, Duration ttl) {
        return new CompletionRecord(
                id,
                owner,
                List.of("alpha", "beta"),
                List.of(new CompletionRecord.SkillWeight("math", 0.75), new CompletionRecord.SkillWeight("geo", 0.25)),
                clock.instant().plus(ttl));
    }

    static final FeedbackKey ALPHA_MATH = new FeedbackKey("alpha", "math");

    @Test
    void aRememberedCompletionIsFoundWithWhoAnsweredItForWhichSkillsAndItsOwner() {
        FeedbackStore store = store();
        CompletionRecord record = record("chatcmpl-a1", "key_1", Duration.ofHours(1));

        assertThat(store.remember(record)).isTrue();

        assertThat(store().find("chatcmpl-a1")).contains(record);
        assertThat(store.find("chatcmpl-other")).isEmpty();
        assertThat(record.ownedBy("key_1")).isTrue();
        assertThat(record.ownedBy("key_2")).isFalse();
    }

    @Test
    void aCompletionWithoutOwnerIsRememberedAsSuch() {
        FeedbackStore store = store();
        store.remember(record("chatcmpl-a2", null, Duration.ofHours(1)));

        CompletionRecord found = store.find("chatcmpl-a2").orElseThrow();

        assertThat(found.owner()).isNull();
        assertThat(found.ownedBy(null)).isTrue();
    }

    @Test
    void rememberingAnIdAgainChangesNothing() {
        FeedbackStore store = store();
        CompletionRecord first = record("chatcmpl-a3", "key_1", Duration.ofHours(1));
        store.remember(first);

        assertThat(store.remember(record("chatcmpl-a3", "key_2", Duration.ofHours(2))))
                .isFalse();

        assertThat(store.find("chatcmpl-a3")).contains(first);
    }

    @Test
    void aCompletionIsForgottenWhenItExpires() {
        FeedbackStore store = store();
        store.remember(record("chatcmpl-a4", "key_1", Duration.ofMinutes(30)));

        clock.advance(Duration.ofMinutes(29));
        assertThat(store.find("chatcmpl-a4")).isPresent();
        clock.advance(Duration.ofMinutes(1));

        assertThat(store.find("chatcmpl-a4")).isEmpty();
    }

    @Test
    void feedbackAddsItsPseudoCountsForEveryReplicaToRead() {
        FeedbackStore store = store();
        CompletionRecord record = record("chatcmpl-b1", "key_1", Duration.ofHours(1));
        store.remember(record);

        FeedbackStore.Applied applied =
                store.apply(record, FeedbackRule.contributions(record, 0, null, 2), clock.millis(), HALF_LIFE);

        assertThat(applied.replaced()).isFalse();
        assertThat(applied.totals()).hasSize(4);
        assertThat(applied.totals().get(ALPHA_MATH).wrong()).isCloseTo(1.5, within(1e-9));
        Map<FeedbackKey, FeedbackCounts> read = store().overlay();
        assertThat(read).hasSize(4);
        assertThat(read.get(ALPHA_MATH).right()).isZero();
        assertThat(read.get(ALPHA_MATH).wrong()).isCloseTo(1.5, within(1e-9));
        assertThat(read.get(new FeedbackKey("beta", "geo")).wrong()).isCloseTo(0.5, within(1e-9));
        assertThat(read.get(ALPHA_MATH).atMillis()).isEqualTo(clock.millis());
    }

    @Test
    void feedbackOnOtherCompletionsAddsUpDecayedByTheRule() {
        FeedbackStore store = store();
        CompletionRecord first = record("chatcmpl-b2", "key_1", Duration.ofDays(2));
        CompletionRecord second = record("chatcmpl-b3", "key_1", Duration.ofDays(2));
        store.remember(first);
        store.remember(second);
        store.apply(first, List.of(new Contribution(ALPHA_MATH, 0, 8)), clock.millis(), HALF_LIFE);

        clock.advance(Duration.ofHours(10));
        FeedbackStore.Applied applied =
                store().apply(second, List.of(new Contribution(ALPHA_MATH, 3, 1)), clock.millis(), HALF_LIFE);

        assertThat(applied.totals().get(ALPHA_MATH).right()).isCloseTo(3, within(1e-9));
        assertThat(applied.totals().get(ALPHA_MATH).wrong()).isCloseTo(4 + 1, within(1e-9));
        FeedbackCounts stored = store.overlay().get(ALPHA_MATH);
        assertThat(stored.wrong()).isCloseTo(5, within(1e-9));
        assertThat(stored.at(clock.millis() + HALF_LIFE, HALF_LIFE).wrong()).isCloseTo(2.5, within(1e-9));
    }

    @Test
    void aCompletionsLatestFeedbackReplacesItsEarlierOne() {
        FeedbackStore store = store();
        CompletionRecord record = record("chatcmpl-c1", "key_1", Duration.ofDays(2));
        store.remember(record);
        store.apply(record, List.of(new Contribution(ALPHA_MATH, 0, 8)), clock.millis(), HALF_LIFE);
        CompletionRecord other = record("chatcmpl-c2", "key_1", Duration.ofDays(2));
        store.remember(other);
        store.apply(other, List.of(new Contribution(ALPHA_MATH, 2, 0)), clock.millis(), HALF_LIFE);

        clock.advance(Duration.ofHours(10));
        FeedbackStore.Applied again =
                store().apply(record, List.of(new Contribution(ALPHA_MATH, 0, 8)), clock.millis(), HALF_LIFE);
        FeedbackStore.Applied changed =
                store.apply(record, List.of(new Contribution(ALPHA_MATH, 6, 0)), clock.millis(), HALF_LIFE);

        assertThat(again.replaced()).isTrue();
        assertThat(again.totals().get(ALPHA_MATH).wrong())
                .as("the same feedback again: 8 taken back as decayed (4), 8 added")
                .isCloseTo(8, within(1e-9));
        assertThat(changed.replaced()).isTrue();
        FeedbackCounts now = store.overlay().get(ALPHA_MATH);
        assertThat(now.right())
                .as("the other completion's 2, decayed to 1, and 6")
                .isCloseTo(7, within(1e-9));
        assertThat(now.wrong()).isCloseTo(0, within(1e-9));
    }

    @Test
    void feedbackGivenAtOnceFromManyThreadsIsNeverLost() throws Exception {
        FeedbackStore store = store();
        int n = 40;
        for (int i = 0; i < n; i++) {
            store.remember(record("chatcmpl-d" + i, "key_1", Duration.ofHours(1)));
        }
        long now = clock.millis();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<FeedbackStore.Applied>> done = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                CompletionRecord record = store.find("chatcmpl-d" + i).orElseThrow();
                FeedbackStore replica = i % 2 == 0 ? store : store();
                done.add(pool.submit(
                        () -> replica.apply(record, List.of(new Contribution(ALPHA_MATH, 0, 1)), now, HALF_LIFE)));
            }
            for (Future<FeedbackStore.Applied> f : done) {
                f.get();
            }
        }

        assertThat(store.overlay().get(ALPHA_MATH).wrong()).isCloseTo(n, within(1e-9));
    }

    @Test
    void clearingForgetsAllFeedbackAndAnEarlierFeedbackIsNotTakenBackFromNewOnes() {
        FeedbackStore store = store();
        CompletionRecord record = record("chatcmpl-e1", "key_1", Duration.ofHours(1));
        CompletionRecord other = record("chatcmpl-e2", "key_1", Duration.ofHours(1));
        store.remember(record);
        store.remember(other);
        store.apply(record, List.of(new Contribution(ALPHA_MATH, 0, 5)), clock.millis(), HALF_LIFE);

        store().clear();
        assertThat(store.overlay()).isEmpty();
        store.apply(other, List.of(new Contribution(ALPHA_MATH, 0, 2)), clock.millis(), HALF_LIFE);
        FeedbackStore.Applied renewed =
                store.apply(record, List.of(new Contribution(ALPHA_MATH, 0, 5)), clock.millis(), HALF_LIFE);

        assertThat(renewed.replaced()).as("its feedback was cleared").isFalse();
        assertThat(store.overlay().get(ALPHA_MATH).wrong()).isCloseTo(7, within(1e-9));
        assertThat(store.find("chatcmpl-e1")).as("completions stay").isPresent();
    }

    @Test
    void countsDroppingToNothingAreRemoved() {
        FeedbackStore store = store();
        CompletionRecord record = record("chatcmpl-f1", "key_1", Duration.ofHours(1));
        store.remember(record);
        store.apply(record, List.of(new Contribution(ALPHA_MATH, 0, 5)), clock.millis(), HALF_LIFE);

        store.apply(
                record, List.of(new Contribution(new FeedbackKey("beta", "math"), 1, 0)), clock.millis(), HALF_LIFE);

        assertThat(store.overlay()).containsOnlyKeys(new FeedbackKey("beta", "math"));
    }
}
