package io.coerouter.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ExpertWorkQueue} does, on a real Redis: single-node ({@link RedisExpertWorkQueueIT}) and a
 * three-master Redis Cluster ({@link RedisClusterExpertWorkQueueIT}).
 */
abstract class ExpertWorkQueueContract {

    private static final Duration LEASE = Duration.ofMillis(300);

    private final List<ExpertWorkQueue> opened = new ArrayList<>();

    /** A queue under this test's key prefix with room for {@code capacity} entries per expert. */
    protected abstract ExpertWorkQueue connect(long capacity);

    /** The slot Redis Cluster puts {@code key} in. */
    protected abstract int slot(String key);

    private ExpertWorkQueue queue(long capacity) {
        ExpertWorkQueue queue = connect(capacity);
        opened.add(queue);
        return queue;
    }

    private ExpertWorkQueue queue() {
        return queue(100);
    }

    @AfterEach
    void closeQueues() {
        opened.forEach(ExpertWorkQueue::close);
    }

    private static String expert() {
        return "expert-" + UUID.randomUUID();
    }

    private static WorkItem item(String requestId) {
        return new WorkItem(
                requestId, "gw-1", "{\"messages\":[{\"role\":\"user\",\"content\":\"" + requestId + "\"}]}", 1_000);
    }

