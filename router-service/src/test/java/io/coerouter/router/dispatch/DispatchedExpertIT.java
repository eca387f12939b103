package io.coerouter.router.dispatch;

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
import io.coerouter.router.dispatch.ReplyChannelContract.Recorder;
import io.coerouter.router.state.RedisTestServer;
import io.coerouter.router.testing.Eventually;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@link Dispatch#expert dispatched expert} on a real Redis, with the test playing the worker: it takes the work
 * item from the expert's queue and answers through a {@link ReplyPublisher}, as a worker does.
 */
class DispatchedExpertIT {

    @RegisterExtension
    static final RedisTestServer REDIS = RedisTestServer.shared();

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration LEASE = Duration.ofMillis(300);
    private static final Served SERVED = new Served("worker-a", 3, 0, 25, 2);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final String expertId = "local-" + UUID.randomUUID();
    private ExpertWorkQueue queue;
    private ReplyChannel replies;
    private CancelBroadcast cancels;
    private CancelBroadcast workerCancels;
    private ReplyPublisher publisher;
    private ReplyPathRedis path;

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @BeforeEach
    void start() {
        path = open(ReplyPathRedis.on(REDIS));
        queue = open(ExpertWorkQueue.redis(REDIS.url(), REDIS.prefix(), 100, TIMEOUT));
        replies = open(path.channel("gw-" + UUID.randomUUID(), TIMEOUT));
        cancels = open(path.cancels());
        workerCancels = open(path.cancels());
        publisher = open(path.publisher());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    private static Clock clock() {
        return Clock.systemUTC();
    }

    private Expert expert(Duration requestTimeout) {
        return expert(requestTimeout, queue);
    }

    private Expert expert(Duration requestTimeout, ExpertWorkQueue on) {
        ExpertConfig config = ExpertConfig.builder(expertId, "djl")
                .pricing("1.0", "2.0")
                .requestTimeout(requestTimeout)
                .build();
        return Dispatch.expert(config, on, replies, cancels, clock());
    }

    private Expert expert() {
        return expert(Duration.ofSeconds(20));
    }

    /** Calls {@code expert} on a thread of its own, as a gateway's request thread would. */
    private static CompletableFuture<ExpertResponse> call(Expert expert, String prompt, TokenListener tokens) {
        return CompletableFuture.supplyAsync(() -> expert.chat(ExpertRequest.of(prompt), tokens));
    }

    /** The worker's take: the next entry of the expert's queue. */
    private Delivery take(String worker) {
        List<Delivery> taken = queue.take(expertId, worker, 1, Duration.ofSeconds(10));
        assertThat(taken).as("an entry reached the worker").hasSize(1);
        return taken.getFirst();
    }

    private static ExpertResponse answer(String text) {
        return ExpertResponse.of("worker-side", text, FinishReason.STOP, new TokenUsage(1000, 500));
    }

    /** The request ids of the entries waiting in the expert's queue, read without taking them. */
    private List<String> waitingRequestIds() {
        List<StreamMessage<String, String>> entries =
                path.redis().xrange(queue.keys(expertId).stream(), Range.create("-", "+"));
        return entries.stream().map(m -> m.getBody().get("rid")).toList();
    }

    private static ExpertException failure(CompletableFuture<?> call) {
        try {
            call.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ExpertException expert) {
                return expert;
            }
            throw new AssertionError("failed otherwise", e.getCause());
        } catch (Exception e) {
            throw new AssertionError("did not end", e);
        }
        throw new AssertionError("the call answered");
    }

