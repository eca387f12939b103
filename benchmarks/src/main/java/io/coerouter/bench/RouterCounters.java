package io.coerouter.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One router's counters at one moment, for differences over a phase of a benchmark: model loads (the pool's total
 * from {@code /admin/pool}, and per expert from {@code coe_model_loads_total}) and the scheduler's wait histogram
 * ({@code coe_scheduler_wait_seconds_bucket}, summed over experts; its buckets are the {@code
 * management.metrics.distribution.slo.coe.scheduler.wait} boundaries the benchmark set).
 *
 * @param loads models loaded onto the device since start
 * @param loadsByExpert the same per expert
 * @param waits the scheduler's queue waits since start
 */
record RouterCounters(long loads, Map<String, Long> loadsByExpert, Waits waits) {

    /**
     * Cumulative bucket counts of waits: {@code cumulative[i]} waits took at most {@code boundsSeconds[i]}; the last
     * bound is +Inf.
     */
    record Waits(double[] boundsSeconds, long[] cumulative) {

        static final Waits NONE = new Waits(new double[] {Double.POSITIVE_INFINITY}, new long[] {0});

        long count() {
            return cumulative[cumulative.length - 1];
        }

        /**
         * The smallest bucket bound (in ms) that at least a fraction {@code q} of the waits fall under (nearest rank):
         * the true quantile lies in the bucket that ends there. NaN when there are no waits.
         */
        double quantileAtMostMillis(double q) {
            long n = count();
            if (n == 0) {
                return Double.NaN;
            }
            long rank = Math.max(1, (long) Math.ceil(q * n));
            for (int i = 0; i < cumulative.length; i++) {
                if (cumulative[i] >= rank) {
                    return boundsSeconds[i] * 1e3;
                }
            }
            return Double.POSITIVE_INFINITY;
        }

        /** The bound (in ms) below which every wait fell. */
        double maxAtMostMillis() {
            return quantileAtMostMillis(1.0);
        }

        Waits combine(Waits other, int sign) {
            if (count() == 0 && sign > 0) {
                return other;
            }
            if (other.count() == 0) {
                return this;
            }
            if (!Arrays.equals(boundsSeconds, other.boundsSeconds)) {
                throw new IllegalStateException("wait histograms with different buckets: "
                        + Arrays.toString(boundsSeconds) + " and " + Arrays.toString(other.boundsSeconds));
            }
            long[] c = new long[cumulative.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = cumulative[i] + sign * other.cumulative[i];
            }
            return new Waits(boundsSeconds, c);
        }
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The counters of the router listening on {@code port}. */
    static RouterCounters read(int port) throws IOException, InterruptedException {
        long loads = RouterHttp.getJson(port, "/admin/pool")
                .path("totals")
                .path("loads")
                .asLong();
        RouterHttp.Reply metrics = RouterHttp.get(port, "/actuator/prometheus");
        if (metrics.status() != 200) {
            throw new IOException("GET /actuator/prometheus on port " + port + ": HTTP " + metrics.status());
        }
        Map<String, Long> byExpert = new TreeMap<>();
        Map<Double, Long> buckets = new TreeMap<>();
        for (String line : metrics.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.find()) {
                continue;
            }
            Map<String, String> labels = labels(m.group(2));
            double value = Double.parseDouble(m.group(3));
            switch (m.group(1)) {
                case "coe_model_loads_total" -> byExpert.merge(labels.get("expert"), Math.round(value), Long::sum);
                case "coe_scheduler_wait_seconds_bucket" -> {
                    String le = labels.get("le");
                    double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                    buckets.merge(bound, Math.round(value), Long::sum);
                }
                default -> {
                    // not needed
                }
            }
        }
        Waits waits = buckets.isEmpty()
                ? Waits.NONE
                : new Waits(
                        buckets.keySet().stream()
                                .mapToDouble(Double::doubleValue)
                                .toArray(),
                        buckets.values().stream().mapToLong(Long::longValue).toArray());
        return new RouterCounters(loads, byExpert, waits);
    }

    private static Map<String, String> labels(String block) {
        Map<String, String> labels = new HashMap<>();
        if (block != null) {
            Matcher m = LABEL.matcher(block);
            while (m.find()) {
                labels.put(m.group(1), m.group(2));
            }
        }
        return labels;
    }

    /** What happened since {@code earlier}. */
    RouterCounters minus(RouterCounters earlier) {
        return combine(earlier, -1);
    }

    /** Both together (two routers' counters). */
    RouterCounters plus(RouterCounters other) {
        return combine(other, 1);
    }

    private RouterCounters combine(RouterCounters other, int sign) {
        Map<String, Long> byExpert = new TreeMap<>(loadsByExpert);
        other.loadsByExpert.forEach((k, v) -> byExpert.merge(k, sign * v, Long::sum));
        byExpert.values().removeIf(v -> v == 0);
        return new RouterCounters(loads + sign * other.loads, byExpert, waits.combine(other.waits, sign));
    }

    static final RouterCounters ZERO = new RouterCounters(0, Map.of(), Waits.NONE);
}