    private static List<String> requestIds(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> d.item().requestId()).toList();
    }

    private static List<String> ids(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::id).toList();
    }

    @Test
    void entriesOfAnExpertComeOutInTheOrderTheyWentIn() {
        ExpertWorkQueue queue = queue();
        String expert = expert();
        List<String> entryIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entryIds.add(queue.enqueue(expert, item("r" + i)));
        }

        List<Delivery> batch = queue.take(expert, "worker-a", 10, Duration.ZERO);

        assertThat(requestIds(batch)).containsExactly("r0", "r1", "r2", "r3", "r4");
        assertThat(ids(batch)).containsExactlyElementsOf(entryIds);
    }

    @Test
    void anItemComesBackAsItWasQueued() {
        ExpertWorkQueue queue = queue();
        String expert = expert();
        WorkItem sent =
                new WorkItem("req-ü-1", "gateway-7", "{\"text\":\"héllo \\\"quoted\\\" ✓\"}", 1_733_000_000_123L);
        queue.enqueue(expert, sent);

        assertThat(queue.take(expert, "worker-a", 1, Duration.ZERO))
                .singleElement()
                .extracting(Delivery::item)
                .isEqualTo(sent);
    }

    @Test
    void aTakeGivesABatchOfAtMostMax() {
        ExpertWorkQueue queue = queue();
        String expert = expert();
        for (int i = 0; i < 7; i++) {
            queue.enqueue(expert, item("r" + i));
        }

        assertThat(requestIds(queue.take(expert, "worker-a", 3, Duration.ZERO))).containsExactly("r0", "r1", "r2");
        assertThat(requestIds(queue.take(expert, "worker-b", 3, Duration.ZERO))).containsExactly("r3", "r4", "r5");
        assertThat(requestIds(queue.take(expert, "worker-a", 3, Duration.ZERO))).containsExactly("r6");
        assertThat(queue.take(expert, "worker-a", 3, Duration.ZERO)).isEmpty();
    }

    @Test
    void expertsKeepTheirOwnQueues() {
        ExpertWorkQueue queue = queue();
        List<String> experts = new ArrayList<>();
        for (int e = 0; e < 8; e++) {
            String expert = expert();
            experts.add(expert);
            queue.enqueue(expert, item(expert + "-0"));
            queue.enqueue(expert, item(expert + "-1"));
        }

        for (String expert : experts) {
            assertThat(requestIds(queue.take(expert, "worker-a", 10, Duration.ZERO)))
                    .containsExactly(expert + "-0", expert + "-1");
            assertThat(queue.depth(expert)).isEqualTo(2);
        }
    }

    @Test
    void aBlockingTakeWaitsForTheFirstEntry() throws Exception {
        ExpertWorkQueue queue = queue();
        String expert = expert();
        assertThat(queue.take(expert, "worker-a", 1, Duration.ofMillis(50))).isEmpty();

        CompletableFuture<List<Delivery>> taken =
                CompletableFuture.supplyAsync(() -> queue.take(expert, "worker-a", 5, Duration.ofSeconds(5)));
        Thread.sleep(200);
        assertThat(taken).isNotDone();
        queue.enqueue(expert, item("late"));

        assertThat(requestIds(taken.get(5, TimeUnit.SECONDS))).containsExactly("late");
    }

    @Test
    void anAcknowledgedEntryLeavesTheQueue() {
        ExpertWorkQueue queue = queue();
        String expert = expert();
        for (int i = 0; i < 3; i++) {
            queue.enqueue(expert, item("r" + i));
        }
        assertThat(queue.depth(expert)).isEqualTo(3);

        List<Delivery> batch = queue.take(expert, "worker-a", 3, Duration.ZERO);
        assertThat(queue.depth(expert)).as("in flight still counts").isEqualTo(3);

        assertThat(queue.ack(expert, ids(batch.subList(0, 2)))).isEqualTo(2);
        assertThat(queue.depth(expert)).isEqualTo(1);
        assertThat(queue.ack(expert, ids(batch.subList(0, 2))))
                .as("acknowledged twice")
                .isZero();
        assertThat(queue.ack(expert, List.of())).isZero();

        queue.ack(expert, ids(batch.subList(2, 3)));
        assertThat(queue.depth(expert)).isZero();
        assertThat(queue.reclaim(expert, "worker-b", Duration.ZERO, 10)).isEmpty();
    }

    @Test
    void aDeadWorkersEntriesGoToAnotherWorkerOnceItsLeaseRunsOut() throws Exception {
        ExpertWorkQueue queue = queue();
        String expert = expert();
        queue.enqueue(expert, item("r0"));
        queue.enqueue(expert, item("r1"));
        queue.enqueue(expert, item("r2"));
        List<Delivery> lost = queue.take(expert, "worker-a", 2, Duration.ZERO); // worker-a dies holding these
        assertThat(requestIds(lost)).containsExactly("r0", "r1");

        assertThat(queue.reclaim(expert, "worker-b", LEASE, 10))
                .as("lease not run out yet")
                .isEmpty();
        Thread.sleep(LEASE.toMillis() + 100);

        List<Delivery> reclaimed = queue.reclaim(expert, "worker-b", LEASE, 10);
        assertThat(requestIds(reclaimed)).containsExactly("r0", "r1");
        assertThat(ids(reclaimed)).containsExactlyElementsOf(ids(lost));

        // Exactly once: no other worker gets them while worker-b's lease holds, nor does a plain take.
        assertThat(queue.reclaim(expert, "worker-c", LEASE, 10)).isEmpty();
        assertThat(requestIds(queue.take(expert, "worker-c", 10, Duration.ZERO)))
                .containsExactly("r2");
        assertThat(queue.take(expert, "worker-b", 10, Duration.ZERO)).isEmpty();

        assertThat(queue.ack(expert, ids(reclaimed))).isEqualTo(2);
        Thread.sleep(LEASE.toMillis() + 100);
        assertThat(requestIds(queue.reclaim(expert, "worker-b", LEASE, 10)))
                .as("only the entry worker-c has not acknowledged")
                .containsExactly("r2");
    }

    @Test
    void aLiveWorkerThatRenewsItsLeaseKeepsItsEntries() throws Exception {
        ExpertWorkQueue queue = queue();
        String expert = expert();
        queue.enqueue(expert, item("r0"));
        List<Delivery> held = queue.take(expert, "worker-a", 1, Duration.ZERO);

        for (int i = 0; i < 3; i++) {
            Thread.sleep(LEASE.toMillis() / 2 + 20);
            assertThat(queue.renew(expert, "worker-a", ids(held))).isEqualTo(1);
        }
        assertThat(queue.reclaim(expert, "worker-b", LEASE, 10))
                .as("longer than a lease in all, but renewed within every lease")
                .isEmpty();

        Thread.sleep(LEASE.toMillis() + 100);
        assertThat(requestIds(queue.reclaim(expert, "worker-b", LEASE, 10))).containsExactly("r0");
        assertThat(queue.renew(expert, "worker-a", ids(held)))
                .as("worker-a lost it to worker-b: renewing no longer takes it back")
                .isEqualTo(0);
    }

    @Test
    void theBacklogCountsWaitingAndInFlightEntriesAndTheOldestWait() throws Exception {
        ExpertWorkQueue queue = queue();
        String expert = expert();
        assertThat(queue.backlog(expert)).isEqualTo(ExpertWorkQueue.Backlog.EMPTY);
        for (int i = 0; i < 4; i++) {
            queue.enqueue(expert, item("r" + i));
        }
        Thread.sleep(50);
        List<Delivery> taken = queue.take(expert, "worker-a", 3, Duration.ZERO);

        ExpertWorkQueue.Backlog backlog = queue.backlog(expert);
        assertThat(backlog.waiting()).isEqualTo(1);
        assertThat(backlog.inFlight()).isEqualTo(3);
        assertThat(backlog.depth()).isEqualTo(queue.depth(expert));
        assertThat(backlog.oldestWaitingMillis()).isGreaterThanOrEqualTo(50);

        queue.ack(expert, ids(taken));
        queue.take(expert, "worker-a", 3, Duration.ZERO);
        ExpertWorkQueue.Backlog drained = queue.backlog(expert);
        assertThat(drained.waiting()).isZero();
        assertThat(drained.inFlight()).isEqualTo(1);
        assertThat(drained.oldestWaitingMillis()).as("nothing waits").isEqualTo(-1);
    }

    @Test
    void reclaimGivesAtMostMax() throws Exception {
        ExpertWorkQueue queue = queue();
        String expert = expert();
        for (int i = 0; i < 5; i++) {
            queue.enqueue(expert, item("r" + i));
        }
        queue.take(expert, "worker-a", 5, Duration.ZERO);
        Thread.sleep(LEASE.toMillis() + 100);

        assertThat(requestIds(queue.reclaim(expert, "worker-b", LEASE, 2))).containsExactly("r0", "r1");
        assertThat(requestIds(queue.reclaim(expert, "worker-c", LEASE, 10))).containsExactly("r2", "r3", "r4");
    }

    @Test
    void aFullQueueRefusesUntilWorkIsAcknowledged() {
        ExpertWorkQueue queue = queue(3);
        String expert = expert();
        for (int i = 0; i < 3; i++) {
            queue.enqueue(expert, item("r" + i));
        }

        assertThatThrownBy(() -> queue.enqueue(expert, item("r3")))
                .isInstanceOfSatisfying(QueueFullException.class, e -> {
                    assertThat(e.expert()).isEqualTo(expert);
                    assertThat(e.capacity()).isEqualTo(3);
                });
        List<Delivery> batch = queue.take(expert, "worker-a", 2, Duration.ZERO);
        assertThatThrownBy(() -> queue.enqueue(expert, item("r3")))
                .as("entries in flight still take room")
                .isInstanceOf(QueueFullException.class);

        queue.ack(expert, ids(batch));
        queue.enqueue(expert, item("r3"));
        queue.enqueue(expert, item("r4"));
        assertThat(queue.depth(expert)).isEqualTo(3);
        assertThatThrownBy(() -> queue.enqueue(expert, item("r5"))).isInstanceOf(QueueFullException.class);
        assertThat(requestIds(queue.take(expert, "worker-a", 10, Duration.ZERO)))
                .containsExactly("r2", "r3", "r4");
    }

    @Test
    void aWaitingEntryCanBeRemovedButOneAWorkerHoldsStaysForIt() {
        ExpertWorkQueue queue = queue();
        String expert = expert();
        String given = queue.enqueue(expert, item("r0"));
        String waiting = queue.enqueue(expert, item("r1"));
        String alone = queue.enqueue(expert(), item("other"));
        List<Delivery> held = queue.take(expert, "worker-a", 1, Duration.ZERO);
        assertThat(ids(held)).containsExactly(given);

        assertThat(queue.remove(expert, given)).as("a worker holds it").isFalse();
        assertThat(queue.remove(expert, waiting)).isTrue();
        assertThat(queue.remove(expert, waiting)).as("removed already").isFalse();

        assertThat(queue.depth(expert)).isEqualTo(1);
        assertThat(queue.take(expert, "worker-b", 10, Duration.ZERO)).isEmpty();
        assertThat(queue.ack(expert, List.of(given))).isEqualTo(1);
        assertThat(queue.remove(expert, alone)).as("another expert's entry").isFalse();
    }

    @Test
    void anEntryOfAQueueNoWorkerReadYetCanBeRemoved() {
        ExpertWorkQueue queue = queue();
        String expert = expert();
        String entry = queue.enqueue(expert, item("r0"));

        assertThat(queue.remove(expert, entry)).isTrue();
        assertThat(queue.depth(expert)).isZero();
        assertThat(queue.remove(expert(), "1-0")).as("no such queue").isFalse();
        assertThatThrownBy(() -> queue.remove(expert, "1-0 OR x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theKeysOfAnExpertShareOneSlot() {
        ExpertWorkQueue queue = queue();
        String expert = expert();
        ExpertKeys keys = queue.keys(expert);
        queue.enqueue(expert, item("r0"));

        assertThat(keys.stream()).contains("{q:" + expert + "}");
        assertThat(slot(keys.key("leases"))).isEqualTo(slot(keys.stream()));
        assertThat(slot(keys.key("residency"))).isEqualTo(slot(keys.stream()));
        assertThat(slot(keys.stream())).isEqualTo(slot("q:" + expert));
    }

    @Test
    void anExpertNameWithBracesIsRefused() {
        ExpertWorkQueue queue = queue();
        assertThatThrownBy(() -> queue.enqueue("a}b", item("r0"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.depth("{x")).isInstanceOf(IllegalArgumentException.class);
    }
}
