package io.coerouter.expert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedExpertTest {

    /** An expert that blocks until released and counts how many calls overlap. */
    private static final class GatedExpert implements Expert {
        final ExpertConfig config;
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        GatedExpert(ExpertConfig config) {
            this.config = config;
        }

        @Override
        public ExpertConfig config() {
            return config;
        }

        @Override
        public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return ExpertResponse.of(config.id(), "ok", FinishReason.STOP, TokenUsage.ZERO);
        }
    }

    @Test
    void neverRunsMoreCallsAtOnceThanMaxConcurrency() throws Exception {
        GatedExpert gated = new GatedExpert(
                ExpertConfig.builder("g", "test").maxConcurrency(2).build());
        Expert bounded = Expert.bounded(gated);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var calls = java.util.stream.IntStream.range(0, 6)
                    .mapToObj(i -> executor.submit(() -> bounded.chat(ExpertRequest.of("hi"))))
                    .toList();
            while (gated.inFlight.get() < 2) {
                Thread.onSpinWait();
            }
            gated.release.countDown();
            for (Future<ExpertResponse> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS).text()).isEqualTo("ok");
            }
        }
        assertThat(gated.maxInFlight.get()).isEqualTo(2);
    }

    @Test
    void aCallThatFindsNoFreeSlotInTimeIsUnavailableAndRetriable() throws Exception {
        GatedExpert gated = new GatedExpert(ExpertConfig.builder("g", "test")
                .maxConcurrency(1)
                .requestTimeout(Duration.ofMillis(100))
                .build());
        Expert bounded = Expert.bounded(gated);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ExpertResponse> first = executor.submit(() -> bounded.chat(ExpertRequest.of("hi")));
            while (gated.inFlight.get() < 1) {
                Thread.onSpinWait();
            }
            assertThatThrownBy(() -> bounded.chat(ExpertRequest.of("hi")))
                    .isInstanceOf(RetriableExpertException.class)
                    .hasMessageContaining("expert 'g' unavailable")
                    .hasMessageContaining("all 1 slots stayed busy");
            gated.release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).text()).isEqualTo("ok");
        }
    }
}
