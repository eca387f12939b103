package io.coerouter.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The arrivals of one scenario, drawn once from its seed and replayed under every dispatch policy: a non-homogeneous
 * Poisson process following the diurnal rate (drawn by thinning), each request for an expert drawn by Zipf
 * popularity (expert 0 the most popular).
 *
 * @param atNanos when each request arrives, ascending
 * @param expert the expert each request is for
 */
record SimWorkload(long[] atNanos, int[] expert) {

    static SimWorkload draw(SimScenario s) {
        SplittableRandom random = new SplittableRandom(s.seed());
        double[] cdf = new double[s.experts()];
        double sum = 0;
        for (int k = 0; k < s.experts(); k++) {
            sum += Math.pow(k + 1, -s.zipf());
            cdf[k] = sum;
        }
        for (int k = 0; k < cdf.length; k++) {
            cdf[k] /= sum;
        }
        double peak = s.rate() * (1 + s.amplitude());
        long end = (long) (s.hours() * 3.6e12);
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, s.rate() * s.hours() * 3600 * 1.1 + 1024);
        long[] at = new long[capacity];
        int[] experts = new int[capacity];
        int n = 0;
        double t = 0;
        while (true) {
            t += -Math.log(1 - random.nextDouble()) / peak * 1e9;
            if (t >= end) {
                break;
            }
            // Thinning: keep the candidate with probability rate(t) / peak.
            if (random.nextDouble() * peak > s.rateAt((long) t)) {
                continue;
            }
            if (n == at.length) {
                at = Arrays.copyOf(at, n * 2);
                experts = Arrays.copyOf(experts, n * 2);
            }
            at[n] = (long) t;
            int k = Arrays.binarySearch(cdf, random.nextDouble());
            experts[n] = Math.min(cdf.length - 1, k >= 0 ? k : -k - 1);
            n++;
        }
        return new SimWorkload(Arrays.copyOf(at, n), Arrays.copyOf(experts, n));
    }

    int size() {
        return atNanos.length;
    }

    /** How many distinct experts were requested. */
    int distinct() {
        return (int) Arrays.stream(expert).distinct().count();
    }
}
