package io.coerouter.bench;

import io.coerouter.bench.SwapWorkload.Arrival;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * The swap study across a cluster, with real router processes and the real demo models: W processes that each have
 * room for M of the E demo experts, fed the same traffic under two ways of spreading it.
 *
 * <ul>
 *   <li><b>round-robin</b>: W processes with {@code coe.role=all}, requests spread over them in turn (what a plain
 *       Kubernetes Service gives); each runs today's swap-aware scheduler on its own.
 *   <li><b>residency-aware</b>: one {@code coe.role=gateway} and W {@code coe.role=worker}s sharing per-expert queues
 *       on Redis; a worker serves an expert's queue while it holds the model or was placed to load it.
 * </ul>
 *
 * <p>Workloads, from {@link SwapWorkload} as in the single-process swap study: an online stream (Poisson arrivals,
 * uniformly random experts) and an offline batch, sent as one OpenAI Batch API file (to the gateway, or to the first
 * replica) and/or as a burst of concurrent requests. Before each workload every process unloads its models, so each
 * starts cold (lower bound on loads: the experts it needs). Measured per mode and workload: model loads in the whole
 * cluster (the pools' {@code /admin/pool} totals, per expert from {@code coe_model_loads_total}), client latency, and
 * the queue wait against {@code coe.scheduler.max-wait}.
 *
 * <p>Options ({@code --name=value}): {@code modes} (round-robin,residency-aware), {@code workers} W (2), {@code
 * requests} online (300), {@code repeats} of the online stream (3), {@code rate} online arrivals/s (30), {@code
 * offline} requests (480), {@code offline-mode} batch|burst|both (both), {@code max-wait} (2s), {@code max-tokens}
 * (24), {@code seed} (7), {@code budget} device bytes per process (default: between the two largest and the three
 * smallest demo models, so exactly two fit), {@code redis} (REDIS_URL, else redis://127.0.0.1:6379), {@code java},
 * {@code jar}, {@code jvm-args}, {@code startup-timeout} s (300).
 */
public final class ClusterSwapStudy {

    /** Bucket bounds of the scheduler wait histogram the processes export (p99 is read to the bucket). */
    static final String WAIT_BUCKETS = "5ms,10ms,20ms,50ms,100ms,200ms,300ms,400ms,500ms,600ms,700ms,800ms,900ms,1s,"
            + "1100ms,1200ms,1300ms,1400ms,1500ms,1600ms,1700ms,1800ms,1900ms,2s,2100ms,2200ms,2300ms,2400ms,2500ms,"
            + "2750ms,3s,3500ms,4s,5s,6s,8s,10s,15s,20s,30s,60s,120s";

    /** One answered (or failed) request as the client saw it; {@code worker} is the trace's, null without one. */
    record Call(int index, String expert, int status, double latencyMs, String answer, JsonNode worker) {}

    /** One workload under one mode. */
    record Phase(
            String mode,
            String workload,
            int requests,
            List<Call> calls,
            double seconds,
            Map<String, RouterCounters> counters,
            RouterCounters cluster,
            int needed,
            Map<String, long[]> dispatchLog) {

        long ok() {
            return calls.stream().filter(c -> c.status() == 200).count();
        }

        double[] latencies() {
            return calls.stream()
                    .filter(c -> c.latencyMs() >= 0)
                    .mapToDouble(Call::latencyMs)
                    .sorted()
                    .toArray();
        }

        /** The trace's worker wait_ms, sorted (empty without workers). */
        double[] traceWaits() {
            return calls.stream()
                    .filter(c -> c.worker() != null)
                    .mapToDouble(c -> c.worker().path("wait_ms").asDouble())
                    .sorted()
                    .toArray();
        }
    }

    private final Options o;
    private final List<String> experts = DemoPack.MODELS;
    /** The current cluster's workers' names by their ids in the cluster. */
    private Map<String, String> workerNames = Map.of();

    private ClusterSwapStudy(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        new ClusterSwapStudy(Options.parse(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Instant began = Instant.now();
        long[] sizes = modelSizes();
        long budget = o.budget > 0 ? o.budget : defaultBudget(sizes);
        SwapWorkload workload =
                SwapWorkload.generate(o.seed, SwapWorkload.questions(experts, false), o.requests, o.rate, o.offline);
        printMethod(sizes, budget);

        List<String> common = List.of(
                "--coe.skills.warm-up=false",
                "--coe.scheduler.max-wait=" + o.maxWait.toMillis() + "ms",
                "--management.metrics.distribution.slo.coe.scheduler.wait=" + WAIT_BUCKETS);
        RouterCluster.Launch launch = o.processes.launch(common);
        List<String> modelArgs = List.of("--coe.local.device-memory-budget=" + budget + "B");

        List<Phase> phases = new ArrayList<>();
        for (String mode : o.modes) {
            long t0 = System.nanoTime();
            try (RouterCluster cluster = mode.equals("round-robin")
                    ? RouterCluster.replicas(launch, o.workers, modelArgs)
                    : RouterCluster.dispatch(launch, o.workers, modelArgs, List.of())) {
                cluster.awaitReady(o.processes.startup());
                System.out.printf(
                        Locale.ROOT,
                        "%s: %d processes ready after %.0f s (logs under %s, Redis prefix %s)%n",
                        mode,
                        cluster.nodes().size(),
                        (System.nanoTime() - t0) / 1e9,
                        cluster.logs(),
                        cluster.prefix());
                workerNames = cluster.workerNames();
                if (!workerNames.isEmpty()) {
                    System.out.println("  worker ids: " + new TreeMap<>(workerNames));
                }
                warmUp(cluster);
                for (int r = 1; r <= o.repeats; r++) {
                    phases.add(report(online(mode, cluster, workload.online(), r)));
                }
                if (o.offlineMode.equals("batch") || o.offlineMode.equals("both")) {
                    phases.add(report(batch(mode, cluster, workload.offline())));
                }
                if (o.offlineMode.equals("burst") || o.offlineMode.equals("both")) {
                    phases.add(report(burst(mode, cluster, workload.offline())));
                }
            }
            System.out.printf(Locale.ROOT, "%s: done after %.0f s%n%n", mode, (System.nanoTime() - t0) / 1e9);
        }
        printSummary(phases);
        System.out.printf(
                Locale.ROOT,
                "%nWall time: %.0f s; load average at the end %s%n",
                Duration.between(began, Instant.now()).toMillis() / 1e3,
                Machine.loadAverage());
    }

    // --- the workloads ---

    /** One request per expert to every process that answers the API, in turn, so each engine has run once. */
    private void warmUp(RouterCluster cluster) throws Exception {
        for (int round = 0; round < 2; round++) {
            for (RouterCluster.Node node : cluster.api()) {
                for (String expert : experts) {
                    RouterHttp.Reply r = RouterHttp.post(
                            node.port(),
                            "/v1/chat/completions",
                            RouterHttp.chatBody(expert, "What is 2 plus 3?", o.maxTokens));
                    if (r.status() != 200) {
                        throw new IllegalStateException(
                                "warm-up " + expert + " on " + node.name() + ": HTTP " + r.status() + " " + r.body());
                    }
                }
            }
        }
    }

    private Phase online(String mode, RouterCluster cluster, List<Arrival> arrivals, int repeat) throws Exception {
        Map<String, RouterCounters> before = coldStart(cluster);
        Map<String, long[]> logBefore = dispatchLog(cluster);
        long start = System.nanoTime();
        List<Call> calls = send(cluster, arrivals, start);
        double seconds = (System.nanoTime() - start) / 1e9;
        return phase(mode, "online #" + repeat, cluster, arrivals, calls, seconds, before, logBefore);
    }

    private Phase burst(String mode, RouterCluster cluster, List<Arrival> arrivals) throws Exception {
        Map<String, RouterCounters> before = coldStart(cluster);
        Map<String, long[]> logBefore = dispatchLog(cluster);
        long start = System.nanoTime();
        List<Call> calls = send(cluster, arrivals, start);
        double seconds = (System.nanoTime() - start) / 1e9;
        return phase(mode, "offline, burst", cluster, arrivals, calls, seconds, before, logBefore);
    }

    /** Sends each arrival at its time (open loop) to the API processes in turn; latency from the scheduled time. */
    private List<Call> send(RouterCluster cluster, List<Arrival> arrivals, long start) throws Exception {
        List<RouterCluster.Node> api = cluster.api();
        List<Future<Call>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < arrivals.size(); i++) {
                Arrival a = arrivals.get(i);
                long due = start + a.atNanos();
                long sleep = due - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(Duration.ofNanos(sleep));
                }
                int index = i;
                int port = api.get(i % api.size()).port();
                futures.add(threads.submit(() -> call(index, port, a, due)));
            }
            List<Call> calls = new ArrayList<>();
            for (Future<Call> f : futures) {
                calls.add(f.get());
            }
            return calls;
        }
    }

    private Call call(int index, int port, Arrival a, long due) {
        try {
            RouterHttp.Reply r = RouterHttp.post(
                    port,
                    "/v1/chat/completions",
                    RouterHttp.chatBody(experts.get(a.expert()), a.question(), o.maxTokens));
            double latency = (System.nanoTime() - due) / 1e6;
            if (r.status() != 200) {
                return new Call(index, experts.get(a.expert()), r.status(), latency, null, null);
            }
            return answered(index, experts.get(a.expert()), 200, latency, r.json());
        } catch (Exception e) {
            return new Call(index, experts.get(a.expert()), -1, (System.nanoTime() - due) / 1e6, null, null);
        }
    }

    private static Call answered(int index, String expert, int status, double latency, JsonNode completion) {
        String answer = completion
                .path("choices")
                .path(0)
                .path("message")
                .path("content")
                .asString();
        JsonNode worker = completion.path("coe").path("experts").path(0).path("worker");
        return new Call(index, expert, status, latency, answer, worker.isObject() ? worker : null);
    }

    /** The offline batch as one Batch API file, uploaded to the first API process; latency is not per request. */
    private Phase batch(String mode, RouterCluster cluster, List<Arrival> arrivals) throws Exception {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < arrivals.size(); i++) {
            Arrival a = arrivals.get(i);
            jsonl.append(RouterHttp.JSON.writeValueAsString(Map.of(
                            "custom_id",
                            "r-" + i,
                            "method",
                            "POST",
                            "url",
                            "/v1/chat/completions",
                            "body",
                            RouterHttp.JSON.readTree(
                                    RouterHttp.chatBody(experts.get(a.expert()), a.question(), o.maxTokens)))))
                    .append('\n');
        }
        int port = cluster.api().getFirst().port();
        String file = RouterHttp.uploadBatchFile(port, jsonl.toString());
        Map<String, RouterCounters> before = coldStart(cluster);
        Map<String, long[]> logBefore = dispatchLog(cluster);
        long start = System.nanoTime();
        RouterHttp.Reply created = RouterHttp.post(
                port,
                "/v1/batches",
                "{\"input_file_id\":\"" + file
                        + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}");
        if (created.status() != 200) {
            throw new IllegalStateException("POST /v1/batches: HTTP " + created.status() + " " + created.body());
        }
        String id = created.json().path("id").asString();
        JsonNode batch;
        Set<String> done = Set.of("completed", "failed", "cancelled", "expired");
        do {
            Thread.sleep(50);
            batch = RouterHttp.getJson(port, "/v1/batches/" + id);
        } while (!done.contains(batch.path("status").asString())
                && System.nanoTime() - start < Duration.ofMinutes(5).toNanos());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!batch.path("status").asString().equals("completed")) {
            throw new IllegalStateException("the batch ended as " + batch);
        }
        Call[] calls = new Call[arrivals.size()];
        String output = batch.path("output_file_id").asString(null);
        if (output != null) {
            for (String line : RouterHttp.get(port, "/v1/files/" + output + "/content")
                    .body()
                    .split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode l = RouterHttp.JSON.readTree(line);
                int index = Integer.parseInt(l.path("custom_id").asString().substring(2));
                JsonNode response = l.path("response");
                calls[index] = answered(
                        index,
                        experts.get(arrivals.get(index).expert()),
                        response.path("status_code").asInt(),
                        -1,
                        response.path("body"));
            }
        }
        for (int i = 0; i < calls.length; i++) {
            if (calls[i] == null) {
                calls[i] = new Call(i, experts.get(arrivals.get(i).expert()), -1, -1, null, null); // error file
            }
        }
        return phase(mode, "offline, Batch API", cluster, arrivals, List.of(calls), seconds, before, logBefore);
    }

    /**
     * Unloads every model on every process (each workload starts cold, as in the single-process study), waits for the
     * workers' records to say so, and reads the counters.
     */
    private static Map<String, RouterCounters> coldStart(RouterCluster cluster) throws Exception {
        for (RouterCluster.Node node : cluster.models()) {
            for (JsonNode m : RouterHttp.getJson(node.port(), "/admin/pool").path("models")) {
                if (m.path("tier").asString().equals("device")) {
                    RouterHttp.Reply r = RouterHttp.delete(
                            node.port(), "/admin/pool/models/" + m.path("id").asString());
                    if (r.status() != 200) {
                        throw new IllegalStateException(
                                "unloading " + m.path("id").asString() + " on " + node.name() + ": HTTP " + r.status()
                                        + " " + r.body());
                    }
                }
            }
        }
        // Two heartbeats (1 s each by default), so every worker's record shows an empty device.
        Thread.sleep(2_500);
        Map<String, RouterCounters> counters = new LinkedHashMap<>();
        for (RouterCluster.Node node : cluster.nodes()) {
            counters.put(node.name(), RouterCounters.read(node.port()));
        }
        return counters;
    }

    /** Per worker, how often its log says it placed an expert and overflowed one (zeros without workers). */
    private static Map<String, long[]> dispatchLog(RouterCluster cluster) {
        Map<String, long[]> lines = new LinkedHashMap<>();
        for (RouterCluster.Node w : cluster.workers()) {
            lines.put(w.name(), new long[] {
                cluster.logLines(w, "(no live worker holds it)"), cluster.logLines(w, "past the bounded wait")
            });
        }
        return lines;
    }

    private Phase phase(
            String mode,
            String workload,
            RouterCluster cluster,
            List<Arrival> arrivals,
            List<Call> calls,
            double seconds,
            Map<String, RouterCounters> before,
            Map<String, long[]> logBefore)
            throws Exception {
        Map<String, RouterCounters> counters = new LinkedHashMap<>();
        RouterCounters sum = RouterCounters.ZERO;
        for (RouterCluster.Node node : cluster.nodes()) {
            RouterCounters d = RouterCounters.read(node.port()).minus(before.get(node.name()));
            counters.put(node.name(), d);
            if (!node.role().equals("gateway")) {
                sum = sum.plus(d);
            }
        }
        Map<String, long[]> log = dispatchLog(cluster);
        log.forEach((k, v) -> {
            long[] b = logBefore.get(k);
            v[0] -= b[0];
            v[1] -= b[1];
        });
        int needed =
                (int) arrivals.stream().mapToInt(Arrival::expert).distinct().count();
        return new Phase(mode, workload, arrivals.size(), calls, seconds, counters, sum, needed, log);
    }

    // --- reporting ---

    private Phase report(Phase p) {
        double[] lat = p.latencies();
        System.out.printf(
                Locale.ROOT,
                "  %s / %s: %d of %d answered in %.1f s; loads %d in the cluster %s (needed models %d)%s%n",
                p.mode(),
                p.workload(),
                p.ok(),
                p.requests(),
                p.seconds(),
                p.cluster().loads(),
                perProcess(p),
                p.needed(),
                lat.length == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "; client latency p50 %.0f ms, p99 %.0f ms",
                                percentile(lat, 0.5),
                                percentile(lat, 0.99)));
        System.out.printf(Locale.ROOT, "    loads per expert: %s%n", p.cluster().loadsByExpert());
        RouterCounters gateway = p.counters().get("gateway");
        if (gateway != null && gateway.waits().count() > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "    (the gateway's own scheduler recorded %d waits, p99 <= %.0f ms; not counted above)%n",
                    gateway.waits().count(),
                    gateway.waits().quantileAtMostMillis(0.99));
        }
        RouterCounters.Waits w = p.cluster().waits();
        System.out.printf(
                Locale.ROOT,
                "    scheduler wait (%s): %d waits, p50 <= %.0f ms, p99 <= %.0f ms, max <= %.0f ms%n",
                p.mode().equals("round-robin") ? "the replicas" : "the workers",
                w.count(),
                w.quantileAtMostMillis(0.5),
                w.quantileAtMostMillis(0.99),
                w.maxAtMostMillis());
        double[] tw = p.traceWaits();
        if (tw.length > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "    trace worker.wait_ms (gateway queue until the worker starts it): p50 %.0f, p99 %.0f, max"
                            + " %.0f ms; batch size mean %.1f; workers per expert %s; placements %s, overflows %s%n",
                    percentile(tw, 0.5),
                    percentile(tw, 0.99),
                    tw[tw.length - 1],
                    p.calls().stream()
                            .filter(c -> c.worker() != null)
                            .mapToInt(c -> c.worker().path("batch_size").asInt())
                            .average()
                            .orElse(0),
                    workersPerExpert(p),
                    logCounts(p, 0),
                    logCounts(p, 1));
        }
        return p;
    }

    private static String perProcess(Phase p) {
        Map<String, Long> loads = new LinkedHashMap<>();
        p.counters().forEach((node, c) -> {
            if (!node.equals("gateway")) {
                loads.put(node, c.loads());
            }
        });
        return loads.toString();
    }

    private static String logCounts(Phase p, int which) {
        Map<String, Long> m = new LinkedHashMap<>();
        p.dispatchLog().forEach((k, v) -> m.put(k, v[which]));
        return m.toString();
    }

    /** Per expert, the workers that answered it. */
    private Map<String, Set<String>> workersPerExpert(Phase p) {
        Map<String, Set<String>> by = new TreeMap<>();
        for (Call c : p.calls()) {
            if (c.worker() != null) {
                String id = c.worker().path("id").asString();
                by.computeIfAbsent(c.expert(), k -> new TreeSet<>()).add(workerNames.getOrDefault(id, id));
            }
        }
        return by;
    }

    private void printSummary(List<Phase> phases) {
        System.out.println("## Results");
        System.out.println();
        System.out.println("| workload | mode | processes | answered | model loads in the cluster (per process)"
                + " | needed models | time s | client p50 ms | client p99 ms | wait p99 ms | wait max ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Phase p : phases) {
            double[] lat = p.latencies();
            double[] waits = waitBounds(p);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %d | %d/%d | %d %s | %d | %.1f | %s | %s | %s | %s |%n",
                    p.workload(),
                    p.mode(),
                    p.counters().size(),
                    p.ok(),
                    p.requests(),
                    p.cluster().loads(),
                    perProcess(p),
                    p.needed(),
                    p.seconds(),
                    lat.length == 0 ? "-" : fmt(percentile(lat, 0.5)),
                    lat.length == 0 ? "-" : fmt(percentile(lat, 0.99)),
                    "≤ " + fmt(waits[0]),
                    "≤ " + fmt(waits[1]));
        }
        System.out.println();
        System.out.println("Wait: round-robin, the replicas' scheduler wait (coe_scheduler_wait_seconds, read to its"
                + " histogram bucket); residency-aware, the trace's worker.wait_ms (gateway enqueue until the worker"
                + " starts the call) plus the worker's scheduler wait (b, its histogram), which are not paired per"
                + " request, so bounded: p99(a+b) ≤ min over qa+qb=1% of (a's 1-qa quantile + b's 1-qb bucket bound),"
                + " max(a+b) ≤ max(a) + max(b).");
        System.out.println();
        targets(phases);
        answersAgree(phases);
    }

    /**
     * The wait's p99 and max bounds for the summary, as the footnote describes. With workers a request waits twice, in
     * the cluster's queue (a, exact per request from the trace) and in the worker's scheduler (b, a histogram), so
     * for any split {@code qa + qb = 1%}: {@code P(a + b > x + y) <= P(a > x) + P(b > y) <= 1%} with x a's {@code
     * 1 - qa} quantile and y b's {@code 1 - qb} bucket bound; the tightest split is reported.
     */
    private static double[] waitBounds(Phase p) {
        RouterCounters.Waits w = p.cluster().waits();
        double[] tw = p.traceWaits();
        if (tw.length == 0) {
            return new double[] {w.quantileAtMostMillis(0.99), w.maxAtMostMillis()};
        }
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= 10; k++) {
            double qa = k / 1000.0;
            double qb = 0.01 - qa;
            best = Math.min(best, percentile(tw, 1 - qa) + w.quantileAtMostMillis(1 - qb));
        }
        return new double[] {best, tw[tw.length - 1] + w.maxAtMostMillis()};
    }

    private void targets(List<Phase> phases) {
        System.out.println("## Against the targets");
        System.out.println();
        long rrLoads = 0;
        long raLoads = 0;
        List<String> ratios = new ArrayList<>();
        double worstWait = 0;
        double worstTraceWait = 0;
        for (int r = 1; r <= o.repeats; r++) {
            Phase rr = find(phases, "round-robin", "online #" + r);
            Phase ra = find(phases, "residency-aware", "online #" + r);
            if (rr == null || ra == null) {
                continue;
            }
            rrLoads += rr.cluster().loads();
            raLoads += ra.cluster().loads();
            ratios.add(String.format(
                    Locale.ROOT,
                    "#%d %d/%d = %.1fx",
                    r,
                    rr.cluster().loads(),
                    ra.cluster().loads(),
                    rr.cluster().loads() / (double) Math.max(1, ra.cluster().loads())));
            worstWait = Math.max(worstWait, waitBounds(ra)[0]);
            worstTraceWait = Math.max(worstTraceWait, percentile(ra.traceWaits(), 0.99));
        }
        if (!ratios.isEmpty()) {
            double ratio = rrLoads / (double) Math.max(1, raLoads);
            System.out.printf(
                    Locale.ROOT,
                    "- online, loads round-robin / residency-aware: %s; all runs %d/%d = %.1fx fewer (target >= 3x):"
                            + " %s%n",
                    String.join(", ", ratios),
                    rrLoads,
                    raLoads,
                    ratio,
                    ratio >= 3 ? "met" : "missed");
            System.out.printf(
                    Locale.ROOT,
                    "- online, residency-aware p99 wait <= %.0f ms in the worst run (the trace wait alone: p99 %.0f ms)"
                            + " vs max wait %d ms: %s%n",
                    worstWait,
                    worstTraceWait,
                    o.maxWait.toMillis(),
                    worstWait <= o.maxWait.toMillis() ? "met" : "missed (see each run's parts above)");
        }
        for (Phase p : phases) {
            if (p.workload().startsWith("offline")) {
                long most = p.cluster().loadsByExpert().values().stream()
                        .mapToLong(Long::longValue)
                        .max()
                        .orElse(0);
                System.out.printf(
                        Locale.ROOT,
                        "- %s, %s: %d loads for %d needed models, at most %d per model: each loaded once in the"
                                + " cluster: %s%n",
                        p.workload(),
                        p.mode(),
                        p.cluster().loads(),
                        p.needed(),
                        most,
                        most <= 1 && p.cluster().loads() <= p.needed() ? "yes" : "no");
            }
        }
        System.out.println();
    }

    /** Greedy decoding: the same question should get the same answer however it was batched or dispatched. */
    private static void answersAgree(List<Phase> phases) {
        Map<String, List<Phase>> byWorkload = new LinkedHashMap<>();
        phases.forEach(p ->
                byWorkload.computeIfAbsent(p.workload(), k -> new ArrayList<>()).add(p));
        for (var e : byWorkload.entrySet()) {
            if (e.getValue().size() != 2) {
                continue;
            }
            List<Call> a = e.getValue().get(0).calls();
            List<Call> b = e.getValue().get(1).calls();
            long same = 0;
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                if (a.get(i).answer() != null
                        && a.get(i).answer().equals(b.get(i).answer())) {
                    same++;
                }
            }
            System.out.printf(
                    Locale.ROOT, "Answers identical in both modes (%s): %d of %d%n", e.getKey(), same, a.size());
        }
    }

    private static Phase find(List<Phase> phases, String mode, String workload) {
        return phases.stream()
                .filter(p -> p.mode().equals(mode) && p.workload().equals(workload))
                .findFirst()
                .orElse(null);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))];
    }

    // --- setup ---

    /** The demo models' {@code model.pt} sizes (the pool's cost of each), in {@link DemoPack#MODELS} order. */
    private long[] modelSizes() throws Exception {
        long[] sizes = new long[experts.size()];
        for (int i = 0; i < sizes.length; i++) {
            try (InputStream in =
                    ClusterSwapStudy.class.getResourceAsStream("/coe-demo-experts/" + experts.get(i) + "/model.pt")) {
                if (in == null) {
                    throw new IllegalStateException("no model.pt for " + experts.get(i) + " on the class path");
                }
                sizes[i] = in.transferTo(OutputStream.nullOutputStream());
            }
        }
        return sizes;
    }

    /** Midway between the two largest models together and the three smallest together: exactly two always fit. */
    static long defaultBudget(long[] sizes) {
        long[] s = sizes.clone();
        Arrays.sort(s);
        int n = s.length;
        long twoLargest = s[n - 1] + s[n - 2];
        long threeSmallest = s[0] + s[1] + s[2];
        if (twoLargest >= threeSmallest) {
            throw new IllegalStateException("no budget fits any two demo models but never three; pass --budget");
        }
        return (twoLargest + threeSmallest) / 2;
    }

    private void printMethod(long[] sizes, long budget) {
        System.out.println("# Cluster swap study (real processes)");
        System.out.println("Started: " + Instant.now());
        System.out.println(o.processes.describe());
        StringBuilder models = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            models.append(i == 0 ? "" : ", ")
                    .append(experts.get(i))
                    .append(String.format(Locale.ROOT, " %.2f MB", sizes[i] / 1e6));
        }
        System.out.printf(
                Locale.ROOT,
                "Experts: E=%d demo experts (%s), requests name the expert as model%n"
                        + "Processes: W=%d model processes, device budget %d bytes each = room for exactly M=2;"
                        + " host tier at its default (reloads come from memory); demo models on the CPU%n",
                experts.size(),
                models,
                o.workers,
                budget);
        System.out.printf(
                Locale.ROOT,
                "Modes: %s%n  round-robin = %d x coe.role=all, request i to replica i mod %d, each its own swap-aware"
                        + " scheduler%n  residency-aware = 1 x coe.role=gateway + %d x coe.role=worker, per-expert"
                        + " Redis Streams queues; dispatch settings at their defaults (heartbeat 1s, ttl 5s, lease 15s,"
                        + " block 200ms, overflow after max-wait)%n",
                o.modes,
                o.workers,
                o.workers,
                o.workers);
        System.out.printf(
                Locale.ROOT,
                "Scheduler (every process): swap-aware, max wait %d ms, load delay half of it, max batch 16, window"
                        + " 10ms (defaults); greedy answers, max %d tokens%n",
                o.maxWait.toMillis(),
                o.maxTokens);
        System.out.printf(
                Locale.ROOT,
                "Online: %d requests, Poisson arrivals at %.1f/s, each for a uniformly random expert (seed %d; the"
                        + " single-process swap study's stream), sent open loop; latency from each request's"
                        + " scheduled time; the same stream %d times per mode, each from cold%n"
                        + "Offline: %d requests in random expert order, %s%n"
                        + "Before each workload every process unloads its models (DELETE /admin/pool/models/{id}),"
                        + " then the driver waits 2.5 s; loads = the pools' /admin/pool totals, summed over the model"
                        + " processes%n"
                        + "Warm-up per mode: each expert twice on each API process, sequentially (not counted)%n%n",
                o.requests,
                o.rate,
                o.seed,
                o.repeats,
                o.offline,
                switch (o.offlineMode) {
                    case "batch" -> "as one Batch API file to the gateway (round-robin: to replica 0)";
                    case "burst" -> "all sent at once (round-robin over the replicas)";
                    default ->
                        "(1) as one Batch API file to the gateway (round-robin: to replica 0), (2) all sent"
                                + " at once (round-robin over the replicas)";
                });
    }

    /** The command-line options. */
    static final class Options {
        List<String> modes = List.of("round-robin", "residency-aware");
        int workers = 2;
        int requests = 300;
        double rate = 30;
        int offline = 480;
        int repeats = 3;
        String offlineMode = "both";
        Duration maxWait = Duration.ofSeconds(2);
        int maxTokens = 24;
        long seed = 7;
        long budget = 0;
        final RouterCluster.ProcessOptions processes = new RouterCluster.ProcessOptions();

        static Options parse(String[] args) {
            Options o = new Options();
            o.processes.parse(args, (name, value) -> {
                switch (name) {
                    case "modes" -> o.modes = List.of(value.split(","));
                    case "workers" -> o.workers = Integer.parseInt(value);
                    case "requests" -> o.requests = Integer.parseInt(value);
                    case "rate" -> o.rate = Double.parseDouble(value);
                    case "offline" -> o.offline = Integer.parseInt(value);
                    case "repeats" -> o.repeats = Integer.parseInt(value);
                    case "offline-mode" -> o.offlineMode = value;
                    case "max-wait" -> o.maxWait = SwapStudyBenchmark.duration(value);
                    case "max-tokens" -> o.maxTokens = Integer.parseInt(value);
                    case "seed" -> o.seed = Long.parseLong(value);
                    case "budget" -> o.budget = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option --" + name);
                }
            });
            for (String m : o.modes) {
                if (!m.equals("round-robin") && !m.equals("residency-aware")) {
                    throw new IllegalArgumentException("--modes takes round-robin and/or residency-aware, not " + m);
                }
            }
            if (!List.of("batch", "burst", "both").contains(o.offlineMode)) {
                throw new IllegalArgumentException("--offline-mode takes batch, burst or both, not " + o.offlineMode);
            }
            if (o.workers < 1 || o.workers > 8 || o.requests < 1 || o.offline < 1 || o.rate <= 0 || o.repeats < 1) {
                throw new IllegalArgumentException(
                        "--workers 1..8, --requests, --offline, --rate and --repeats must be > 0");
            }
            o.processes.check();
            return o;
        }
    }
}
