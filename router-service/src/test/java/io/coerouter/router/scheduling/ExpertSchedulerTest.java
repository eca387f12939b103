package io.coerouter.router.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenListener;
import io.coerouter.expert.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExpertSchedulerTest {

    /** One batch the fake model ran. */
    record Batch(String expert, int size) {}

    static final List<Batch> RUN = Collections.synchronizedList(new ArrayList<>());
    /** Holds every batch until opened, so queues can be built up first. */
    static volatile CountDownLatch gate = new CountDownLatch(0);

    /** A local model stand-in that answers each request with its own text and records its batches. */
    static Expert model(String id) {
        return new Expert() {
            @Override
            public ExpertConfig config() {
                return ExpertConfig.builder(id, "echo").build();
            }

            @Override
            public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
                throw new UnsupportedOperationException("the scheduler calls batches");
            }

            @Override
            public List<ExpertOutcome> doChatBatch(List<ExpertRequest> requests, List<TokenListener> listeners) {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                RUN.add(new Batch(id, requests.size()));
                return requests.stream()
                        .map(r -> ExpertOutcome.of(
                                ExpertResponse.of(id, r.lastUserText(), FinishReason.STOP, new TokenUsage(1, 1))))
                        .toList();
            }
        };
    }

    ExpertScheduler scheduler;

    @AfterEach
    void close() {
        if (scheduler != null) {
            scheduler.close();
        }
        RUN.clear();
        gate = new CountDownLatch(0);
    }

    private static List<Future<ExpertResponse>> send(Expert expert, int n) {
        var threads = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<ExpertResponse>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = expert.id() + "-" + i;
            futures.add(threads.submit(() -> expert.chat(ExpertRequest.of(text))));
        }
        return futures;
    }

    private static void awaitQueued(ExpertScheduler s, String id, int n) throws InterruptedException {
        for (int i = 0; i < 500 && s.queued(id) < n; i++) {
            Thread.sleep(10);
        }
        assertThat(s.queued(id)).isEqualTo(n);
    }

    @Test
    void queuedWorkIsGroupedByExpertInFullBatchesAndEveryCallerGetsItsOwnAnswer() throws Exception {
        scheduler = new ExpertScheduler(
                new SchedulerConfig(Duration.ofSeconds(5), 8, Duration.ZERO, 100), id -> false, SchedulerListener.NONE);
        Expert a = scheduler.schedule(model("a"));
        Expert b = scheduler.schedule(model("b"));
        gate = new CountDownLatch(1);
        List<Future<ExpertResponse>> first = send(a, 1); // occupies the dispatcher behind the gate
        Thread.sleep(100);
        List<Future<ExpertResponse>> as = send(a, 10);
        List<Future<ExpertResponse>> bs = send(b, 6);
        awaitQueued(scheduler, "a", 10);
        awaitQueued(scheduler, "b", 6);
        gate.countDown();
        for (int i = 0; i < 10; i++) {
            assertThat(as.get(i).get(10, TimeUnit.SECONDS).text()).isEqualTo("a-" + i);
        }
        for (Future<ExpertResponse> f : bs) {
            assertThat(f.get(10, TimeUnit.SECONDS).expertId()).isEqualTo("b");
        }
        first.getFirst().get(10, TimeUnit.SECONDS);
        // After the first: a's ten run in full batches (8 + 2) while its model is loaded, then b's six in one.
        assertThat(RUN).containsExactly(new Batch("a", 1), new Batch("a", 8), new Batch("a", 2), new Batch("b", 6));
    }

    @Test
    void aResidentModelGoesBeforeALongerQueueThatWouldNeedALoad() throws Exception {
        scheduler = new ExpertScheduler(
                new SchedulerConfig(Duration.ofSeconds(5), 8, Duration.ZERO, 100),
                Set.of("b")::contains,
                SchedulerListener.NONE);
        Expert a = scheduler.schedule(model("a"));
        Expert b = scheduler.schedule(model("b"));
        Expert c = scheduler.schedule(model("c"));
        gate = new CountDownLatch(1);
        List<Future<ExpertResponse>> first = send(c, 1);
        Thread.sleep(100);
        List<Future<ExpertResponse>> as = send(a, 5);
        awaitQueued(scheduler, "a", 5);
        List<Future<ExpertResponse>> bs = send(b, 2);
        awaitQueued(scheduler, "b", 2);
        gate.countDown();
        for (Future<ExpertResponse> f : as) {
            f.get(10, TimeUnit.SECONDS);
        }
        bs.getFirst().get(10, TimeUnit.SECONDS);
        first.getFirst().get(10, TimeUnit.SECONDS);
        assertThat(RUN).containsExactly(new Batch("c", 1), new Batch("b", 2), new Batch("a", 5));
    }

    @Test
    void aRequestPastTheMaxWaitGoesNextEvenAgainstTheLoadedModel() throws Exception {
        scheduler = new ExpertScheduler(
                new SchedulerConfig(Duration.ofMillis(200), 4, Duration.ZERO, 100), id -> true, SchedulerListener.NONE);
        Expert a = scheduler.schedule(model("a"));
        Expert b = scheduler.schedule(model("b"));
        gate = new CountDownLatch(1);
        List<Future<ExpertResponse>> first = send(a, 1);
        Thread.sleep(100);
        List<Future<ExpertResponse>> lonely = send(b, 1);
        awaitQueued(scheduler, "b", 1);
        Thread.sleep(250); // b's request is now past the max wait
        List<Future<ExpertResponse>> as = send(a, 8);
        awaitQueued(scheduler, "a", 8);
        gate.countDown();
        lonely.getFirst().get(10, TimeUnit.SECONDS);
        for (Future<ExpertResponse> f : as) {
            f.get(10, TimeUnit.SECONDS);
        }
        first.getFirst().get(10, TimeUnit.SECONDS);
        // a was loaded (it ran last) and has the longer queue, but b had waited too long.
        assertThat(RUN.get(1)).isEqualTo(new Batch("b", 1));
    }

    @Test
    void aShortQueueWaitsForTheBatchWindowToGatherCompany() throws Exception {
        scheduler = new ExpertScheduler(
                new SchedulerConfig(Duration.ofSeconds(2), 8, Duration.ofMillis(300), 100),
                id -> true,
                SchedulerListener.NONE);
        Expert a = scheduler.schedule(model("a"));
        List<Future<ExpertResponse>> early = send(a, 1);
        Thread.sleep(50);
        List<Future<ExpertResponse>> late = send(a, 2);
        early.getFirst().get(10, TimeUnit.SECONDS);
        for (Future<ExpertResponse> f : late) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(RUN).containsExactly(new Batch("a", 3));
    }

    @Test
    void aFullQueueRefusesAtOnceAsRateLimited() throws Exception {
        scheduler = new ExpertScheduler(
                new SchedulerConfig(Duration.ofSeconds(5), 8, Duration.ZERO, 3), id -> true, SchedulerListener.NONE);
        Expert a = scheduler.schedule(model("a"));
        gate = new CountDownLatch(1);
        List<Future<ExpertResponse>> first = send(a, 1);
        Thread.sleep(100);
        List<Future<ExpertResponse>> queued = send(a, 3);
        awaitQueued(scheduler, "a", 3);
        assertThatThrownBy(() -> a.chat(ExpertRequest.of("one too many")))
                .isInstanceOf(ExpertException.class)
                .satisfies(e -> assertThat(((ExpertException) e).kind()).isEqualTo(ExpertErrorKind.RATE_LIMITED))
                .hasMessageContaining("takes at most 3");
        gate.countDown();
        for (Future<ExpertResponse> f : queued) {
            f.get(10, TimeUnit.SECONDS);
        }
        first.getFirst().get(10, TimeUnit.SECONDS);
    }

    @Test
    void fcfsKeepsArrivalOrderSoInterleavedArrivalsCostOneBatchPerRun() throws Exception {
        scheduler = new ExpertScheduler(
                new SchedulerConfig(
                        Duration.ofSeconds(5), 8, Duration.ZERO, 100, SchedulingPolicy.fcfs(), Duration.ZERO),
                id -> true,
                SchedulerListener.NONE);
        Expert a = scheduler.schedule(model("a"));
        Expert b = scheduler.schedule(model("b"));
        gate = new CountDownLatch(1);
        List<Future<ExpertResponse>> futures = new ArrayList<>(send(a, 1));
        awaitRunning();
        // Queued in the order a, a, b, a: FCFS runs a(2), b(1), a(1) after the first batch.
        for (Expert e : List.of(a, a, b, a)) {
            futures.addAll(send(e, 1));
            Thread.sleep(30);
        }
        gate.countDown();
        for (Future<ExpertResponse> f : futures) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(RUN).containsExactly(new Batch("a", 1), new Batch("a", 2), new Batch("b", 1), new Batch("a", 1));
    }

    /**
     * A stand-in for a model whose running batch takes joiners (a DJL model): a request whose text starts with "hold"
     * waits for the gate; the others answer at once, as a row joining and leaving a running batch would.
     */
    static Expert joiningModel(String id) {
        Expert base = model(id);
        return new Expert() {
            @Override
            public ExpertConfig config() {
                return base.config();
            }

            @Override
            public boolean joinsRunningBatch() {
                return true;
            }

            @Override
            public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
                throw new UnsupportedOperationException("the scheduler calls batches");
            }

            @Override
            public List<ExpertOutcome> doChatBatch(List<ExpertRequest> requests, List<TokenListener> listeners) {
                if (requests.getFirst().lastUserText().startsWith("hold")) {
                    return base.doChatBatch(requests, listeners);
                }
                RUN.add(new Batch(id, requests.size()));
                return requests.stream()
                        .map(r -> ExpertOutcome.of(
                                ExpertResponse.of(id, r.lastUserText(), FinishReason.STOP, new TokenUsage(1, 1))))
                        .toList();
            }
        };
    }

    @Test
    void requestsForAnExpertWhoseBatchTakesJoinersAreSentWhileItsBatchRuns() throws Exception {
        scheduler = new ExpertScheduler(
                new SchedulerConfig(Duration.ofSeconds(5), 8, Duration.ZERO, 100), id -> true, SchedulerListener.NONE);
        Expert a = scheduler.schedule(joiningModel("a"));
        gate = new CountDownLatch(1);
        var threads = Executors.newVirtualThreadPerTaskExecutor();
        Future<ExpertResponse> held = threads.submit(() -> a.chat(ExpertRequest.of("hold-0")));
        awaitRunning();

        List<Future<ExpertResponse>> joiners = send(a, 3);

        for (int i = 0; i < 3; i++) {
            assertThat(joiners.get(i).get(10, TimeUnit.SECONDS).text()).isEqualTo("a-" + i);
        }
        assertThat(held).isNotDone();
        gate.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS).text()).isEqualTo("hold-0");
    }

    @Test
    void anotherExpertsWorkWaitsForAJoiningBatchToEndSoModelsStillTakeTurns() throws Exception {
        scheduler = new ExpertScheduler(
                new SchedulerConfig(Duration.ofSeconds(5), 8, Duration.ZERO, 100), id -> true, SchedulerListener.NONE);
        Expert a = scheduler.schedule(joiningModel("a"));
        Expert b = scheduler.schedule(model("b"));
        gate = new CountDownLatch(1);
        var threads = Executors.newVirtualThreadPerTaskExecutor();
        Future<ExpertResponse> held = threads.submit(() -> a.chat(ExpertRequest.of("hold-0")));
        awaitRunning();
        List<Future<ExpertResponse>> bs = send(b, 1);
        awaitQueued(scheduler, "b", 1);
        List<Future<ExpertResponse>> joiners = send(a, 2);
        for (Future<ExpertResponse> f : joiners) {
            f.get(10, TimeUnit.SECONDS);
        }

        assertThat(scheduler.queued("b")).isEqualTo(1);
        gate.countDown();
        held.get(10, TimeUnit.SECONDS);
        bs.getFirst().get(10, TimeUnit.SECONDS);
        assertThat(RUN).containsExactly(new Batch("a", 1), new Batch("a", 1), new Batch("a", 1), new Batch("b", 1));
    }

    /**
     * A stand-in for a joining model whose call for "error" throws an Error (as a native library's would), and whose
     * call for "block" blocks until its thread is interrupted, counting that interrupt down on {@code interrupted}.
     */
    static Expert failingJoiningModel(String id, CountDownLatch interrupted) {
        Expert base = joiningModel(id);
        return new Expert() {
            @Override
            public ExpertConfig config() {
                return base.config();
            }

            @Override
            public boolean joinsRunningBatch() {
                return true;
            }

            @Override
            public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
                throw new UnsupportedOperationException("the scheduler calls batches");
            }

            @Override
            public List<ExpertOutcome> doChatBatch(List<ExpertRequest> requests, List<TokenListener> listeners) {
                String text = requests.getFirst().lastUserText();
                if (text.equals("error")) {
                    throw new UnsatisfiedLinkError("no native library in this test");
                }
                if (text.equals("block")) {
                    try {
                        new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("left its batch");
                }
                return base.doChatBatch(requests, listeners);
            }
        };
    }

    @Test
    void anErrorEscapingAJoiningCallFailsThatCallAndLaterWorkStillRuns() throws Exception {
        scheduler = new ExpertScheduler(
                new SchedulerConfig(Duration.ofSeconds(5), 8, Duration.ZERO, 100), id -> true, SchedulerListener.NONE);
        Expert a = scheduler.schedule(failingJoiningModel("a", new CountDownLatch(1)));
        Expert b = scheduler.schedule(model("b"));
        var threads = Executors.newVirtualThreadPerTaskExecutor();

        Future<ExpertResponse> failed = threads.submit(() -> a.chat(ExpertRequest.of("error")));

        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
                .isInstanceOf(java.util.concurrent.ExecutionException.class)
                .hasCauseInstanceOf(ExpertException.class);
        assertThat(send(b, 1).getFirst().get(10, TimeUnit.SECONDS).text()).isEqualTo("b-0");
        assertThat(send(a, 1).getFirst().get(10, TimeUnit.SECONDS).text()).isEqualTo("a-0");
    }

    @Test
    void cancellingAJoiningCallInterruptsTheThreadRunningItSoItsRowLeavesTheBatch() throws Exception {
        scheduler = new ExpertScheduler(
                new SchedulerConfig(Duration.ofSeconds(5), 8, Duration.ZERO, 100), id -> true, SchedulerListener.NONE);
        CountDownLatch interrupted = new CountDownLatch(1);
        Expert a = scheduler.schedule(failingJoiningModel("a", interrupted));
        var threads = Executors.newVirtualThreadPerTaskExecutor();
        Future<ExpertResponse> blocked = threads.submit(() -> a.chat(ExpertRequest.of("block")));
        awaitRunning();

        blocked.cancel(true); // the caller leaves: its thread is interrupted while it waits for its answer

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        // Its place in the batch is free: the next call runs.
        assertThat(send(a, 1).getFirst().get(10, TimeUnit.SECONDS).text()).isEqualTo("a-0");
    }

    @Test
    void closingTheSchedulerInterruptsCallsRunningInAJoiningBatch() throws Exception {
        scheduler = new ExpertScheduler(
                new SchedulerConfig(Duration.ofSeconds(5), 8, Duration.ZERO, 100), id -> true, SchedulerListener.NONE);
        CountDownLatch interrupted = new CountDownLatch(1);
        Expert a = scheduler.schedule(failingJoiningModel("a", interrupted));
        var threads = Executors.newVirtualThreadPerTaskExecutor();
        Future<ExpertResponse> blocked = threads.submit(() -> a.chat(ExpertRequest.of("block")));
        awaitRunning();

        scheduler.close();

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> blocked.get(10, TimeUnit.SECONDS))
                .isInstanceOf(java.util.concurrent.ExecutionException.class);
    }

    private static void awaitRunning() throws InterruptedException {
        Thread.sleep(100); // the first batch is now held at the gate
    }

    /** A remote stand-in whose calls block until the gate opens. */
    static Expert remote(String id, int maxConcurrency) {
        return new Expert() {
            @Override
            public ExpertConfig config() {
                return ExpertConfig.builder(id, "echo")
                        .maxConcurrency(maxConcurrency)
                        .build();
            }

            @Override
            public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                RUN.add(new Batch(id, 1));
                return ExpertResponse.of(id, request.lastUserText(), FinishReason.STOP, new TokenUsage(1, 1));
            }
        };
    }

    @Test
    void aRemoteExpertRunsAtMostItsConcurrencyQueuesTheRestAndRefusesPastTheQueueCapacity() throws Exception {
        List<String> waits = Collections.synchronizedList(new ArrayList<>());
        List<String> rejected = Collections.synchronizedList(new ArrayList<>());
        scheduler = new ExpertScheduler(
                new SchedulerConfig(Duration.ofSeconds(5), 8, Duration.ZERO, 2), id -> false, new SchedulerListener() {
                    @Override
                    public void onWait(String expertId, long nanos) {
                        waits.add(expertId);
                    }

                    @Override
                    public void onRejected(String expertId) {
                        rejected.add(expertId);
                    }
                });
        Expert r = scheduler.limit(remote("r", 2));
        gate = new CountDownLatch(1);
        List<Future<ExpertResponse>> running = send(r, 2);
        Thread.sleep(100);
        List<Future<ExpertResponse>> queued = send(r, 2);
        Thread.sleep(100);

        assertThatThrownBy(() -> r.chat(ExpertRequest.of("one too many")))
                .isInstanceOf(ExpertException.class)
                .satisfies(e -> {
                    ExpertException x = (ExpertException) e;
                    assertThat(x.kind()).isEqualTo(ExpertErrorKind.RATE_LIMITED);
                    assertThat(x.retryAfter()).contains(Duration.ofSeconds(5));
                })
                .hasMessageContaining("its queue holds 2 requests");
        assertThat(RUN).isEmpty();
        gate.countDown();
        for (Future<ExpertResponse> f : running) {
            assertThat(f.get(10, TimeUnit.SECONDS).text()).startsWith("r-");
        }
        for (Future<ExpertResponse> f : queued) {
            assertThat(f.get(10, TimeUnit.SECONDS).text()).startsWith("r-");
        }
        assertThat(RUN).hasSize(4);
        assertThat(waits).hasSize(4);
        assertThat(rejected).containsExactly("r");
    }
}
