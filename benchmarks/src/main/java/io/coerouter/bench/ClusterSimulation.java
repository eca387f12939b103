package io.coerouter.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cluster dispatch at scale, simulated: a discrete-event simulation of W GPU workers serving a day of requests for E
 * experts, each worker's device holding M models, comparing two ways of spreading requests over the workers:
 *
 * <ul>
 *   <li><b>round-robin</b>: request i goes to worker i mod W and each worker runs the swap-aware scheduler over its
 *       own queues, as independent single-node routers behind a load balancer would;
 *   <li><b>residency-aware</b>: a request for expert X goes to a worker holding X (least loaded first); when none
 *       does, to the worker holding X's placement claim; when none, the placement policy picks the worker that loads
 *       it, as the cluster dispatch of issue 19 does.
 * </ul>
 *
 * The decisions are the real code's: {@code PlacementPolicy.residencyAware()} ({@code holders}, {@code place}) and
 * {@code SchedulingPolicy.swapAware()} ({@code pick}) with a real {@code SchedulerConfig}; load and generation times
 * are simulated. Deterministic for a seed.
 *
 * <p>Without options it runs two presets: {@code cluster} (W=100, M=4, E=1,000, Zipf s=1.0, 24 hours with a diurnal
 * curve) and {@code small} (W=2, M=2, E=6, the shape of the two-worker real-process study, with the swap study's
 * demo-expert timings). Options ({@code --name=value}) run one preset ({@code --preset=cluster|small}) with any of
 * its settings changed: {@code workers resident experts zipf hours rate amplitude peak-hour load gen-base
 * gen-per-request batch max-wait load-delay window spill seed}.
 */
public final class ClusterSimulation {

    private ClusterSimulation() {}

    static SimScenario cluster() {
        return new SimScenario(
                "cluster",
                100,
                4,
                1_000,
                1.0,
                24,
                4,
                0.6,
                15,
                Duration.ofSeconds(10),
                Duration.ofSeconds(6),
                Duration.ofMillis(100),
                16,
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofMillis(10),
                4,
                7);
    }

    static SimScenario small() {
        return new SimScenario(
                "small",
                2,
                2,
                6,
                0,
                1,
                30,
                0,
                0,
                Duration.ofMillis(25),
                Duration.ofMillis(30),
                Duration.ofMillis(2),
                16,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                Duration.ofMillis(10),
                4,
                7);
    }

