package io.coerouter.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measures the latency and CPU the gateway adds to one OpenAI chat completion: the same requests at the same fixed
 * rates go once straight to a loopback upstream that answers at once, and once through the gateway (one {@code openai}
 * expert pointing at that upstream). Added latency = gateway percentile - direct percentile.
 *
 * <p>Options ({@code --name=value}): {@code rates} (200,500,1000), {@code warmup} seconds per rate and target (10),
 * {@code duration} measured seconds (20), {@code initial-warmup} seconds of ramp (a third each at 1/4, 1/2 and all of the top rate) before the first rate
 * (60),
 * {@code connections} (32), {@code client-threads} virtual|platform (virtual), {@code upstream} raw|jdk (raw), {@code
 * targets} (direct,gateway), {@code java} (this JVM's), {@code jar} (the router-service jar), {@code gateway-jvm-args}
 * (space-separated), {@code gateway-arg} (repeatable: one extra Spring argument), {@code observed-arg} (repeatable: a Spring argument of a third target, {@code observed}, a gateway like the
 * first with these on top, e.g. tracing and usage history; {@code {otlp}} in it becomes the URL of an OTLP sink
 * this driver runs), {@code read-timeout-ms} (10000),
 * {@code startup-timeout} seconds (180), {@code mode} open|sequential|both (open: the fixed rates; sequential: one
 * request at a time per target, see {@link SequentialLoad}; both: sequential first), {@code sequential-warmup} requests
 * per target (4000), {@code rounds} (10) of {@code round-requests} (500) per target, {@code peer} (the URL of a second
 * gateway on this machine, measured as the target {@code peer} in the same run: {@code
 * http://127.0.0.1:8787/v1/chat/completions}), {@code peer-header} (repeatable, {@code Name: value}; {@code {upstream}}
 * becomes the loopback upstream's port, so the peer can be pointed at it), {@code peer-pid} (its process, for its CPU),
 * {@code upstream-port} (0: a free one; fixed, so a peer configured by file can point at it).
 */
public final class GatewayOverheadBenchmark {

    private static final String DEFAULT_JAR = "router-service/target/router-service-0.1.0-SNAPSHOT-exec.jar";

    /**
     * The gateway's JVM flags unless --gateway-jvm-args says otherwise: none, i.e. JVM defaults (G1, heap a quarter of
     * RAM), as an operator who tunes nothing would run it. ParallelGC with a fixed 512 MB heap and C1-only were tried
     * on the reference machine: no better, and C1-only much worse.
     */
    static final String DEFAULT_GATEWAY_JVM_ARGS = "";

    private GatewayOverheadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (!o.observedArgs.isEmpty() && !o.targets.contains("observed")) {
            List<String> targets = new ArrayList<>(o.targets);
            targets.add("observed");
            o.targets = List.copyOf(targets);
        }
        byte[] body = ("{\"model\":\"upstream\",\"messages\":[{\"role\":\"user\",\"content\":"
                        + "\"Say hello in one short sentence.\"}],\"max_tokens\":16}")
                .getBytes(StandardCharsets.UTF_8);

        Path work = Files.createTempDirectory("coe-bench-");
        Path config = work.resolve("gateway-bench.yaml");
        List<Row> rows = new ArrayList<>();
        try (Upstream upstream = Upstream.start(o.upstream, o.upstreamPort)) {
            Files.writeString(config, yaml(upstream.port()));
            printMethod(o, body, upstream);
            Map<String, GatewayProcess> gateways = new LinkedHashMap<>();
            try (OtlpSink sink = OtlpSink.start()) {
                for (String target : o.targets) {
                    if (target.equals("direct") || target.equals("peer")) {
                        continue;
                    }
                    List<String> extra = new ArrayList<>(o.gatewayArgs);
                    if (target.equals("observed")) {
                        o.observedArgs.forEach(a -> extra.add(a.replace("{otlp}", sink.url())));
                    }
                    GatewayProcess gateway = GatewayProcess.start(
                            o.java, o.gatewayJvmArgs, o.jar, config, extra, work.resolve(target + ".log"));
                    gateways.put(target, gateway);
                    long t0 = System.nanoTime();
                    if (!gateway.awaitReady(TimeUnit.SECONDS.toMillis(o.startupTimeoutSeconds))) {
                        throw new IllegalStateException("the " + target + " gateway did not become ready within "
                                + o.startupTimeoutSeconds + " s; its log ends:\n" + gateway.logTail(40));
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "%s pid %d ready on 127.0.0.1:%d after %.1f s (log: %s)%n",
                            target,
                            gateway.pid(),
                            gateway.port(),
                            (System.nanoTime() - t0) / 1e9,
                            work.resolve(target + ".log"));
                }
                Map<String, Long> pids = new LinkedHashMap<>();
                Map<String, Integer> ports = new LinkedHashMap<>();
                Map<String, byte[]> requests = new LinkedHashMap<>();
                for (String target : o.targets) {
                    int port =
                            switch (target) {
                                case "direct" -> upstream.port();
                                case "peer" -> o.peer.getPort();
                                default -> gateways.get(target).port();
                            };
                    pids.put(
                            target,
                            switch (target) {
                                case "direct" -> -1L;
                                case "peer" -> o.peerPid;
                                default -> gateways.get(target).pid();
                            });
                    byte[] request = target.equals("peer")
                            ? HttpConnection.post(port, o.peer.getRawPath(), body, o.peerHeaders(upstream.port()))
                            : HttpConnection.post(port, Upstream.PATH, body);
                    check(target, port, request);
                    ports.put(target, port);
                    requests.put(target, request);
                }
                if (o.mode != Mode.OPEN) {
                    try (SequentialLoad load = new SequentialLoad()) {
                        o.targets.forEach(t -> load.add(t, ports.get(t), requests.get(t), o.readTimeoutMs));
                        sequential(o, load, pids);
                    }
                }
                if (o.mode != Mode.SEQUENTIAL) {
                    Map<String, LoadGenerator> generators = new LinkedHashMap<>();
                    o.targets.forEach(t -> generators.put(
                            t,
                            new LoadGenerator(
                                    ports.get(t), requests.get(t), o.connections, o.virtualClients, o.readTimeoutMs)));
                    try {
                        run(o, generators, pids, rows);
                    } finally {
                        generators.values().forEach(LoadGenerator::close);
                    }
                }
                if (gateways.containsKey("observed")) {
                    System.out.printf(
                            Locale.ROOT,
                            "OTLP sink received %d exports (%d bytes) from the observed gateway%n",
                            sink.exports(),
                            sink.bytes());
                }
            } finally {
                gateways.values().forEach(GatewayProcess::close);
            }
        } finally {
            Files.deleteIfExists(config);
        }
        if (!rows.isEmpty()) {
            printTables(rows);
            printObservedTable(rows);
        }
        System.exit(0);
    }

    /** One request at a time: warm-up, then interleaved rounds; prints each target's figures and what it adds. */
    private static void sequential(Options o, SequentialLoad load, Map<String, Long> pids) {
        System.out.printf(
                Locale.ROOT,
                "One at a time: %d warm-up requests per target (discarded), then %d rounds of %d requests per target%n",
                o.sequentialWarmup,
                o.rounds,
                o.roundRequests);
        long t0 = System.nanoTime();
        load.warmUp(o.sequentialWarmup);
        System.out.printf(Locale.ROOT, "Warm-up done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Map<String, SequentialLoad.Result> results = load.measure(
                o.rounds,
                o.roundRequests,
                pids,
                o.targets.stream()
                        .filter(t -> !t.equals("direct") && !t.equals("peer"))
                        .collect(java.util.stream.Collectors.toSet()));
        System.out.println();
        System.out.println("## One request at a time (latency in ms, measured by the client around each exchange)");
        System.out.println();
        System.out.println("| Target | OK | Errors | p50 | p90 | p99 | p99.9 | max | round p50s (min-max) | CPU-µs/req"
                + " | heap KB/req | **added p50** | **added p99** | Target p50 ≤ 0.5 / p99 ≤ 2 |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|");
        SequentialLoad.Result direct = results.get("direct");
        results.forEach((name, r) -> {
            double addedP50 = direct == null ? Double.NaN : r.millis(0.50) - direct.millis(0.50);
            double addedP99 = direct == null ? Double.NaN : r.millis(0.99) - direct.millis(0.99);
            boolean base = name.equals("direct");
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f-%.3f | %s | %s | %s | %s | %s |%s%n",
                    name,
                    r.latencies().length,
                    r.errors(),
                    r.millis(0.50),
                    r.millis(0.90),
                    r.millis(0.99),
                    r.millis(0.999),
                    r.maxMillis(),
                    Arrays.stream(r.roundP50s()).min().orElse(Double.NaN),
                    Arrays.stream(r.roundP50s()).max().orElse(Double.NaN),
                    r.cpuMicrosPerRequest() < 0 ? "-" : String.format(Locale.ROOT, "%.0f", r.cpuMicrosPerRequest()),
                    r.allocatedKbPerRequest() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", r.allocatedKbPerRequest()),
                    base ? "-" : String.format(Locale.ROOT, "**%.3f**", addedP50),
                    base ? "-" : String.format(Locale.ROOT, "**%.3f**", addedP99),
                    base || direct == null
                            ? "-"
                            : (addedP50 <= 0.5 ? "met" : "missed") + " / " + (addedP99 <= 2.0 ? "met" : "missed"),
                    r.firstError() == null ? "" : " first error: " + r.firstError());
        });
        SequentialLoad.Result gateway = results.get("gateway");
        SequentialLoad.Result peer = results.get("peer");
        if (direct != null && gateway != null && peer != null) {
            System.out.printf(
                    Locale.ROOT,
                    "%nSide by side: the peer adds p50 %.3f ms / p99 %.3f ms, CoE Router p50 %.3f ms / p99 %.3f ms;"
                            + " ratio (peer added / ours added) p50 %.2f, p99 %.2f%n",
                    peer.millis(0.50) - direct.millis(0.50),
                    peer.millis(0.99) - direct.millis(0.99),
                    gateway.millis(0.50) - direct.millis(0.50),
                    gateway.millis(0.99) - direct.millis(0.99),
                    (peer.millis(0.50) - direct.millis(0.50)) / (gateway.millis(0.50) - direct.millis(0.50)),
                    (peer.millis(0.99) - direct.millis(0.99)) / (gateway.millis(0.99) - direct.millis(0.99)));
        }
        System.out.println();
    }

    private static void run(Options o, Map<String, LoadGenerator> generators, Map<String, Long> pids, List<Row> rows)
            throws InterruptedException {
        int top = Arrays.stream(o.rates).max().orElseThrow();
        if (o.initialWarmupSeconds > 0) {
            // A ramp, so a cold gateway (interpreted code, JIT compiling) is not buried under a backlog at once.
            double step = o.initialWarmupSeconds / 3.0;
            for (Map.Entry<String, LoadGenerator> e : generators.entrySet()) {
                for (int divisor : new int[] {4, 2, 1}) {
                    int rate = Math.max(1, top / divisor);
                    report(
                            String.format(
                                    Locale.ROOT,
                                    "%-7s %5d RPS initial warm-up %.0f s (discarded)",
                                    e.getKey(),
                                    rate,
                                    step),
                            e.getValue().run(rate, step));
                }
            }
        }
        long selfPid = ProcessHandle.current().pid();
        for (int rate : o.rates) {
            for (Map.Entry<String, LoadGenerator> e : generators.entrySet()) {
                String target = e.getKey();
                LoadGenerator generator = e.getValue();
                long gatewayPid = pids.get(target);
                if (o.warmupSeconds > 0) {
                    report(
                            String.format(Locale.ROOT, "%-7s %5d RPS warm-up (discarded)", target, rate),
                            generator.run(rate, o.warmupSeconds));
                }
                boolean router = !target.equals("direct") && !target.equals("peer");
                long heap0 = router ? GatewayAllocation.allocatedBytes(generator.port()) : -1;
                long gw0 = gatewayPid > 0 ? ProcCpu.cpuNanos(gatewayPid) : -1;
                long self0 = ProcCpu.cpuNanos(selfPid);
                long all0 = ProcCpu.machineBusyNanos();
                LoadGenerator.Result r = generator.run(rate, o.durationSeconds);
                long gw1 = gatewayPid > 0 ? ProcCpu.cpuNanos(gatewayPid) : -1;
                long self1 = ProcCpu.cpuNanos(selfPid);
                long all1 = ProcCpu.machineBusyNanos();
                long heap1 = router ? GatewayAllocation.allocatedBytes(generator.port()) : -1;
                Row row = new Row(
                        target,
                        r,
                        gw0 >= 0 && gw1 >= 0 ? gw1 - gw0 : -1,
                        self0 >= 0 && self1 >= 0 ? self1 - self0 : -1,
                        all0 >= 0 && all1 >= 0 ? all1 - all0 : -1,
                        heap0 >= 0 && heap1 >= 0 ? heap1 - heap0 : -1);
                rows.add(row);
                report(String.format(Locale.ROOT, "%-7s %5d RPS measured", target, rate), r);
                System.out.printf(
                        Locale.ROOT,
                        "        CPU (%% of one core): gateway %s (%s us/request), benchmark process %s (%s us/request),"
                                + " other processes %s; gateway heap allocated %s KB/request%n",
                        percent(row.gatewayCpuNanos, r),
                        perRequest(row.gatewayCpuNanos, r),
                        percent(row.selfCpuNanos, r),
                        perRequest(row.selfCpuNanos, r),
                        percent(row.otherCpuNanos(), r),
                        row.heapKbPerRequest());
            }
        }
    }

    /** One request to {@code target}, which must answer 200 with a chat.completion. */
    private static void check(String target, int port, byte[] request) throws IOException {
        try (HttpConnection c = new HttpConnection(port, 30_000)) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int status = c.exchange(request, body);
            String text = body.toString(StandardCharsets.UTF_8);
            if (status != 200 || !text.contains("\"chat.completion\"")) {
                throw new IllegalStateException(target + " answered HTTP " + status + ": " + text);
            }
            System.out.printf(
                    Locale.ROOT,
                    "Check %s: HTTP %d, %d-byte body: %s%n",
                    target,
                    status,
                    body.size(),
                    text.length() > 400 ? text.substring(0, 400) + "..." : text);
        }
    }

    private static void report(String label, LoadGenerator.Result r) {
        System.out.printf(
                Locale.ROOT,
                "%s: %d sent, %d ok, %d errors, %.1f RPS; ms p50 %.3f p90 %.3f p99 %.3f p99.9 %.3f max %.3f;"
                        + " dispatch lag p99 %.3f ms%s%n",
                label,
                r.sent(),
                r.ok(),
                r.errors(),
                r.achievedRps(),
                r.millis(0.50),
                r.millis(0.90),
                r.millis(0.99),
                r.millis(0.999),
                r.maxMillis(),
                r.dispatchLagP99Nanos() / 1e6,
                r.firstError() == null ? "" : " (first error: " + r.firstError() + ")");
    }

    private static String yaml(int upstreamPort) {
        return GatewayProcess.oneExpertYaml(upstreamPort, 256, "");
    }

    private static void printMethod(Options o, byte[] body, Upstream upstream) {
        System.out.println("# Gateway overhead benchmark");
        System.out.println("Started: " + Instant.now());
        System.out.printf(
                Locale.ROOT,
                "Machine: %d CPUs (%s), %s memory, %s %s%n",
                Runtime.getRuntime().availableProcessors(),
                Machine.cpuModel(),
                Machine.memory(),
                System.getProperty("os.name"),
                System.getProperty("os.version"));
        System.out.printf(
                Locale.ROOT,
                "Benchmark JVM: %s %s (%s), args %s%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"),
                System.getProperty("java.home"),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf(
                Locale.ROOT,
                "Gateway JVM: %s (%s), flags: %s%n",
                o.java,
                Machine.javaVersion(o.java),
                o.gatewayJvmArgs.isEmpty() ? "none (JVM defaults)" : String.join(" ", o.gatewayJvmArgs));
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(o.gatewayJvmArgs);
        command.addAll(List.of(
                "-jar",
                o.jar.toString(),
                "--server.port=<free>",
                "--server.address=127.0.0.1",
                "--spring.config.additional-location=file:<bench yaml>",
                "--logging.level.root=WARN"));
        command.addAll(o.gatewayArgs);
        System.out.println("Gateway: " + String.join(" ", command));
        if (o.targets.contains("observed")) {
            System.out.println("Observed gateway: the same plus " + String.join(" ", o.observedArgs)
                    + " ({otlp}: an OTLP/HTTP sink in this process that accepts and discards every export)");
        }
        System.out.println(
                "Gateway config: one 'openai' expert 'upstream' -> the loopback upstream, max-concurrency 256");
        if (o.peer != null) {
            System.out.println("Peer: POST " + o.peer + " with headers " + o.peerHeaders
                    + " ({upstream}: the loopback upstream's port), the same body; pid "
                    + (o.peerPid > 0 ? o.peerPid : "not given (no CPU figures)"));
        }
        System.out.println("Mode: " + o.mode.name().toLowerCase(Locale.ROOT));
        System.out.printf(
                Locale.ROOT,
                "Upstream: %s (loopback, answers at once with a fixed %d-byte chat.completion), port %d%n",
                o.upstream.equals("raw")
                        ? "raw-socket HTTP/1.1 keep-alive server, a virtual thread per connection"
                        : "JDK com.sun.net.httpserver, a virtual thread per exchange",
                Upstream.COMPLETION.length,
                upstream.port());
        if (o.mode != Mode.OPEN) {
            System.out.printf(
                    Locale.ROOT,
                    "Load, one at a time: per target one persistent HTTP/1.1 connection (raw socket) and the next request"
                            + " sent when the previous answer has been read; %d warm-up requests per target, then %d"
                            + " rounds of %d requests per target, targets interleaved and their order rotated each round;"
                            + " latency measured around each exchange; targets %s%n",
                    o.sequentialWarmup,
                    o.rounds,
                    o.roundRequests,
                    o.targets);
        }
        if (o.mode != Mode.SEQUENTIAL) {
            System.out.printf(
                    Locale.ROOT,
                    "Load: open loop at a fixed rate, latency from each request's scheduled send time; rates %s RPS;"
                            + " per rate and target %d s warm-up (discarded) then %d s measured; initial warm-up ramp of"
                            + " %d s (thirds at 1/4, 1/2, 1x the top rate); targets %s, in that order%n",
                    Arrays.toString(o.rates),
                    o.warmupSeconds,
                    o.durationSeconds,
                    o.initialWarmupSeconds,
                    o.targets);
            System.out.printf(
                    Locale.ROOT,
                    "Client: %d persistent HTTP/1.1 connections, one %s thread each, raw sockets; read timeout %d ms%n",
                    o.connections,
                    o.virtualClients ? "virtual" : "platform",
                    o.readTimeoutMs);
        }
        System.out.printf(
                Locale.ROOT,
                "Request: POST /v1/chat/completions, %d-byte body, the same bytes for every target: %s%n",
                body.length,
                new String(body, StandardCharsets.UTF_8));
        System.out.printf(
                Locale.ROOT,
                "CPU: gateway utime+stime from /proc/<pid>/stat over each measured window (CLK_TCK %d); heap allocated"
                        + " per request: the router's jvm.gc.memory.allocated plus its eden's use, read from its actuator"
                        + " before and after each measured window%n",
                ProcCpu.ticksPerSecond());
        System.out.println();
    }

    private static void printTables(List<Row> rows) {
        System.out.println();
        System.out.println("## Results (latency in ms, from scheduled send time)");
        System.out.println();
        System.out.println("| Rate (RPS) | Target | Achieved RPS | OK | Errors | p50 | p90 | p99 | p99.9 | max"
                + " | Gateway CPU (% of 1 core) | Gateway CPU-µs/req | Benchmark process CPU (% of 1 core)"
                + " | Benchmark CPU-µs/req | Other CPU on the machine (% of 1 core) |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            LoadGenerator.Result r = row.result;
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %s | %.1f | %d | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %s | %s | %s | %s | %s |%n",
                    r.rate(),
                    row.target,
                    r.achievedRps(),
                    r.ok(),
                    r.errors(),
                    r.millis(0.50),
                    r.millis(0.90),
                    r.millis(0.99),
                    r.millis(0.999),
                    r.maxMillis(),
                    percent(row.gatewayCpuNanos, r),
                    perRequest(row.gatewayCpuNanos, r),
                    percent(row.selfCpuNanos, r),
                    perRequest(row.selfCpuNanos, r),
                    percent(row.otherCpuNanos(), r));
        }
        System.out.println();
        System.out.println("## Added by the gateway (gateway - direct, ms)");
        System.out.println();
        System.out.println(
                "| Rate (RPS) | p50 direct | p50 gateway | **added p50** | p90 added | p99 direct | p99 gateway"
                        + " | **added p99** | p99.9 added | Gateway CPU (% of 1 core) | Gateway CPU-µs/req | Heap KB/req"
                        + " | Errors (gw) |"
                        + " Target p50 ≤ 0.5 / p99 ≤ 2 |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Row gw : rows) {
            if (gw.target.equals("direct")) {
                continue;
            }
            Row direct = null;
            for (Row d : rows.subList(0, rows.indexOf(gw))) {
                if (d.target.equals("direct") && d.result.rate() == gw.result.rate()) {
                    direct = d; // the latest direct run at this rate before this gateway run
                }
            }
            if (direct == null) {
                continue;
            }
            LoadGenerator.Result g = gw.result;
            LoadGenerator.Result d = direct.result;
            double p50 = g.millis(0.50) - d.millis(0.50);
            double p99 = g.millis(0.99) - d.millis(0.99);
            System.out.printf(
                    Locale.ROOT,
                    "| %d %s | %.3f | %.3f | **%.3f** | %.3f | %.3f | %.3f | **%.3f** | %.3f | %s | %s | %s | %d | %s / %s |%n",
                    g.rate(),
                    gw.target.equals("gateway") ? "" : "(" + gw.target + ")",
                    d.millis(0.50),
                    g.millis(0.50),
                    p50,
                    g.millis(0.90) - d.millis(0.90),
                    d.millis(0.99),
                    g.millis(0.99),
                    p99,
                    g.millis(0.999) - d.millis(0.999),
                    percent(gw.gatewayCpuNanos, g),
                    perRequest(gw.gatewayCpuNanos, g),
                    gw.heapKbPerRequest(),
                    g.errors(),
                    p50 <= 0.5 ? "met" : "missed",
                    p99 <= 2.0 ? "met" : "missed");
        }
    }

    /** What the observed gateway (traces and usage history on) adds over the plain one, rate by rate. */
    private static void printObservedTable(List<Row> rows) {
        if (rows.stream().noneMatch(r -> r.target.equals("observed"))) {
            return;
        }
        System.out.println();
        System.out.println("## Added by tracing and usage analytics (observed - gateway, ms)");
        System.out.println();
        System.out.println("| Rate (RPS) | p50 gateway | p50 observed | **added p50** | p99 gateway | p99 observed"
                + " | **added p99** | CPU-µs/req gateway | CPU-µs/req observed | Errors (observed) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row obs : rows) {
            if (!obs.target.equals("observed")) {
                continue;
            }
            Row plain = rows.stream()
                    .filter(r -> r.target.equals("gateway") && r.result.rate() == obs.result.rate())
                    .reduce((a, b) -> b)
                    .orElse(null);
            if (plain == null) {
                continue;
            }
            LoadGenerator.Result g = plain.result;
            LoadGenerator.Result w = obs.result;
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %.3f | %.3f | **%.3f** | %.3f | %.3f | **%.3f** | %s | %s | %d |%n",
                    w.rate(),
                    g.millis(0.50),
                    w.millis(0.50),
                    w.millis(0.50) - g.millis(0.50),
                    g.millis(0.99),
                    w.millis(0.99),
                    w.millis(0.99) - g.millis(0.99),
                    perRequest(plain.gatewayCpuNanos, g),
                    perRequest(obs.gatewayCpuNanos, w),
                    w.errors());
        }
    }

    private static String percent(long cpuNanos, LoadGenerator.Result r) {
        return cpuNanos < 0 ? "-" : String.format(Locale.ROOT, "%.1f", 100.0 * cpuNanos / r.elapsedNanos());
    }

    private static String perRequest(long cpuNanos, LoadGenerator.Result r) {
        return cpuNanos < 0 || r.ok() == 0 ? "-" : String.format(Locale.ROOT, "%.0f", cpuNanos / 1e3 / r.ok());
    }

    /**
     * One measured run and the CPU spent during it, in nanoseconds (-1 when unknown): by the gateway, by this process
     * (load generator and upstream), and by the whole machine.
     */
    private record Row(
            String target,
            LoadGenerator.Result result,
            long gatewayCpuNanos,
            long selfCpuNanos,
            long machineCpuNanos,
            long allocatedBytes) {

        /** The router's heap allocation per answered request in KB, "-" when unknown. */
        String heapKbPerRequest() {
            return allocatedBytes < 0 || result.ok() == 0
                    ? "-"
                    : String.format(Locale.ROOT, "%.1f", allocatedBytes / 1024.0 / result.ok());
        }

        /** Busy CPU of everything else on the machine (other processes, the kernel, steal). */
        long otherCpuNanos() {
            if (machineCpuNanos < 0 || selfCpuNanos < 0) {
                return -1;
            }
            return Math.max(0, machineCpuNanos - selfCpuNanos - Math.max(0, gatewayCpuNanos));
        }
    }

    /** How the load is offered. */
    enum Mode {
        /** Fixed rates, open loop. */
        OPEN,
        /** One request at a time per target. */
        SEQUENTIAL,
        /** One at a time first, then the fixed rates. */
        BOTH;

        static Mode parse(String value) {
            return switch (value) {
                case "open" -> OPEN;
                case "sequential" -> SEQUENTIAL;
                case "both" -> BOTH;
                default -> throw new IllegalArgumentException("--mode takes open, sequential or both, not " + value);
            };
        }
    }

    /** The command-line options. */
    private static final class Options {
        int[] rates = {200, 500, 1000};
        int warmupSeconds = 10;
        int durationSeconds = 20;
        int initialWarmupSeconds = 60;
        int connections = 32;
        boolean virtualClients = true;
        String upstream = "raw";
        List<String> targets = List.of("direct", "gateway");
        Path java = Path.of(System.getProperty("coe.bench.java", System.getProperty("java.home") + "/bin/java"));
        Path jar = Path.of(DEFAULT_JAR);
        List<String> gatewayJvmArgs = split(DEFAULT_GATEWAY_JVM_ARGS);
        List<String> gatewayArgs = new ArrayList<>();
        List<String> observedArgs = new ArrayList<>();
        int readTimeoutMs = 10_000;
        int startupTimeoutSeconds = 180;
        Mode mode = Mode.OPEN;
        int upstreamPort;
        int sequentialWarmup = 4_000;
        int rounds = 10;
        int roundRequests = 500;
        URI peer;
        long peerPid = -1;
        List<String> peerHeaders = new ArrayList<>();

        /** The peer's extra headers, {@code {upstream}} replaced by the loopback upstream's port. */
        List<String> peerHeaders(int upstreamPort) {
            return peerHeaders.stream()
                    .map(h -> h.replace("{upstream}", Integer.toString(upstreamPort)))
                    .toList();
        }

        static Options parse(String[] args) {
            Options o = new Options();
            Args.parse(args, (name, value) -> {
                switch (name) {
                    case "rates" ->
                        o.rates = Arrays.stream(value.split(","))
                                .map(String::trim)
                                .mapToInt(Integer::parseInt)
                                .toArray();
                    case "warmup" -> o.warmupSeconds = Integer.parseInt(value);
                    case "duration" -> o.durationSeconds = Integer.parseInt(value);
                    case "initial-warmup" -> o.initialWarmupSeconds = Integer.parseInt(value);
                    case "connections" -> o.connections = Integer.parseInt(value);
                    case "client-threads" -> o.virtualClients = !value.equals("platform");
                    case "upstream" -> o.upstream = value;
                    case "targets" -> o.targets = List.of(value.split(","));
                    case "java" -> o.java = Path.of(value);
                    case "jar" -> o.jar = Path.of(value);
                    case "gateway-jvm-args" -> o.gatewayJvmArgs = split(value);
                    case "gateway-arg" -> o.gatewayArgs.add(value);
                    case "observed-arg" -> o.observedArgs.add(value);
                    case "read-timeout-ms" -> o.readTimeoutMs = Integer.parseInt(value);
                    case "startup-timeout" -> o.startupTimeoutSeconds = Integer.parseInt(value);
                    case "mode" -> o.mode = Mode.parse(value);
                    case "upstream-port" -> o.upstreamPort = Integer.parseInt(value);
                    case "sequential-warmup" -> o.sequentialWarmup = Integer.parseInt(value);
                    case "rounds" -> o.rounds = Integer.parseInt(value);
                    case "round-requests" -> o.roundRequests = Integer.parseInt(value);
                    case "peer" -> o.peer = peerUrl(value);
                    case "peer-header" -> o.peerHeaders.add(value);
                    case "peer-pid" -> o.peerPid = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option --" + name);
                }
            });
            if (o.rates.length == 0 || Arrays.stream(o.rates).anyMatch(r -> r <= 0 || r > 100_000)) {
                throw new IllegalArgumentException("--rates must be 1..100000 each");
            }
            if (o.durationSeconds <= 0 || o.durationSeconds > 3_600 || o.warmupSeconds < 0 || o.warmupSeconds > 3_600) {
                throw new IllegalArgumentException("--duration must be 1..3600 s and --warmup 0..3600 s");
            }
            if (o.connections < 1 || o.connections > 4_096) {
                throw new IllegalArgumentException("--connections must be 1..4096");
            }
            if (o.peer != null && !o.targets.contains("peer")) {
                List<String> targets = new ArrayList<>(o.targets);
                targets.add("peer");
                o.targets = List.copyOf(targets);
            }
            for (String t : o.targets) {
                if (!t.equals("direct") && !t.equals("gateway") && !t.equals("peer")) {
                    throw new IllegalArgumentException("--targets takes direct, gateway and peer, not " + t);
                }
            }
            if (o.upstreamPort < 0 || o.upstreamPort > 65_535) {
                throw new IllegalArgumentException("--upstream-port must be 0..65535");
            }
            if (o.targets.contains("peer") && o.peer == null) {
                throw new IllegalArgumentException("the target peer needs --peer=http://127.0.0.1:PORT/path");
            }
            if (o.sequentialWarmup < 0
                    || o.rounds < 1
                    || o.roundRequests < 1
                    || o.rounds * (long) o.roundRequests > 10_000_000) {
                throw new IllegalArgumentException(
                        "--sequential-warmup must be >= 0, --rounds and --round-requests >= 1");
            }
            if (o.targets.contains("gateway") && !Files.isRegularFile(o.jar)) {
                throw new IllegalArgumentException("no gateway jar at " + o.jar.toAbsolutePath()
                        + "; build it: ./mvnw -q -B -pl router-service -am package -DskipTests");
            }
            return o;
        }

        /** A second gateway on this machine: an http URL on a loopback address, with its path. */
        private static URI peerUrl(String value) {
            URI uri = URI.create(value);
            String host = uri.getHost();
            if (!"http".equals(uri.getScheme())
                    || uri.getPort() < 1
                    || uri.getRawPath() == null
                    || uri.getRawPath().isEmpty()
                    || !(host.equals("127.0.0.1") || host.equals("localhost"))) {
                throw new IllegalArgumentException(
                        "--peer must be http://127.0.0.1:PORT/path (a gateway on this machine), not " + value);
            }
            return uri;
        }

        private static List<String> split(String value) {
            return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
        }
    }
}
