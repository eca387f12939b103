package io.coerouter.router.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    private static LatencyHistogram of(double... latenciesMs) {
        long[] counts = new long[LatencyHistogram.BUCKETS];
        for (double ms : latenciesMs) {
            counts[LatencyHistogram.bucketOf(ms)]++;
        }
        return LatencyHistogram.of(counts);
    }

    @Test
    void bucketsAreLogSpacedFromOneMillisecondToPastTwoMinutes() {
        assertThat(LatencyHistogram.bucketOf(0)).isZero();
        assertThat(LatencyHistogram.bucketOf(1)).isZero();
        assertThat(LatencyHistogram.bucketOf(1.01)).isEqualTo(1);
        assertThat(LatencyHistogram.bucketOf(2)).isEqualTo(4);
        assertThat(LatencyHistogram.bucketOf(2.01)).isEqualTo(5);
        assertThat(LatencyHistogram.boundMs(LatencyHistogram.BOUNDED - 1)).isGreaterThanOrEqualTo(120_000);
        assertThat(LatencyHistogram.bucketOf(120_000)).isLessThan(LatencyHistogram.BOUNDED);
        assertThat(LatencyHistogram.bucketOf(10_000_000)).isEqualTo(LatencyHistogram.BOUNDED);
        for (int i = 1; i < LatencyHistogram.BOUNDED; i++) {
            assertThat(LatencyHistogram.boundMs(i) / LatencyHistogram.boundMs(i - 1))
                    .isCloseTo(Math.pow(2, 0.25), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void histogramsOfSeveralReplicasMergeByAddingTheirCounts() {
        LatencyHistogram first = of(3, 12, 250);
        LatencyHistogram second = of(12, 40_000);

        assertThat(first.plus(second)).isEqualTo(of(3, 12, 250, 12, 40_000));
        assertThat(first.plus(second).total()).isEqualTo(5);
        assertThat(first.plus(LatencyHistogram.EMPTY)).isEqualTo(first);
    }

    @Test
    void percentilesFallInTheBucketOfTheTrueValue() {
        double[] latencies = new double[100];
        for (int i = 0; i < 100; i++) {
            latencies[i] = i < 98 ? 10 : 900; // p50 10 ms, p99 900 ms
        }
        LatencyHistogram h = of(latencies);

        int b10 = LatencyHistogram.bucketOf(10);
        assertThat(h.percentile(0.5)).isBetween(LatencyHistogram.boundMs(b10 - 1), LatencyHistogram.boundMs(b10));
        int b900 = LatencyHistogram.bucketOf(900);
        assertThat(h.percentile(0.99)).isBetween(LatencyHistogram.boundMs(b900 - 1), LatencyHistogram.boundMs(b900));
        assertThat(h.percentile(0.5)).isLessThan(h.percentile(0.99));
    }

    @Test
    void aHistogramWithoutLatenciesHasNoPercentilesAndTheSlowestBucketReportsItsLowerBound() {
        assertThat(LatencyHistogram.EMPTY.percentile(0.5)).isNull();
        double lastBound = LatencyHistogram.boundMs(LatencyHistogram.BOUNDED - 1);
        assertThat(of(10_000_000).percentile(0.99)).isCloseTo(lastBound, org.assertj.core.data.Offset.offset(0.001));
        assertThatThrownBy(() -> of(1).percentile(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
