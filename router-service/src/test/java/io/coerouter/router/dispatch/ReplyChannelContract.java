package io.coerouter.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenListener;
import io.coerouter.expert.TokenUsage;
import io.coerouter.router.testing.Eventually;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the reply path does, a {@link ReplyPublisher} writing and a {@link ReplyChannel} reading, on a real Redis:
 * single-node ({@link RedisReplyPathIT}) and a three-master Redis Cluster ({@link RedisClusterReplyPathIT}).
 */
abstract class ReplyChannelContract {

    static final String EXPERT = "local-1";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Served SERVED = new Served("worker-a", 5, 0, 40, 4);

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** The reply path's components on this test's Redis. */
    protected abstract ReplyPathRedis path();

    protected <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    ReplyChannel channel() {
        return open(path().channel("gw-" + UUID.randomUUID(), ReplyPathRedis.TIMEOUT));
    }

    ReplyPublisher publisher() {
        return open(path().publisher());
    }

    private String prefix() {
        return path().prefix();
    }

    private RedisClusterCommands<String, String> redis() {
        return path().redis();
    }

    /** A request through {@code channel}, answered through {@code publisher}, gets its answer. */
    static void assertRoundTrip(ReplyChannel channel, ReplyPublisher publisher) {
        String rid = requestId();
        try (ReplyChannel.Pending pending = channel.expect(EXPERT, rid, TokenListener.NONE)) {
            publisher.done(channel.id(), rid, "w:" + rid, answer(rid), SERVED);
            assertThat(pending.await(WAIT).text()).isEqualTo(rid);
        }
    }

    static String requestId() {
        return UUID.randomUUID().toString();
    }

    static ExpertResponse answer(String text) {
        return ExpertResponse.of("worker-side", text, FinishReason.STOP, new TokenUsage(3, 2));
    }

    /** Records the text it is handed and the threads it runs on. */
    static final class Recorder implements TokenListener {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onToken(String text) {
            texts.add(text);
            threads.add(Thread.currentThread());
        }
    }

    @Test
    void streamedTextReachesTheListenerInOrderOnTheWaitingThreadThenTheAnswer() {
        ReplyChannel channel = channel();
        ReplyPublisher publisher = publisher();
        String rid = requestId();
        Recorder tokens = new Recorder();
        try (ReplyChannel.Pending pending = channel.expect(EXPERT, rid, tokens)) {
            for (int i = 0; i < 50; i++) {
                publisher.token(channel.id(), rid, "worker-a:1", "t" + i + " ");
            }
            publisher.done(channel.id(), rid, "worker-a:1", answer("the whole text"), SERVED);

            ExpertResponse response = pending.await(WAIT);

            assertThat(response.expertId()).isEqualTo(EXPERT);
            assertThat(response.text()).isEqualTo("the whole text");
            assertThat(response.usage()).isEqualTo(new TokenUsage(3, 2));
            assertThat(pending.served()).contains(SERVED);
        }
        assertThat(tokens.texts).hasSize(50).startsWith("t0 ", "t1 ").endsWith("t49 ");
        assertThat(tokens.threads).containsOnly(Thread.currentThread());
    }

    @Test
    void textPublishedWhileTheCallerWaitsReachesItAsItComes() throws Exception {
        ReplyChannel channel = channel();
        ReplyPublisher publisher = publisher();
        String rid = requestId();
        Recorder tokens = new Recorder();
        try (ReplyChannel.Pending pending = channel.expect(EXPERT, rid, tokens)) {
            CompletableFuture<ExpertResponse> waiting = CompletableFuture.supplyAsync(() -> pending.await(WAIT));
            publisher.token(channel.id(), rid, "worker-a:1", "first");
            Eventually.until("the first piece reached the listener", () -> tokens.texts.contains("first"));
            assertThat(waiting).isNotDone();

            publisher.done(channel.id(), rid, "worker-a:1", answer("first"), SERVED);

            assertThat(waiting.get(30, TimeUnit.SECONDS).text()).isEqualTo("first");
        }
    }

