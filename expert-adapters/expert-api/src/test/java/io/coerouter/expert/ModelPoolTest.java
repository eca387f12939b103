package io.coerouter.expert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModelPoolTest {

    /** A model that records being closed. */
    static final class FakeModel implements AutoCloseable {
        final String id;
        volatile boolean closed;

        FakeModel(String id) {
            this.id = id;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A source of {@code size} bytes that counts disk reads and loads; it can be told to fail or to stall. */
    static final class FakeSource implements ModelSource<FakeModel> {
        final String id;
        final int size;
        final AtomicInteger diskReads = new AtomicInteger();
        final AtomicInteger loads = new AtomicInteger();
        final List<FakeModel> made = new CopyOnWriteArrayList<>();
        volatile boolean fail;
        volatile CountDownLatch stall;

        FakeSource(String id, int size) {
            this.id = id;
            this.size = size;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public long sizeBytes() {
            return size;
        }

        @Override
        public byte[] readBytes() throws IOException {
            diskReads.incrementAndGet();
            if (fail) {
                throw new IOException("no such file: " + id + "/model.pt");
            }
            return new byte[size];
        }

        @Override
        public FakeModel load(byte[] bytes) throws Exception {
            if (stall != null) {
                stall.await(5, TimeUnit.SECONDS);
            }
            loads.incrementAndGet();
            FakeModel model = new FakeModel(id);
            made.add(model);
            return model;
        }
    }

    private static ModelPool pool(long device, long host) {
        return ModelPool.create(PoolConfig.of(device, host).withRoomWait(Duration.ofMillis(200)));
    }

    @Test
    void loadsAModelOnceAndServesLaterLeasesFromTheDevice() {
        FakeSource a = new FakeSource("a", 100);
        try (ModelPool pool = pool(1000, 1000)) {
            try (var first = pool.acquire(a)) {
                assertThat(first.loadedFrom()).isEqualTo(Tier.DISK);
            }
            try (var second = pool.acquire(a)) {
                assertThat(second.loadedFrom()).isEqualTo(Tier.DEVICE);
                assertThat(second.model()).isSameAs(a.made.getFirst());
            }
            assertThat(a.loads).hasValue(1);
            assertThat(pool.snapshot().model("a").tier()).isEqualTo(Tier.DEVICE);
        }
    }

    @Test
    void evictsTheLeastRecentlyUsedIdleModelAndReloadsItFromTheHostTier() {
        FakeSource a = new FakeSource("a", 400);
        FakeSource b = new FakeSource("b", 400);
        FakeSource c = new FakeSource("c", 400);
        List<String> evicted = new CopyOnWriteArrayList<>();
        PoolListener listener = new PoolListener() {
            @Override
            public void onEvict(String id, long bytes) {
                evicted.add(id);
            }
        };
        try (ModelPool pool = ModelPool.create(PoolConfig.of(1000, 10_000).withListeners(List.of(listener)))) {
            pool.acquire(a).close();
            pool.acquire(b).close();
            pool.acquire(a).close(); // a is now more recent than b
            pool.acquire(c).close(); // needs room: b goes

            assertThat(evicted).containsExactly("b");
            assertThat(pool.snapshot().model("b").tier()).isEqualTo(Tier.HOST);
            assertThat(b.made.getFirst().closed).isTrue();

            try (var again = pool.acquire(b)) {
                assertThat(again.loadedFrom()).isEqualTo(Tier.HOST);
            }
            assertThat(b.diskReads).as("the reload skipped the disk").hasValue(1);
            assertThat(pool.snapshot().model("b").loadsFromHost()).isEqualTo(1);
            assertThat(pool.snapshot().deviceUsedBytes()).isLessThanOrEqualTo(1000);
        }
    }

    @Test
    void aLoadThatEvictedModelsIsReportedAsASwapAndALoadThatFoundRoomIsNot() {
        FakeSource a = new FakeSource("a", 400);
        FakeSource b = new FakeSource("b", 400);
        FakeSource c = new FakeSource("c", 800);
        List<String> events = new CopyOnWriteArrayList<>();
        PoolListener listener = new PoolListener() {
            @Override
            public void onLoad(String id, Tier from, Duration took, long bytes) {
                events.add("load " + id);
            }

            @Override
            public void onSwap(String id, List<String> evicted) {
                events.add("swap " + id + " " + evicted);
            }
        };
        try (ModelPool pool = ModelPool.create(PoolConfig.of(1000, 10_000).withListeners(List.of(listener)))) {
            pool.acquire(a).close();
            pool.acquire(b).close();
            pool.acquire(c).close(); // needs 800: a and b both go

            assertThat(events).containsExactly("load a", "load b", "load c", "swap c [a, b]");
        }
    }

    @Test
    void evictsAModelWithNoWorkWaitingBeforeALessRecentlyUsedOneThatHasSome() {
        FakeSource a = new FakeSource("a", 400);
        FakeSource b = new FakeSource("b", 400);
        FakeSource c = new FakeSource("c", 400);
        List<String> evicted = new CopyOnWriteArrayList<>();
        PoolListener listener = new PoolListener() {
            @Override
            public void onEvict(String id, long bytes) {
                evicted.add(id);
            }
        };
        // a is least recently used but has queued work; b has none, so b makes room for c.
        PoolConfig config =
                PoolConfig.of(1000, 0).withListeners(List.of(listener)).withDemand(id -> id.equals("a") ? 3 : 0);
        try (ModelPool pool = ModelPool.create(config)) {
            pool.acquire(a).close();
            pool.acquire(b).close();
            pool.acquire(c).close();

            assertThat(evicted).containsExactly("b");
            assertThat(pool.snapshot().model("a").tier()).isEqualTo(Tier.DEVICE);
        }
    }

    @Test
    void withoutAHostTierAReloadReadsTheDiskAgain() {
        FakeSource a = new FakeSource("a", 600);
        FakeSource b = new FakeSource("b", 600);
        try (ModelPool pool = pool(1000, 0)) {
            pool.acquire(a).close();
            pool.acquire(b).close();
            try (var again = pool.acquire(a)) {
                assertThat(again.loadedFrom()).isEqualTo(Tier.DISK);
            }
            assertThat(a.diskReads).hasValue(2);
        }
    }

    @Test
    void neverEvictsAModelInUseOrPinned() {
        FakeSource a = new FakeSource("a", 500);
        FakeSource b = new FakeSource("b", 500);
        FakeSource c = new FakeSource("c", 500);
        try (ModelPool pool =
                ModelPool.create(PoolConfig.of(1000, 0).withPinned(Set.of("b")).withRoomWait(Duration.ofMillis(100)))) {
            var inUse = pool.acquire(a);
            pool.acquire(b).close();

            assertThatThrownBy(() -> pool.acquire(c))
                    .isInstanceOf(RetriableExpertException.class)
                    .hasMessageContaining("expert 'c' unavailable")
                    .hasMessageContaining("a (in use)")
                    .hasMessageContaining("b (pinned)");
            assertThat(a.made.getFirst().closed).isFalse();
            assertThat(b.made.getFirst().closed).isFalse();
            inUse.close();
            try (var loaded = pool.acquire(c)) {
                assertThat(loaded.model().id).isEqualTo("c");
            }
            assertThat(a.made.getFirst().closed)
                    .as("a was idle, so it made room")
                    .isTrue();
        }
    }

    @Test
    void aLoadWaitsForAModelInUseToBeReleased() throws Exception {
        FakeSource a = new FakeSource("a", 800);
        FakeSource b = new FakeSource("b", 800);
        try (ModelPool pool = ModelPool.create(PoolConfig.of(1000, 0).withRoomWait(Duration.ofSeconds(10)));
                var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var inUse = pool.acquire(a);
            Future<String> waiting = executor.submit(() -> {
                try (var lease = pool.acquire(b)) {
                    return lease.model().id;
                }
            });
            Thread.sleep(100);
            assertThat(waiting).isNotDone();
            inUse.close();
            assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo("b");
        }
    }

    @Test
    void aModelLargerThanTheWholeBudgetIsAClearNonRetriableError() {
        try (ModelPool pool = pool(1000, 0)) {
            assertThatThrownBy(() -> pool.acquire(new FakeSource("huge", 5000)))
                    .isInstanceOf(NonRetriableExpertException.class)
                    .hasMessage("expert 'huge' misconfigured: the model needs 5000 bytes but the whole device budget"
                            + " is 1000 bytes");
        }
    }

    @Test
    void aFailedLoadIsNonRetriableAndGivesItsRoomBack() {
        FakeSource broken = new FakeSource("broken", 600);
        broken.fail = true;
        try (ModelPool pool = pool(1000, 0)) {
            assertThatThrownBy(() -> pool.acquire(broken))
                    .isInstanceOf(NonRetriableExpertException.class)
                    // The loader's text names host files: it goes to the log and the cause, not the message.
                    .hasMessageNotContaining("broken/model.pt")
                    .hasMessageContaining("see the router's log")
                    .satisfies(e -> assertThat(e.getCause().getMessage()).contains("no such file: broken/model.pt"))
                    .satisfies(e -> assertThat(((ExpertException) e).kind()).isEqualTo(ExpertErrorKind.MISCONFIGURED));
            assertThat(pool.snapshot().deviceUsedBytes()).isZero();
            pool.acquire(new FakeSource("ok", 1000)).close();
        }
    }

    @Test
    void concurrentCallersOfOneModelShareASingleLoad() throws Exception {
        FakeSource a = new FakeSource("a", 100);
        a.stall = new CountDownLatch(1);
        try (ModelPool pool = pool(1000, 0);
                var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<FakeModel>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(executor.submit(() -> {
                    try (var lease = pool.acquire(a)) {
                        return lease.model();
                    }
                }));
            }
            Thread.sleep(100);
            a.stall.countDown();
            for (Future<FakeModel> call : calls) {
                assertThat(call.get(5, TimeUnit.SECONDS)).isSameAs(a.made.getFirst());
            }
            assertThat(a.loads).hasValue(1);
        }
    }

    @Test
    void explicitEvictionUnloadsOnlyIdleModelsAndCloseClosesEverything() {
        FakeSource a = new FakeSource("a", 100);
        FakeSource b = new FakeSource("b", 100);
        ModelPool pool = pool(1000, 0);
        var lease = pool.acquire(a);
        pool.acquire(b).close();

        assertThat(pool.evict("a")).isFalse();
        assertThat(pool.evict("b")).isTrue();
        assertThat(b.made.getFirst().closed).isTrue();
        assertThat(pool.snapshot().model("b").evictions()).isEqualTo(1);

        lease.close();
        pool.close();
        assertThat(a.made.getFirst().closed).isTrue();
        assertThatThrownBy(() -> pool.acquire(a)).hasMessageContaining("the model pool is closed");
    }
}
