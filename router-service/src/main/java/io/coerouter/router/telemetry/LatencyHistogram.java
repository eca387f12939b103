package io.coerouter.router.telemetry;

import java.util.Arrays;

/**
 * Request latencies counted in fixed, log-spaced buckets (four per doubling, from 1 ms to 131 s, and one for anything
 * slower), so histograms of several replicas and minutes merge by adding their counts. Immutable.
 */
public final class LatencyHistogram {

    /** Buckets per doubling of the latency. */
    static final int PER_DOUBLING = 4;

    /** The buckets with an upper bound; bucket {@code i} holds latencies in (bound(i-1), bound(i)] ms. */
    static final int BOUNDED = 69;

    /** Every bucket: the bounded ones and the last, for latencies above {@code bound(BOUNDED - 1)}. */
    public static final int BUCKETS = BOUNDED + 1;

    public static final LatencyHistogram EMPTY = new LatencyHistogram(new long[BUCKETS]);

    private final long[] counts;

    private LatencyHistogram(long[] counts) {
        this.counts = counts;
    }

    /** A histogram of these counts, one per bucket. */
    public static LatencyHistogram of(long[] counts) {
        if (counts.length != BUCKETS) {
            throw new IllegalArgumentException("counts must have " + BUCKETS + " buckets, but had " + counts.length);
        }
        return new LatencyHistogram(counts.clone());
    }

    /** The upper bound of bucket {@code i} in milliseconds: {@code 2^(i/4)}. */
    public static double boundMs(int i) {
        return Math.pow(2, (double) i / PER_DOUBLING);
    }

    /** The bucket a latency of {@code ms} milliseconds is counted in. */
    public static int bucketOf(double ms) {
        if (!(ms > 1)) {
            return 0; // also NaN and negatives, which a monotonic clock never gives
        }
        int i = (int) Math.ceil(Math.log(ms) / Math.log(2) * PER_DOUBLING - 1e-9);
        return Math.min(i, BOUNDED);
    }

    public long count(int bucket) {
        return counts[bucket];
    }

    /** Latencies counted in all. */
    public long total() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    /** This histogram with {@code other}'s counts added. */
    public LatencyHistogram plus(LatencyHistogram other) {
        long[] sum = counts.clone();
        for (int i = 0; i < BUCKETS; i++) {
            sum[i] += other.counts[i];
        }
        return new LatencyHistogram(sum);
    }

    /**
     * The {@code q}-quantile in milliseconds (3 decimals), interpolated linearly within its bucket; the lower bound of
     * the last bucket for latencies past every bound; null when nothing was counted.
     */
    public Double percentile(double q) {
        if (q <= 0 || q > 1) {
            throw new IllegalArgumentException("q must be in (0, 1], but was " + q);
        }
        long total = total();
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long below = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] == 0 || below + counts[i] < rank) {
                below += counts[i];
                continue;
            }
            double lower = i == 0 ? 0 : boundMs(i - 1);
            if (i == BOUNDED) {
                return round(lower);
            }
            double upper = boundMs(i);
            return round(lower + (upper - lower) * (rank - below) / counts[i]);
        }
        throw new IllegalStateException("unreachable: rank " + rank + " of " + total);
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencyHistogram h && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "LatencyHistogram" + Arrays.toString(counts);
    }
}