    @Test
    void aWorkersFailureComesBackWithItsKindMessageAndRetryAfter() {
        ReplyChannel channel = channel();
        ReplyPublisher publisher = publisher();
        String rid = requestId();
        try (ReplyChannel.Pending pending = channel.expect(EXPERT, rid, TokenListener.NONE)) {
            publisher.failed(
                    channel.id(),
                    rid,
                    "worker-a:1",
                    ExpertException.of(
                            "worker-side", ExpertErrorKind.UNAVAILABLE, "loading", 0, Duration.ofSeconds(3), null));

            assertThatThrownBy(() -> pending.await(WAIT)).isInstanceOfSatisfying(ExpertException.class, e -> {
                assertThat(e.kind()).isEqualTo(ExpertErrorKind.UNAVAILABLE);
                assertThat(e.getMessage()).isEqualTo("expert '" + EXPERT + "' unavailable: loading");
                assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
            });
        }
    }

    @Test
    void eachRequestGetsOnlyItsOwnReplies() {
        ReplyChannel channel = channel();
        ReplyPublisher publisher = publisher();
        String one = requestId();
        String two = requestId();
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        try (ReplyChannel.Pending a = channel.expect(EXPERT, one, first);
                ReplyChannel.Pending b = channel.expect(EXPERT, two, second)) {
            publisher.token(channel.id(), two, "w:2", "b1");
            publisher.token(channel.id(), one, "w:1", "a1");
            publisher.token(channel.id(), requestId(), "w:3", "nobody's");
            publisher.token(channel.id(), two, "w:2", "b2");
            publisher.done(channel.id(), one, "w:1", answer("A"), SERVED);
            publisher.done(channel.id(), two, "w:2", answer("B"), SERVED);

            assertThat(b.await(WAIT).text()).isEqualTo("B");
            assertThat(a.await(WAIT).text()).isEqualTo("A");
        }
        assertThat(first.texts).containsExactly("a1");
        assertThat(second.texts).containsExactly("b1", "b2");
    }

    @Test
    void theFirstAnswerWinsAndLaterAnswersAreDropped() {
        ReplyChannel channel = channel();
        ReplyPublisher publisher = publisher();
        String rid = requestId();
        try (ReplyChannel.Pending pending = channel.expect(EXPERT, rid, TokenListener.NONE)) {
            publisher.done(channel.id(), rid, "worker-a:1", answer("first"), SERVED);
            publisher.done(channel.id(), rid, "worker-a:1", answer("again"), SERVED);
            publisher.done(channel.id(), rid, "worker-b:1", answer("second"), SERVED);
            publisher.failed(
                    channel.id(), rid, "worker-b:1", ExpertException.of("x", ExpertErrorKind.TIMEOUT, null, null));

            assertThat(pending.await(WAIT).text()).isEqualTo("first");
        }
    }

    @Test
    void anAttemptThatSentNoTextYetGivesWayToANewerOne() {
        ReplyChannel channel = channel();
        ReplyPublisher publisher = publisher();
        String rid = requestId();
        Recorder tokens = new Recorder();
        try (ReplyChannel.Pending pending = channel.expect(EXPERT, rid, tokens)) {
            publisher.token(channel.id(), rid, "worker-a:1", ""); // started, then died
            publisher.token(channel.id(), rid, "worker-b:1", "new ");
            publisher.token(channel.id(), rid, "worker-a:1", "stale");
            publisher.done(channel.id(), rid, "worker-a:1", answer("stale"), SERVED);
            publisher.token(channel.id(), rid, "worker-b:1", "text");
            publisher.done(channel.id(), rid, "worker-b:1", answer("new text"), SERVED);

            assertThat(pending.await(WAIT).text()).isEqualTo("new text");
        }
        assertThat(tokens.texts).containsExactly("new ", "text");
    }

    @Test
    void aNewAttemptAfterTextWasStreamedFailsTheRequestAsABrokenConnection() {
        ReplyChannel channel = channel();
        ReplyPublisher publisher = publisher();
        String rid = requestId();
        Recorder tokens = new Recorder();
        try (ReplyChannel.Pending pending = channel.expect(EXPERT, rid, tokens)) {
            publisher.token(channel.id(), rid, "worker-a:1", "half ");
            publisher.token(channel.id(), rid, "worker-b:1", "from the start");
            publisher.done(channel.id(), rid, "worker-b:1", answer("from the start"), SERVED);

            assertThatThrownBy(() -> pending.await(WAIT)).isInstanceOfSatisfying(ExpertException.class, e -> {
                assertThat(e.kind()).isEqualTo(ExpertErrorKind.CONNECTION);
                assertThat(e.retriable()).isTrue();
                assertThat(e.getMessage()).contains("stopped mid-stream");
            });
        }
        assertThat(tokens.texts).containsExactly("half ");
    }