    @Test
    void aStreamedCallGetsItsTextInOrderThenTheAnswerPricedWithWhereItRan() throws Exception {
        Recorder tokens = new Recorder();
        AtomicReference<Thread> caller = new AtomicReference<>();
        Expert expert = expert();
        CompletableFuture<ExpertResponse> call = CompletableFuture.supplyAsync(() -> {
            caller.set(Thread.currentThread());
            return expert.chat(ExpertRequest.of("tell me"), tokens);
        });

        Delivery work = take("worker-a");
        DispatchPayload payload = DispatchPayload.fromJson(work.item().payload());
        assertThat(payload.request()).isEqualTo(ExpertRequest.of("tell me"));
        assertThat(payload.streaming()).isTrue();
        assertThat(payload.deadlineMillis()).isGreaterThan(work.item().enqueuedAtMillis());
        assertThat(work.item().replyTo()).isEqualTo(replies.id());
        String rid = work.item().requestId();
        for (String piece : List.of("once ", "upon ", "a ", "time")) {
            publisher.token(work.item().replyTo(), rid, "worker-a:" + work.id(), piece);
        }
        publisher.done(work.item().replyTo(), rid, "worker-a:" + work.id(), answer("once upon a time"), SERVED);
        queue.ack(expertId, List.of(work.id()));

        ExpertResponse response = call.get(30, TimeUnit.SECONDS);
        assertThat(response.expertId()).isEqualTo(expertId);
        assertThat(response.text()).isEqualTo("once upon a time");
        assertThat(response.cost()).isEqualByComparingTo(new BigDecimal("2.0"));
        assertThat(Dispatch.served(response)).contains(SERVED);
        assertThat(tokens.texts).containsExactly("once ", "upon ", "a ", "time");
        assertThat(tokens.threads).containsOnly(caller.get());
        assertThat(Dispatch.served(answer("not dispatched"))).isEmpty();
    }

    @Test
    void aCallThatDoesNotStreamGetsTheWholeAnswer() throws Exception {
        CompletableFuture<ExpertResponse> call = call(expert(), "q", TokenListener.NONE);

        Delivery work = take("worker-a");
        assertThat(DispatchPayload.fromJson(work.item().payload()).streaming()).isFalse();
        publisher.done(work.item().replyTo(), work.item().requestId(), "worker-a:1", answer("all"), SERVED);

        assertThat(call.get(30, TimeUnit.SECONDS).text()).isEqualTo("all");
    }

