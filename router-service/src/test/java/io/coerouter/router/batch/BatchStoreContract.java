package io.coerouter.router.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** What every {@link BatchStore} does; each implementation's test runs it. */
abstract class BatchStoreContract {

    /** A fresh, empty store. */
    abstract BatchStore store();

    /** Another view of the same store, as a second replica sees it (the same object for an in-memory store). */
    abstract BatchStore replica(BatchStore store);

    static BatchJob job(String id, long createdAt) {
        return BatchJob.created(
                id, "file-in", Batches.CHAT_COMPLETIONS, createdAt, createdAt + 86_400, Map.of("k", "v"), "key_owner");
    }

    @Test
    void aSavedJobIsFoundWithEveryFieldAndAMissingOneIsNot() {
        BatchStore store = store();
        BatchJob job = job("batch_a", 100);

        store.save(job);

        assertThat(replica(store).find("batch_a")).contains(job);
        assertThat(store.find("batch_b")).isEmpty();
    }

    @Test
    void anIdTheRouterDoesNotMakeNamesNoJobEvenWhenItNamesAnotherKey() {
        BatchStore store = store();
        store.save(job("batch_a", 100));
        store.putLine("batch_a", 0, false, "{\"custom_id\":\"a\"}");
        store.claim("batch_a", "router-1", Duration.ofSeconds(30));

        for (String id : List.of("batch_a:output", "batch_a:lease", "batch_a:", "batch_a b", "batch_", "", "x")) {
            assertThat(store.find(id)).as(id).isEmpty();
        }
        assertThat(store.find("batch_a")).isPresent();
    }

    @Test
    void jobsAreListedNewestFirstAndPagedAfterAnId() {
        BatchStore store = store();
        for (int i = 1; i <= 5; i++) {
            store.save(job("batch_" + i, 100));
        }

        assertThat(store.list(null, 3)).extracting(BatchJob::id).containsExactly("batch_5", "batch_4", "batch_3");
        assertThat(store.list("batch_3", 10)).extracting(BatchJob::id).containsExactly("batch_2", "batch_1");
        assertThat(store.list("batch_1", 10)).isEmpty();
    }

    @Test
    void anUpdateIsSeenEverywhereAndAMissingJobIsNotUpdated() {
        BatchStore store = store();
        store.save(job("batch_a", 100));

        assertThat(store.update("batch_a", j -> j.started(101)))
                .hasValueSatisfying(j -> assertThat(j.state()).isEqualTo(BatchStatus.IN_PROGRESS));

        assertThat(replica(store).find("batch_a").orElseThrow().state()).isEqualTo(BatchStatus.IN_PROGRESS);
        assertThat(store.update("batch_missing", j -> j)).isEmpty();
    }

    @Test
    void concurrentUpdatesFromTwoReplicasAreAllKept() throws Exception {
        BatchStore store = store();
        BatchStore other = replica(store);
        store.save(job("batch_a", 100));

        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                BatchStore s = i % 2 == 0 ? store : other;
                done.add(threads.submit(() -> s.update(
                        "batch_a",
                        j -> j.progressed(
                                new BatchJob.RequestCounts(j.requestCounts().total() + 1, 0, 0), j.progress()))));
            }
            for (var f : done) {
                f.get();
            }
        }

        assertThat(store.find("batch_a").orElseThrow().requestCounts().total()).isEqualTo(40);
    }

    @Test
    void onlyUnfinishedJobsAreListedAsUnfinished() {
        BatchStore store = store();
        store.save(job("batch_1", 100));
        store.save(job("batch_2", 101));
        store.save(job("batch_3", 102));

        store.update("batch_2", j -> j.started(101).finalizing(102).ended(BatchStatus.COMPLETED, 103, null, null));

        assertThat(replica(store).unfinished()).containsExactly("batch_1", "batch_3");
    }

    @Test
    void finishedLinesAreKeptByIndexOnceEach() {
        BatchStore store = store();
        store.save(job("batch_a", 100));

        store.putLine("batch_a", 0, false, "{\"custom_id\":\"a\"}");
        store.putLine("batch_a", 2, true, "{\"custom_id\":\"c\"}");
        store.putLine("batch_a", 0, false, "{\"custom_id\":\"a\"}");

        BatchStore.FinishedLines lines = replica(store).lines("batch_a");
        assertThat(lines.output()).containsExactly(Map.entry(0, "{\"custom_id\":\"a\"}"));
        assertThat(lines.errors()).containsExactly(Map.entry(2, "{\"custom_id\":\"c\"}"));
        assertThat(lines.size()).isEqualTo(2);
        assertThat(store.lines("batch_other").size()).isZero();
    }

    @Test
    void aLeaseIsHeldByOneOwnerUntilReleased() {
        BatchStore store = store();
        BatchStore other = replica(store);
        Duration lease = Duration.ofMinutes(1);

        assertThat(other.owner("batch_a")).isEmpty();
        assertThat(store.claim("batch_a", "router-1", lease)).isTrue();
        assertThat(other.owner("batch_a")).contains("router-1");
        assertThat(other.claim("batch_a", "router-2", lease)).isFalse();
        assertThat(store.claim("batch_a", "router-1", lease))
                .as("the holder claims again")
                .isTrue();
        assertThat(store.renew("batch_a", "router-1", lease)).isTrue();
        assertThat(other.renew("batch_a", "router-2", lease)).isFalse();

        other.release("batch_a", "router-2"); // not its lease: nothing happens
        assertThat(other.claim("batch_a", "router-2", lease)).isFalse();

        store.release("batch_a", "router-1");
        assertThat(store.owner("batch_a")).isEmpty();
        assertThat(other.claim("batch_a", "router-2", lease)).isTrue();
        assertThat(store.owner("batch_a")).contains("router-2");
        assertThat(store.renew("batch_a", "router-1", lease)).isFalse();
    }

    @Test
    void anExpiredLeaseIsTakenByAnotherOwnerAndCannotBeRenewedByTheOld() throws InterruptedException {
        BatchStore store = store();
        BatchStore other = replica(store);
        assertThat(store.claim("batch_a", "router-1", Duration.ofMillis(200))).isTrue();

        boolean taken = false;
        for (int i = 0; i < 200 && !taken; i++) {
            Thread.sleep(25);
            taken = other.claim("batch_a", "router-2", Duration.ofMinutes(1));
        }

        assertThat(taken).isTrue();
        assertThat(store.renew("batch_a", "router-1", Duration.ofMinutes(1))).isFalse();
    }
}