    public static void main(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            if (kv.length < 2) {
                throw new IllegalArgumentException("options are --name=value: " + arg);
            }
            opt.put(kv[0], kv[1]);
        }
        List<SimScenario> scenarios = new ArrayList<>();
        if (opt.isEmpty()) {
            scenarios.add(cluster());
            scenarios.add(small());
        } else {
            String preset = opt.getOrDefault("preset", "cluster");
            scenarios.add(override(
                    switch (preset) {
                        case "cluster" -> cluster();
                        case "small" -> small();
                        default -> throw new IllegalArgumentException("--preset must be cluster or small: " + preset);
                    },
                    opt));
        }
        System.out.printf(
                Locale.ROOT,
                """
                # Cluster dispatch at scale (a simulation)
                machine: %d cores, Java %s; options: %s
                method: discrete-event simulation in simulated time. Arrivals are drawn once per scenario and replayed \
                under each dispatch policy. Each worker runs the real SchedulingPolicy.swapAware().pick over its own \
                queues with a real SchedulerConfig, exactly as ExpertScheduler does (pick, then the batching window for \
                a short queue), one batch at a time; residency-aware dispatch calls the real \
                PlacementPolicy.residencyAware() (holders, then place) on every worker's residency record, which the \
                simulation keeps exact and current (a real gateway reads records up to one heartbeat old). A batch \
                takes the load time when its model is not on the device, then its generation time. Requests are never \
                refused (queues unbounded).
                wait = time in the worker's queue until its batch starts (the scheduler's own measure); to generation = \
                wait plus the load its batch needed; utilisation = busy time (loading or generating) / (W x simulated \
                hours), the busiest hour's likewise; loads/hour = loads / simulated hours.

                """,
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                args.length == 0 ? "(none: both presets)" : String.join(" ", args));
        for (SimScenario scenario : scenarios) {
            long started = System.nanoTime();
            SimWorkload workload = SimWorkload.draw(scenario);
            System.out.println(scenario.describe());
            System.out.printf(
                    Locale.ROOT,
                    "drawn: %,d requests for %,d distinct experts%n%n",
                    workload.size(),
                    workload.distinct());
            List<SimCluster.Result> results = new ArrayList<>();
            for (SimCluster.Dispatch dispatch : SimCluster.Dispatch.values()) {
                results.add(new SimCluster(scenario, workload, dispatch).run());
            }
            print(scenario, results);
            System.out.printf(
                    Locale.ROOT, "(simulated in %.1f s of wall time)%n%n", (System.nanoTime() - started) / 1e9);
        }
    }

    private static void print(SimScenario s, List<SimCluster.Result> results) {
        System.out.println("| dispatch | requests | loads | loads/hour | loads in busiest hour | mean batch | p50 wait"
                + " | p99 wait | max wait | over max wait | p50 to generation | p99 to generation | utilisation |"
                + " busiest hour | busy time loading | placements |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (SimCluster.Result r : results) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %,d | %,d | %,.0f | %,d | %.1f | %s | %s | %s | %.2f%% | %s | %s | %.1f%% | %.1f%% | %.0f%%"
                            + " | %s |%n",
                    r.dispatch().label,
                    r.requests(),
                    r.loads(),
                    r.loads() / s.hours(),
                    r.loadsBusiestHour(),
                    r.meanBatch(),
                    time(percentile(r.waitNanos(), 50)),
                    time(percentile(r.waitNanos(), 99)),
                    time(r.waitNanos()[r.waitNanos().length - 1]),
                    100.0 * r.overMaxWait() / r.requests(),
                    time(percentile(r.toGenerationNanos(), 50)),
                    time(percentile(r.toGenerationNanos(), 99)),
                    100 * r.busyShare(),
                    100 * r.busyShareBusiestHour(),
                    100 * r.loadingShareOfBusy(),
                    r.dispatch() == SimCluster.Dispatch.ROUND_ROBIN ? "-" : String.format("%,d", r.placements()));
        }
        SimCluster.Result rr = results.getFirst();
        System.out.println();
        for (SimCluster.Result r : results.subList(1, results.size())) {
            System.out.printf(
                    Locale.ROOT,
                    "%s vs %s: %.1fx fewer loads, p99 wait %s vs %s, utilisation %.1f%% vs %.1f%%%n",
                    r.dispatch().label,
                    rr.dispatch().label,
                    rr.loads() / (double) Math.max(1, r.loads()),
                    time(percentile(r.waitNanos(), 99)),
                    time(percentile(rr.waitNanos(), 99)),
                    100 * r.busyShare(),
                    100 * rr.busyShare());
        }
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String time(long nanos) {
        double ms = nanos / 1e6;
        return ms >= 10_000
                ? String.format(Locale.ROOT, "%.1f s", ms / 1000)
                : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    private static SimScenario override(SimScenario s, Map<String, String> opt) {
        Map<String, String> o = new LinkedHashMap<>(opt);
        o.remove("preset");
        SimScenario r = new SimScenario(
                s.name(),
                intOpt(o, "workers", s.workers()),
                intOpt(o, "resident", s.resident()),
                intOpt(o, "experts", s.experts()),
                doubleOpt(o, "zipf", s.zipf()),
                doubleOpt(o, "hours", s.hours()),
                doubleOpt(o, "rate", s.rate()),
                doubleOpt(o, "amplitude", s.amplitude()),
                doubleOpt(o, "peak-hour", s.peakHour()),
                durationOpt(o, "load", s.load()),
                durationOpt(o, "gen-base", s.genBase()),
                durationOpt(o, "gen-per-request", s.genPerRequest()),
                intOpt(o, "batch", s.batch()),
                durationOpt(o, "max-wait", s.maxWait()),
                durationOpt(o, "load-delay", s.loadDelay()),
                durationOpt(o, "window", s.window()),
                intOpt(o, "spill", s.spill()),
                (long) doubleOpt(o, "seed", s.seed()));
        if (!o.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + o.keySet());
        }
        return r;
    }

    private static int intOpt(Map<String, String> o, String name, int fallback) {
        String v = o.remove(name);
        return v == null ? fallback : Integer.parseInt(v);
    }

    private static double doubleOpt(Map<String, String> o, String name, double fallback) {
        String v = o.remove(name);
        return v == null ? fallback : Double.parseDouble(v);
    }

    private static Duration durationOpt(Map<String, String> o, String name, Duration fallback) {
        String v = o.remove(name);
        if (v == null) {
            return fallback;
        }
        // 10ms, 2s or 1.5s
        return v.endsWith("ms")
                ? Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)))
                : Duration.ofMillis(Math.round(Double.parseDouble(v.replaceFirst("s$", "")) * 1000));
    }
}