    @Test
    void aRequestNobodyAnswersTimesOutAndALateAnswerIsDropped() {
        ReplyChannel channel = channel();
        ReplyPublisher publisher = publisher();
        String rid = requestId();
        try (ReplyChannel.Pending pending = channel.expect(EXPERT, rid, TokenListener.NONE)) {
            assertThatThrownBy(() -> pending.await(Duration.ofMillis(200)))
                    .isInstanceOfSatisfying(
                            ExpertException.class, e -> assertThat(e.kind()).isEqualTo(ExpertErrorKind.TIMEOUT));

            publisher.done(channel.id(), rid, "worker-a:1", answer("late"), SERVED);
            assertThatThrownBy(() -> pending.await(Duration.ofMillis(200)))
                    .isInstanceOfSatisfying(
                            ExpertException.class, e -> assertThat(e.kind()).isEqualTo(ExpertErrorKind.TIMEOUT));
        }
        assertRoundTrip(channel, publisher);
    }

    @Test
    void aCancelledRequestStopsWaiting() throws Exception {
        ReplyChannel channel = channel();
        try (ReplyChannel.Pending pending = channel.expect(EXPERT, requestId(), TokenListener.NONE)) {
            CompletableFuture<ExpertResponse> waiting = CompletableFuture.supplyAsync(() -> pending.await(WAIT));
            pending.cancel();

            assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(
                            ExpertException.class, e -> assertThat(e.kind()).isEqualTo(ExpertErrorKind.CANCELLED));
        }
    }

