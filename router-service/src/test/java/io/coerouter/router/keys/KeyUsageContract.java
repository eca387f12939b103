package io.coerouter.router.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.testing.ManualClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every {@link KeyUsage} does; each implementation's test runs it. */
abstract class KeyUsageContract {

    final ManualClock clock = new ManualClock();

    /** Counters on {@link #clock}; two calls give two views of the same counters (two replicas where shared). */
    abstract KeyUsage usage();

    private static ApiKey limited(String id, int rpm, long tpm, String budget) {
        return new ApiKey(
                id,
                id,
                "hash-" + id,
                "coe-abcd",
                List.of(),
                List.of(),
                rpm,
                tpm,
                budget == null ? null : new BigDecimal(budget),
                true,
                Instant.EPOCH);
    }

    @Test
    void requestsPastTheMinuteAreRefusedUntilTheBucketRefills() {
        KeyUsage usage = usage();
        ApiKey key = limited("rpm", 2, 0, null);

        assertThat(usage.admit(key, 10).admitted()).isTrue();
        assertThat(usage.admit(key, 10).admitted()).isTrue();
        KeyUsage.Admission refused = usage.admit(key, 10);

        assertThat(refused.verdict()).isEqualTo(KeyUsage.Verdict.REQUESTS_PER_MINUTE);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(30)); // 2 a minute: one every 30 s
        clock.advance(Duration.ofSeconds(30));
        assertThat(usage.admit(key, 10).admitted()).isTrue();
    }

    @Test
    void tokensAreChargedByEstimateThenCorrectedToWhatTheCallUsed() {
        KeyUsage usage = usage();
        ApiKey key = limited("tpm", 0, 100, null);

        assertThat(usage.admit(key, 80).admitted()).isTrue();
        usage.record(key, 50, BigDecimal.ZERO); // it used 130: the bucket is 30 in debt
        KeyUsage.Admission refused = usage.admit(key, 1);

        assertThat(refused.verdict()).isEqualTo(KeyUsage.Verdict.TOKENS_PER_MINUTE);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(18_600)); // 31 tokens at 100 a minute
        clock.advance(Duration.ofMillis(18_600));
        assertThat(usage.admit(key, 1).admitted()).isTrue();
    }

    @Test
    void aSpentBudgetRefusesEveryFurtherCall() {
        KeyUsage usage = usage();
        ApiKey key = limited("budget", 0, 0, "0.03");

        usage.record(key, 0, new BigDecimal("0.02"));
        assertThat(usage.admit(key, 1).admitted()).isTrue();
        usage.record(key, 0, new BigDecimal("0.0100001"));

        assertThat(usage.admit(key, 1).verdict()).isEqualTo(KeyUsage.Verdict.BUDGET);
        assertThat(usage.spent(key)).isEqualByComparingTo("0.030001");
        assertThat(usage().spent(key)).as("every view sees the spend").isEqualByComparingTo("0.030001");
    }

    @Test
    void concurrentCallsThroughTwoViewsNeverGetPastTheLimit() throws Exception {
        KeyUsage first = usage();
        KeyUsage second = usage();
        ApiKey key = limited("race", 10, 0, null);
        AtomicInteger admitted = new AtomicInteger();

        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                KeyUsage view = i % 2 == 0 ? first : second;
                calls.add(pool.submit(() -> {
                    if (view.admit(key, 1).admitted()) {
                        admitted.incrementAndGet();
                    }
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        }

        assertThat(admitted).hasValue(10);
    }
}
