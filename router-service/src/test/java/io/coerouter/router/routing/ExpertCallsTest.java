package io.coerouter.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.aggregate.Candidate;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenListener;
import io.coerouter.expert.TokenUsage;
import io.coerouter.router.telemetry.genai.GenAiTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpertCallsTest {

    /** Answers {@code text} once {@code gate} opens; notes whether it was interrupted. */
    private static Expert gated(String id, String text, CountDownLatch gate, AtomicBoolean interrupted) {
        return new Expert() {
            @Override
            public ExpertConfig config() {
                return ExpertConfig.builder(id, "echo").build();
            }

            @Override
            public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
                try {
                    if (!gate.await(10, TimeUnit.SECONDS)) {
                        throw ExpertException.of(id, ExpertErrorKind.TIMEOUT, "gate never opened", null);
                    }
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw ExpertException.of(id, ExpertErrorKind.TIMEOUT, "cancelled", e);
                }
                if (text == null) {
                    throw ExpertException.of(id, ExpertErrorKind.SERVER_ERROR, "boom", null);
                }
                return ExpertResponse.of(id, text, FinishReason.STOP, new TokenUsage(1, 1));
            }
        };
    }

    private static PlannedCall call(Expert e, double score) {
        return new PlannedCall(e, score, ExpertRequest.of("q"));
    }

    @Test
    void severalExpertsRunAtOnceSendKeepAlivesAndComeBackInRoutingOrder() {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger keepAlives = new AtomicInteger();
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                // the test ends anyway
            }
            gate.countDown();
        });
        ExpertCalls.Result result = ExpertCalls.all(
                List.of(
                        call(gated("a", "1", gate, interrupted), 0.9),
                        call(gated("b", null, gate, interrupted), 0.5),
                        call(gated("c", "3", gate, interrupted), 0.1)),
                false,
                Duration.ofMillis(20),
                keepAlives::incrementAndGet,
                GenAiTelemetry.off(),
                List.of(),
                null);
        assertThat(result.candidates()).extracting(Candidate::expertId).containsExactly("a", "b", "c");
        assertThat(result.candidates().get(1).succeeded()).isFalse();
        assertThat(keepAlives.get()).isGreaterThan(1); // all three waited on the same gate, so they ran at once
        assertThat(result.cancelled()).isEmpty();
    }

    @Test
    void theFirstAnswerWinsAndTheRestAreCancelled() {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch now = new CountDownLatch(0);
        AtomicBoolean interrupted = new AtomicBoolean();
        ExpertCalls.Result result = ExpertCalls.all(
                List.of(
                        call(gated("slow", "late", never, interrupted), 0.9),
                        call(gated("fast", "early", now, interrupted), 0.1)),
                true,
                Duration.ofSeconds(5),
                () -> {},
                GenAiTelemetry.off(),
                List.of(),
                null);
        assertThat(result.candidates()).extracting(Candidate::expertId).containsExactly("fast");
        assertThat(result.cancelled()).containsExactly("slow");
    }
}
