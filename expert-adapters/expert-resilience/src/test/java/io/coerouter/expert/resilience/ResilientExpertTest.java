package io.coerouter.expert.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertListener;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.NonRetriableExpertException;
import io.coerouter.expert.ResilienceConfig;
import io.coerouter.expert.RetriableExpertException;
import io.coerouter.expert.TokenListener;
import io.coerouter.expert.TokenUsage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResilientExpertTest {

    /** Fails with the queued errors, in order, then answers; records what it saw. */
    static final class Scripted implements Expert {
        final Deque<RuntimeException> failures = new ArrayDeque<>();
        final AtomicInteger calls = new AtomicInteger();
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        volatile boolean streamBeforeFailing;
        volatile boolean streamAlways;
        final List<ExpertErrorKind> errors = Collections.synchronizedList(new ArrayList<>());
        private final ExpertListener recorder = new ExpertListener() {
            @Override
            public void onRetry(String expertId, int attempt, ExpertException error, long waitMillis) {
                events.add("retry " + attempt + " " + error.kind() + " wait>=" + waitMillis);
            }

            @Override
            public void onCircuitState(String expertId, String from, String to) {
                events.add(from + "->" + to);
            }

            @Override
            public void onShortCircuit(String expertId, String reason) {
                events.add("refused " + reason);
            }

            @Override
            public void onError(ExpertException error, long nanos) {
                errors.add(error.kind());
            }
        };

        @Override
        public ExpertConfig config() {
            return ExpertConfig.builder("flaky", "echo").build();
        }

        @Override
        public List<ExpertListener> listeners() {
            return List.of(recorder);
        }

        @Override
        public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
            calls.incrementAndGet();
            if (streamAlways) {
                tokens.onToken("ok");
            }
            RuntimeException failure = failures.poll();
            if (failure != null) {
                if (streamBeforeFailing) {
                    tokens.onToken("partial ");
                }
                throw failure;
            }
            return ExpertResponse.of("flaky", "ok", FinishReason.STOP, new TokenUsage(1, 1));
        }
    }

    private static ExpertException error(ExpertErrorKind kind) {
        return ExpertException.of("flaky", kind, "scripted", null);
    }

    private static ResilienceConfig config(int attempts, Duration retryAfterCap, int window, Duration openWait) {
        return new ResilienceConfig(
                true,
                50,
                100,
                Duration.ofSeconds(60),
                window,
                window,
                openWait,
                1,
                attempts,
                Duration.ofMillis(1),
                2.0,
                Duration.ofMillis(5),
                0.5,
                retryAfterCap,
                0,
                0);
    }

    @Test
    void aServerErrorIsRetriedWithBackoffUntilTheCallSucceeds() {
        Scripted flaky = new Scripted();
        flaky.failures.add(error(ExpertErrorKind.SERVER_ERROR));
        flaky.failures.add(error(ExpertErrorKind.CONNECTION));
        Expert expert = Expert.resilient(flaky, config(3, Duration.ofSeconds(1), 20, Duration.ofSeconds(30)));

        assertThat(expert.chat(ExpertRequest.of("hi")).text()).isEqualTo("ok");
        assertThat(flaky.calls).hasValue(3);
        assertThat(flaky.events).hasSize(2).allMatch(e -> e.startsWith("retry "));
    }

    @Test
    void aRetryWaitsAtLeastTheProvidersRetryAfterAndALongerOneIsNotRetried() {
        Scripted flaky = new Scripted();
        flaky.failures.add(ExpertException.of(
                "flaky", ExpertErrorKind.RATE_LIMITED, "slow down", 429, Duration.ofMillis(50), null));
        Expert expert = Expert.resilient(flaky, config(3, Duration.ofMillis(100), 20, Duration.ofSeconds(30)));
        assertThat(expert.chat(ExpertRequest.of("hi")).text()).isEqualTo("ok");
        assertThat(flaky.events).containsExactly("retry 1 RATE_LIMITED wait>=50");

        Scripted slow = new Scripted();
        slow.failures.add(ExpertException.of(
                "flaky", ExpertErrorKind.RATE_LIMITED, "come back later", 429, Duration.ofSeconds(60), null));
        Expert patient = Expert.resilient(slow, config(3, Duration.ofMillis(100), 20, Duration.ofSeconds(30)));
        assertThatThrownBy(() -> patient.chat(ExpertRequest.of("hi")))
                .isInstanceOf(ExpertException.class)
                .satisfies(e -> assertThat(((ExpertException) e).kind()).isEqualTo(ExpertErrorKind.RATE_LIMITED));
        assertThat(slow.calls).hasValue(1);
    }

    @Test
    void aRejectedRequestIsNeitherRetriedNorCountedAgainstTheCircuit() {
        Scripted flaky = new Scripted();
        for (int i = 0; i < 6; i++) {
            flaky.failures.add(error(ExpertErrorKind.BAD_REQUEST));
        }
        Expert expert = Expert.resilient(flaky, config(3, Duration.ofSeconds(1), 4, Duration.ofSeconds(30)));
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> expert.chat(ExpertRequest.of("bad")))
                    .isInstanceOf(NonRetriableExpertException.class);
        }
        assertThat(flaky.calls).hasValue(6);
        assertThat(expert.circuitState()).isEqualTo("closed");
        assertThat(expert.available()).isTrue();
    }

    @Test
    void repeatedFailuresOpenTheCircuitWhichRefusesCallsThenProbesAndClosesAgain() throws Exception {
        Scripted flaky = new Scripted();
        for (int i = 0; i < 4; i++) {
            flaky.failures.add(error(ExpertErrorKind.SERVER_ERROR));
        }
        Expert expert = Expert.resilient(flaky, config(1, Duration.ZERO, 4, Duration.ofMillis(200)));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> expert.chat(ExpertRequest.of("hi"))).isInstanceOf(RetriableExpertException.class);
        }
        assertThat(expert.circuitState()).isEqualTo("open");
        assertThat(expert.available()).isFalse();
        assertThatThrownBy(() -> expert.chat(ExpertRequest.of("hi")))
                .isInstanceOf(ExpertException.class)
                .hasMessageContaining("circuit is open")
                .satisfies(e -> assertThat(((ExpertException) e).kind()).isEqualTo(ExpertErrorKind.UNAVAILABLE));
        assertThat(flaky.calls)
                .as("an open circuit does not reach the provider")
                .hasValue(4);

        for (int i = 0; i < 100 && !expert.available(); i++) {
            Thread.sleep(20);
        }
        assertThat(expert.circuitState()).isEqualTo("half_open");
        assertThat(expert.chat(ExpertRequest.of("probe")).text()).isEqualTo("ok");
        assertThat(expert.circuitState()).isEqualTo("closed");
        assertThat(flaky.events)
                .contains("closed->open", "refused circuit_open", "open->half_open", "half_open->closed");
    }

    @Test
    void aListenerFailingBecauseTheClientLeftIsNeverCountedAgainstTheExpert() {
        Scripted talker = new Scripted();
        talker.streamAlways = true;
        Expert expert = Expert.resilient(talker, config(3, Duration.ofSeconds(1), 4, Duration.ofSeconds(30)));
        TokenListener clientGone = text -> {
            throw new java.io.UncheckedIOException(new java.io.IOException("Broken pipe"));
        };

        for (int i = 0; i < 8; i++) { // twice the circuit's window
            assertThatThrownBy(() -> expert.chat(ExpertRequest.of("hi"), clientGone))
                    .as("the caller gets its own listener's failure back")
                    .isInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessageContaining("Broken pipe");
        }

        assertThat(expert.circuitState()).isEqualTo("closed");
        assertThat(talker.calls).as("not retried").hasValue(8);
        assertThat(talker.events).as("no retry, no circuit transition").isEmpty();
        assertThat(talker.errors)
                .as("no error reported to the expert's metrics")
                .isEmpty();
    }

    @Test
    void aStreamThatAlreadySentTextIsNotRetried() {
        Scripted flaky = new Scripted();
        flaky.streamBeforeFailing = true;
        flaky.failures.add(error(ExpertErrorKind.CONNECTION));
        Expert expert = Expert.resilient(flaky, config(3, Duration.ofSeconds(1), 20, Duration.ofSeconds(30)));
        StringBuilder seen = new StringBuilder();

        assertThatThrownBy(() -> expert.chat(ExpertRequest.of("hi"), new TokenListener() {
                    @Override
                    public void onToken(String text) {
                        seen.append(text);
                    }

                    @Override
                    public boolean streaming() {
                        return true;
                    }
                }))
                .isInstanceOf(ExpertException.class)
                .satisfies(e -> assertThat(((ExpertException) e).kind()).isEqualTo(ExpertErrorKind.CONNECTION));
        assertThat(flaky.calls).hasValue(1);
        assertThat(seen).hasToString("partial ");
    }

    @Test
    void callsOverTheRequestsPerMinuteLimitAreRefusedAsRateLimited() {
        Scripted fine = new Scripted();
        Expert expert = Expert.resilient(fine, rateLimits(2, 0));
        expert.chat(ExpertRequest.of("1"));
        expert.chat(ExpertRequest.of("2"));
        assertThatThrownBy(() -> expert.chat(ExpertRequest.of("3")))
                .isInstanceOf(RetriableExpertException.class)
                .hasMessageContaining("2 requests per minute");
        assertThat(fine.calls).hasValue(2);
        assertThat(expert.circuitState()).isEqualTo("none");
    }

    /** A clock the test moves by hand. */
    private static final class ManualClock extends java.time.Clock {
        private java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    /** No breaker and no retries: only the requests- and tokens-per-minute limits. */
    private static ResilienceConfig rateLimits(int requestsPerMinute, int tokensPerMinute) {
        return new ResilienceConfig(
                false,
                50,
                100,
                Duration.ofSeconds(60),
                20,
                10,
                Duration.ofSeconds(30),
                3,
                1,
                Duration.ZERO,
                1.0,
                Duration.ZERO,
                0,
                Duration.ZERO,
                requestsPerMinute,
                tokensPerMinute);
    }

    @Test
    void callsPastTheTokensPerMinuteLimitAreRefusedUntilTheMinuteHasRoom() {
        Scripted fine = new Scripted(); // each answer reports 1 prompt + 1 completion token
        ManualClock clock = new ManualClock();
        Expert expert = Expert.resilient(fine, rateLimits(0, 5), clock);

        for (int i = 0; i < 3; i++) {
            expert.chat(ExpertRequest.of("hi")); // 2, 4, then 6 tokens: the third still fits its 1-token estimate
            clock.advance(Duration.ofSeconds(10));
        }
        assertThatThrownBy(() -> expert.chat(ExpertRequest.of("hi")))
                .isInstanceOf(RetriableExpertException.class)
                .hasMessageContaining("5 tokens per minute")
                .satisfies(e -> assertThat(((ExpertException) e).retryAfter()).contains(Duration.ofSeconds(30)));
        assertThat(fine.calls).hasValue(3);
        assertThat(fine.events).containsExactly("refused token_rate_limit");

        clock.advance(Duration.ofSeconds(31)); // the first call's 2 tokens leave the window: 4 used
        expert.chat(ExpertRequest.of("hi"));
        assertThat(fine.calls).hasValue(4);
    }

    @Test
    void aPromptLargerThanTheWholeLimitStillRunsOnAnIdleExpert() {
        Scripted fine = new Scripted();
        Expert expert = Expert.resilient(fine, rateLimits(0, 5), new ManualClock());

        expert.chat(ExpertRequest.of("a prompt of far more than twenty characters"));

        assertThat(fine.calls).hasValue(1);
    }

    @Test
    void invalidSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new ResilienceConfig(
                        true,
                        0,
                        100,
                        Duration.ofSeconds(1),
                        1,
                        1,
                        Duration.ofSeconds(1),
                        1,
                        1,
                        Duration.ZERO,
                        1,
                        Duration.ZERO,
                        0,
                        Duration.ZERO,
                        0,
                        0))
                .hasMessage("failureRateThreshold must be in (0, 100], but was 0.0");
        assertThatThrownBy(() -> new ResilienceConfig(
                        true,
                        50,
                        100,
                        Duration.ofSeconds(1),
                        1,
                        1,
                        Duration.ofSeconds(1),
                        1,
                        0,
                        Duration.ZERO,
                        1,
                        Duration.ZERO,
                        0,
                        Duration.ZERO,
                        0,
                        0))
                .hasMessage("maxAttempts must be >= 1, but was 0");
    }
}
