package io.coerouter.router.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.PoolListener;
import io.coerouter.expert.Tier;
import io.coerouter.router.testing.ManualClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveMetricsTest {

    private final ManualClock clock = new ManualClock(); // 2026-01-01T00:00:00Z, a minute's start
    private final MetricsStore store = MetricsStore.inMemory();
    private final LiveMetrics metrics = new LiveMetrics(store, clock);

    @AfterEach
    void close() {
        metrics.close();
    }

    private static long ms(double ms) {
        return (long) (ms * 1_000_000);
    }

    @Test
    void aWindowHasOneBucketPerMinuteOldestFirstEndingWithTheMinuteUnderWay() {
        clock.advance(Duration.ofSeconds(30));
        long minute = clock.instant().getEpochSecond() - 30;

        Overview fifteen = metrics.overview(Window.FIFTEEN_MINUTES);
        Overview hour = metrics.overview(Window.ONE_HOUR);

        assertThat(fifteen.buckets()).hasSize(15);
        assertThat(hour.buckets()).hasSize(60);
        assertThat(fifteen.buckets().getLast().start()).isEqualTo(minute);
        assertThat(fifteen.buckets().getFirst().start()).isEqualTo(minute - 14 * 60);
        assertThat(hour.buckets().getFirst().start()).isEqualTo(minute - 59 * 60);
        assertThat(fifteen.total()).isEqualTo(BucketCounts.EMPTY);
        assertThat(fifteen.buckets().getLast().counts().p50Ms()).isNull();
    }

    @Test
    void requestsAreCountedInTheMinuteTheyEndedWithTokensCostAndErrors() {
        metrics.record(ChatSample.answered(ms(12), 10, 20, new BigDecimal("0.0012345")));
        metrics.record(ChatSample.failed(ms(3)));
        clock.advance(Duration.ofSeconds(61));
        metrics.record(ChatSample.answered(ms(250), 1, 2, BigDecimal.ZERO));

        List<Overview.Bucket> buckets = metrics.overview(Window.FIFTEEN_MINUTES).buckets();
        BucketCounts previous = buckets.get(13).counts();
        BucketCounts current = buckets.get(14).counts();
        assertThat(previous.requests()).isEqualTo(2);
        assertThat(previous.errors()).isEqualTo(1);
        assertThat(previous.tokens()).isEqualTo(30);
        assertThat(previous.costMicros()).isEqualTo(1235);
        assertThat(current.requests()).isEqualTo(1);
        assertThat(current.p50Ms()).isBetween(200.0, 300.0);

        BucketCounts total = metrics.overview(Window.FIFTEEN_MINUTES).total();
        assertThat(total.requests()).isEqualTo(3);
        assertThat(total.promptTokens()).isEqualTo(11);
        assertThat(total.completionTokens()).isEqualTo(22);
        assertThat(total.costUsd()).isEqualTo(0.001235);
        assertThat(total.p50Ms()).isBetween(9.0, 14.0);
    }

    @Test
    void aMinuteOlderThanTheWindowIsNoLongerShown() {
        metrics.record(ChatSample.answered(ms(5), 1, 1, null));
        clock.advance(Duration.ofMinutes(15));

        assertThat(metrics.overview(Window.FIFTEEN_MINUTES).total().requests()).isZero();
        assertThat(metrics.overview(Window.ONE_HOUR).total().requests()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(45));
        assertThat(metrics.overview(Window.ONE_HOUR).total().requests()).isZero();
    }

    @Test
    void modelLoadsAndSwapsFromThePoolAreCounted() {
        PoolListener pool = metrics.poolListener();
        pool.onLoad("a", Tier.DISK, Duration.ofMillis(5), 100);
        pool.onLoad("b", Tier.HOST, Duration.ofMillis(5), 100);
        pool.onSwap("b", List.of("a"));
        pool.onEvict("a", 100);

        BucketCounts total = metrics.overview(Window.FIFTEEN_MINUTES).total();
        assertThat(total.modelLoads()).isEqualTo(2);
        assertThat(total.modelSwaps()).isEqualTo(1);
        assertThat(total.requests()).isZero();
    }
}