    @Test
    void anInterruptedWaitEndsAsCancelled() throws Exception {
        ReplyChannel channel = channel();
        try (ReplyChannel.Pending pending = channel.expect(EXPERT, requestId(), TokenListener.NONE)) {
            List<Object> outcome = new CopyOnWriteArrayList<>();
            Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    pending.await(WAIT);
                } catch (ExpertException e) {
                    outcome.add(e.kind());
                    outcome.add(Thread.currentThread().isInterrupted());
                }
            });
            waiter.interrupt();
            waiter.join(Duration.ofSeconds(30));

            assertThat(outcome).containsExactly(ExpertErrorKind.CANCELLED, true);
        }
    }

    @Test
    void whatTheListenerThrowsReachesTheCaller() {
        ReplyChannel channel = channel();
        ReplyPublisher publisher = publisher();
        String rid = requestId();
        IllegalStateException gone = new IllegalStateException("client went away");
        try (ReplyChannel.Pending pending = channel.expect(EXPERT, rid, text -> {
            throw gone;
        })) {
            publisher.token(channel.id(), rid, "worker-a:1", "text");

            assertThatThrownBy(() -> pending.await(WAIT)).isSameAs(gone);
        }
    }

    @Test
    void aMalformedAnswerFailsTheRequestAsAnInvalidResponse() {
        ReplyChannel channel = channel();
        String rid = requestId();
        try (ReplyChannel.Pending pending = channel.expect(EXPERT, rid, TokenListener.NONE)) {
            redis().xadd(
                            DispatchNames.replyStream(prefix(), channel.id()),
                            Map.of("rid", rid, "att", "w:1", "kind", "DONE", "body", "{\"response\":\"my-secret\"}"));

            assertThatThrownBy(() -> pending.await(WAIT)).isInstanceOfSatisfying(ExpertException.class, e -> {
                assertThat(e.kind()).isEqualTo(ExpertErrorKind.INVALID_RESPONSE);
                assertThat(e.getMessage()).doesNotContain("my-secret");
            });
        }
    }

    @Test
    void entriesThatAreNoRepliesAreDroppedAndReadingGoesOn() {
        ReplyChannel channel = channel();
        String stream = DispatchNames.replyStream(prefix(), channel.id());
        redis().xadd(stream, Map.of("junk", "1"));
        redis().xadd(stream, Map.of("rid", "a b}", "att", "w", "kind", "DONE", "body", "{}"));
        redis().xadd(stream, Map.of("rid", "r", "att", "w:1", "kind", "SHOUT", "body", "x"));
        redis().xadd(stream, Map.of("rid", "r", "att", "w:1"));

        assertRoundTrip(channel, publisher());
    }

    @Test
    void aKeyOfAnotherTypeInTheStreamsPlaceGoesAndReadingGoesOn() {
        ReplyChannel channel = channel();
        ReplyPublisher publisher = publisher();
        String stream = DispatchNames.replyStream(prefix(), channel.id());
        redis().set(stream, "not a stream");

        Eventually.until("the channel deleted the key", () -> !"string".equals(redis().type(stream)));

        assertRoundTrip(channel, publisher);
    }

    @Test
    void whatWasReadLeavesTheStreamAndTheStreamExpires() {
        ReplyChannel channel = channel();
        ReplyPublisher publisher = publisher();
        String stream = DispatchNames.replyStream(prefix(), channel.id());
        String rid = requestId();
        try (ReplyChannel.Pending pending = channel.expect(EXPERT, rid, TokenListener.NONE)) {
            publisher.token(channel.id(), rid, "w:1", "a");
            publisher.done(channel.id(), rid, "w:1", answer("a"), SERVED);
            pending.await(WAIT);
        }

        Eventually.until("the replies read are trimmed", () -> redis().xlen(stream) == 0);
        assertThat(redis().pttl(stream)).isPositive();
    }

    @Test
    void aReplyToAChannelNoOneReadsExpires() {
        ReplyPublisher publisher = publisher();
        String gone = "gw-gone-" + UUID.randomUUID();

        publisher.done(gone, requestId(), "w:1", answer("nobody"), SERVED);

        String stream = DispatchNames.replyStream(prefix(), gone);
        assertThat(redis().xlen(stream)).isOne();
        assertThat(redis().pttl(stream)).isPositive();
    }

    @Test
    void aReplyChannelIdOfTheWrongShapeIsRefusedBeforeItBecomesAKey() {
        ReplyPublisher publisher = publisher();

        assertThatThrownBy(() -> publisher.token("gw}x", requestId(), "w:1", "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("replyTo");
        assertThatThrownBy(() -> publisher.token("gw", "bad id", "w:1", "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("requestId");
        assertThatThrownBy(() -> path().channel("gw x", ReplyPathRedis.TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRequestIsExpectedOnlyOnceAtATime() {
        ReplyChannel channel = channel();
        String rid = requestId();
        try (ReplyChannel.Pending ignored = channel.expect(EXPERT, rid, TokenListener.NONE)) {
            assertThatThrownBy(() -> channel.expect(EXPERT, rid, TokenListener.NONE))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        channel.expect(EXPERT, rid, TokenListener.NONE).close();
    }

    @Test
    void closingTheChannelFailsWhatWaitsAndDeletesItsStream() throws Exception {
        ReplyChannel channel = path().channel("gw-" + UUID.randomUUID(), ReplyPathRedis.TIMEOUT);
        ReplyPublisher publisher = publisher();
        String stream = DispatchNames.replyStream(prefix(), channel.id());
        ReplyChannel.Pending pending = channel.expect(EXPERT, requestId(), TokenListener.NONE);
        publisher.token(channel.id(), requestId(), "w:1", "keeps the stream");
        CompletableFuture<ExpertResponse> waiting = CompletableFuture.supplyAsync(() -> pending.await(WAIT));

        channel.close();

        assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(
                        ExpertException.class, e -> assertThat(e.kind()).isEqualTo(ExpertErrorKind.UNAVAILABLE));
        assertThat(redis().exists(stream)).isZero();
        assertThatThrownBy(() -> channel.expect(EXPERT, requestId(), TokenListener.NONE))
                .isInstanceOfSatisfying(
                        ExpertException.class, e -> assertThat(e.kind()).isEqualTo(ExpertErrorKind.UNAVAILABLE));
    }
}