    @ParameterizedTest
    @EnumSource(
            value = ExpertErrorKind.class,
            names = {"CONTEXT_LENGTH", "MISCONFIGURED", "TIMEOUT", "SERVER_ERROR"})
    void aWorkersFailureReachesTheCallerAsItsKind(ExpertErrorKind kind) {
        CompletableFuture<ExpertResponse> call = call(expert(), "q", TokenListener.NONE);

        Delivery work = take("worker-a");
        publisher.failed(
                work.item().replyTo(),
                work.item().requestId(),
                "worker-a:1",
                ExpertException.of("worker-side", kind, "what the worker saw", null));

        ExpertException error = failure(call);
        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.expertId()).isEqualTo(expertId);
        assertThat(error.retriable()).isEqualTo(kind.retriable());
        assertThat(error.getMessage()).endsWith(": what the worker saw");
    }

    @Test
    void aFullQueueRefusesAtOnceAsRateLimitedWithARetryAfter() {
        ExpertWorkQueue small = open(ExpertWorkQueue.redis(REDIS.url(), REDIS.prefix(), 1, TIMEOUT));
        small.enqueue(expertId, new WorkItem("other", "gw-x", "{}", 1));

        assertThatThrownBy(() -> expert(Duration.ofSeconds(20), small).chat(ExpertRequest.of("q")))
                .isInstanceOfSatisfying(ExpertException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpertErrorKind.RATE_LIMITED);
                    assertThat(e.retryAfter()).isPresent();
                });
        assertThat(small.depth(expertId)).isOne();
    }

    @Test
    void aRequestReclaimedBeforeItsFirstTextIsAnsweredByTheNewWorker() throws Exception {
        Recorder tokens = new Recorder();
        CompletableFuture<ExpertResponse> call = call(expert(), "q", tokens);
        Delivery first = take("worker-a");
        String replyTo = first.item().replyTo();
        String rid = first.item().requestId();
        publisher.token(replyTo, rid, "worker-a:1", ""); // started, then died

        Thread.sleep(LEASE.toMillis() + 100);
        List<Delivery> reclaimed = queue.reclaim(expertId, "worker-b", LEASE, 1);
        assertThat(reclaimed).extracting(d -> d.item().requestId()).containsExactly(rid);
        publisher.token(replyTo, rid, "worker-b:1", "fresh ");
        publisher.token(replyTo, rid, "worker-a:1", "stale");
        publisher.token(replyTo, rid, "worker-b:1", "text");
        publisher.done(replyTo, rid, "worker-b:1", answer("fresh text"), SERVED);

        assertThat(call.get(30, TimeUnit.SECONDS).text()).isEqualTo("fresh text");
        assertThat(tokens.texts).containsExactly("fresh ", "text");
    }

    @Test
    void anotherWorkerStartingMidStreamFailsTheCallAsABrokenConnectionAndCancelsIt() {
        Recorder tokens = new Recorder();
        CompletableFuture<ExpertResponse> call = call(expert(), "q", tokens);
        Delivery work = take("worker-a");
        String rid = work.item().requestId();
        publisher.token(work.item().replyTo(), rid, "worker-a:1", "half ");
        Eventually.until("the text reached the caller", () -> tokens.texts.contains("half "));

        publisher.token(work.item().replyTo(), rid, "worker-b:1", "again from the start");

        ExpertException error = failure(call);
        assertThat(error.kind()).isEqualTo(ExpertErrorKind.CONNECTION);
        assertThat(error.retriable()).isTrue();
        assertThat(tokens.texts).containsExactly("half ");
        Eventually.until("the workers heard the cancellation", () -> workerCancels.cancelled(rid));
    }

    @Test
    void aSecondAnswerToTheSameRequestIsDropped() throws Exception {
        Expert expert = expert();
        CompletableFuture<ExpertResponse> call = call(expert, "q", TokenListener.NONE);
        Delivery work = take("worker-a");
        String rid = work.item().requestId();
        publisher.done(work.item().replyTo(), rid, "worker-a:1", answer("first"), SERVED);
        publisher.done(work.item().replyTo(), rid, "worker-b:1", answer("second"), SERVED);
        publisher.done(work.item().replyTo(), rid, "worker-a:1", answer("third"), SERVED);

        assertThat(call.get(30, TimeUnit.SECONDS).text()).isEqualTo("first");

        CompletableFuture<ExpertResponse> next = call(expert, "q2", TokenListener.NONE);
        Delivery again = take("worker-a");
        publisher.done(again.item().replyTo(), again.item().requestId(), "worker-a:2", answer("next"), SERVED);
        assertThat(next.get(30, TimeUnit.SECONDS).text())
                .as("only the next answer")
                .isEqualTo("next");
    }

    @Test
    void anInterruptedCallTakesItsWaitingEntryOffTheQueueAndTellsTheWorkers() throws Exception {
        Expert expert = expert();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                outcome.set(expert.chat(ExpertRequest.of("q")));
            } catch (ExpertException e) {
                outcome.set(e.kind());
            }
        });
        Eventually.until(
                "the entry waits in the queue", () -> waitingRequestIds().size() == 1);
        String rid = waitingRequestIds().getFirst();

        caller.interrupt();
        caller.join(Duration.ofSeconds(30));

        assertThat(outcome.get()).isEqualTo(ExpertErrorKind.CANCELLED);
        assertThat(queue.depth(expertId)).isZero();
        Eventually.until("the workers heard the cancellation", () -> workerCancels.cancelled(rid));
    }

    @Test
    void aCallerThatGoesAwayMidStreamLeavesTheEntryToItsWorkerAndTellsIt() {
        IllegalStateException gone = new IllegalStateException("the client went away");
        CompletableFuture<ExpertResponse> call = call(expert(), "q", text -> {
            throw gone;
        });
        Delivery work = take("worker-a");
        String rid = work.item().requestId();

        publisher.token(work.item().replyTo(), rid, "worker-a:1", "text");

        assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS)).cause().isSameAs(gone);
        Eventually.until("the worker heard the cancellation", () -> workerCancels.cancelled(rid));
        assertThat(queue.depth(expertId)).as("the worker acknowledges it").isOne();
        assertThat(queue.ack(expertId, List.of(work.id()))).isOne();
    }

    @Test
    void aCallNobodyAnswersTimesOutAndLeavesTheQueue() {
        ExpertException error = failure(call(expert(Duration.ofMillis(500)), "q", TokenListener.NONE));

        assertThat(error.kind()).isEqualTo(ExpertErrorKind.TIMEOUT);
        assertThat(error.retriable()).isTrue();
        assertThat(queue.depth(expertId)).isZero();
        assertThat(queue.take(expertId, "worker-a", 1, Duration.ZERO)).isEmpty();
    }

    @Test
    void aBatchRunsItsRequestsConcurrentlyAndKeepsTheirOrder() throws Exception {
        Expert expert = expert();
        List<ExpertRequest> requests = List.of(ExpertRequest.of("a"), ExpertRequest.of("b"), ExpertRequest.of("c"));
        CompletableFuture<List<ExpertOutcome>> batch = CompletableFuture.supplyAsync(
                () -> expert.chatBatch(requests, List.of(TokenListener.NONE, TokenListener.NONE, TokenListener.NONE)));

        List<Delivery> work = new ArrayList<>();
        Eventually.until("all three are queued", () -> {
            work.addAll(queue.take(expertId, "worker-a", 3, Duration.ZERO));
            return work.size() == 3;
        });
        for (Delivery d : work.reversed()) {
            String prompt =
                    DispatchPayload.fromJson(d.item().payload()).request().lastUserText();
            if (prompt.equals("b")) {
                publisher.failed(
                        d.item().replyTo(),
                        d.item().requestId(),
                        "worker-a:1",
                        ExpertException.of("w", ExpertErrorKind.CONTEXT_LENGTH, "too long", null));
            } else {
                publisher.done(d.item().replyTo(), d.item().requestId(), "worker-a:1", answer(prompt + "!"), SERVED);
            }
        }

        List<ExpertOutcome> outcomes = batch.get(30, TimeUnit.SECONDS);
        assertThat(outcomes.get(0).response().text()).isEqualTo("a!");
        assertThat(outcomes.get(1).error().kind()).isEqualTo(ExpertErrorKind.CONTEXT_LENGTH);
        assertThat(outcomes.get(2).response().text()).isEqualTo("c!");
        assertThat(Dispatch.served(outcomes.get(2).response())).contains(SERVED);
    }

    @Test
    void withoutRedisACallFailsAsUnavailableWithARetryAfter() throws Exception {
        try (RedisTestServer own = RedisTestServer.own();
                ExpertWorkQueue ownQueue = ExpertWorkQueue.redis(own.url(), own.prefix(), 10, TIMEOUT);
                ReplyPathRedis ownPath = ReplyPathRedis.on(own);
                ReplyChannel ownReplies = ownPath.channel("gw-down", TIMEOUT);
                CancelBroadcast ownCancels = ownPath.cancels()) {
            Expert expert = Dispatch.expert(
                    ExpertConfig.builder(expertId, "djl").build(), ownQueue, ownReplies, ownCancels, clock());

            own.stop();

            assertThatThrownBy(() -> expert.chat(ExpertRequest.of("q")))
                    .isInstanceOfSatisfying(ExpertException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ExpertErrorKind.UNAVAILABLE);
                        assertThat(e.retryAfter()).isPresent();
                    });
        }
    }
}
