package io.coerouter.router.skills;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link TaxonomyStore} does; each implementation's test runs it. */
abstract class TaxonomyStoreContract {

    static final String MATHS = "skills:\n  - id: maths\n    description: sums\n";
    static final String WORDS = "{\"skills\": [{\"id\": \"words\", \"description\": \"spelling\"}]}";

    /** The clock every store of a test takes its time from. */
    final ManualClock clock = new ManualClock();

    /** A fresh, empty store, on {@link #clock}. */
    abstract TaxonomyStore store();

    /** Another replica's view of {@code store}: the same state through its own connection (or the same store). */
    abstract TaxonomyStore replica(TaxonomyStore store);

    @Test
    void anEmptyStoreHoldsNothing() {
        assertThat(store().read()).isEmpty();
    }

    @Test
    void anEmptyStoreIsSeededAsRevisionOneAndASeededOneKeepsItsText() {
        TaxonomyStore store = store();

        TaxonomyStore.Stored seeded = store.seed(MATHS);
        TaxonomyStore.Stored again = replica(store).seed(WORDS);

        assertThat(seeded).isEqualTo(new TaxonomyStore.Stored(1, MATHS));
        assertThat(again).isEqualTo(seeded);
        assertThat(store.read()).contains(seeded);
    }

    @Test
    void eachWriteKeepsTheTextAsSentUnderTheNextRevision() {
        TaxonomyStore store = store();
        store.seed(MATHS);

        TaxonomyStore.Stored written = store.write(WORDS);

        assertThat(written).isEqualTo(new TaxonomyStore.Stored(2, WORDS));
        assertThat(replica(store).read()).contains(written);
        assertThat(store.write(MATHS).revision()).isEqualTo(3);
    }

    @Test
    void aWriteToAnEmptyStoreIsRevisionOneAndIsNotSeededOver() {
        TaxonomyStore store = store();

        TaxonomyStore.Stored written = store.write(WORDS);

        assertThat(written.revision()).isEqualTo(1);
        assertThat(store.seed(MATHS)).isEqualTo(written);
    }

    @Test
    void ofReplicasSeedingTogetherAllGetTheOneTextThatWasStored() throws Exception {
        TaxonomyStore store = store();
        List<TaxonomyStore> replicas = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replicas.add(replica(store));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<TaxonomyStore.Stored>> seeds = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(replicas.size())) {
            for (int i = 0; i < replicas.size(); i++) {
                TaxonomyStore replica = replicas.get(i);
                String text = "skills:\n  - id: skill-" + i + "\n    description: d\n";
                seeds.add(threads.submit((Callable<TaxonomyStore.Stored>) () -> {
                    go.await();
                    return replica.seed(text);
                }));
            }
            go.countDown();
            Set<TaxonomyStore.Stored> results = new HashSet<>();
            for (Future<TaxonomyStore.Stored> seed : seeds) {
                results.add(seed.get());
            }
            assertThat(results).hasSize(1);
            assertThat(store.read()).contains(results.iterator().next());
        }
    }

    @Test
    void theHistoryKeepsEachRevisionNewestFirstWithWhenItWasSaved() {
        TaxonomyStore store = store();
        var seededAt = clock.instant();
        store.seed(MATHS);
        clock.advance(Duration.ofMinutes(1));
        store.write(WORDS);
        replica(store).seed(WORDS); // already stored: no new revision

        assertThat(replica(store).history())
                .containsExactly(
                        new TaxonomyStore.Revision(2, seededAt.plusSeconds(60), WORDS),
                        new TaxonomyStore.Revision(1, seededAt, MATHS));
        assertThat(replica(store).revision(1)).contains(new TaxonomyStore.Revision(1, seededAt, MATHS));
        assertThat(store.revision(3)).isEmpty();
    }

    @Test
    void theHistoryKeepsOnlyTheLastFiftyRevisions() {
        TaxonomyStore store = store();
        for (int i = 1; i <= TaxonomyStore.HISTORY + 5; i++) {
            store.write("skills:\n  - id: s" + i + "\n    description: d\n");
        }

        var history = replica(store).history();

        assertThat(history).hasSize(TaxonomyStore.HISTORY);
        assertThat(history.getFirst().revision()).isEqualTo(TaxonomyStore.HISTORY + 5);
        assertThat(history.getFirst().source())
                .isEqualTo(store.read().orElseThrow().source());
        assertThat(history.getLast().revision()).isEqualTo(6);
        assertThat(store.revision(5)).isEmpty();
        assertThat(store.revision(6)).isPresent();
    }
}
