package io.coerouter.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * Measures how fast a new router is ready and how fast its first requests are, per JVM/router variant: for each
 * variant and run it starts the router (its own JVM, one {@code openai} expert on a loopback upstream that answers at
 * once), times process start to {@code /actuator/health/readiness} UP (polled every {@code poll-ms}), then sends
 * {@code requests} chat completions one at a time on one keep-alive connection and then {@code warm-requests} more,
 * the last half of which give the warm p50.
 *
 * <p>Variants ({@code --variants}, comma-separated): {@code exec-jar} (java -jar on the Boot exec jar, JVM defaults:
 * how the router runs today), {@code extracted} (the exec jar extracted with {@code -Djarmode=tools}, java -jar on the
 * extracted jar: what an AOT cache needs), {@code aot-refresh} (extracted + {@code -XX:AOTCache} from a training run
 * with {@code -Dspring.context.exit=onRefresh}), {@code aot-traffic} (extracted + an AOT cache from a training run that
 * served {@code training-requests} requests and was stopped with SIGTERM), {@code c1} ({@code
 * -XX:TieredStopAtLevel=1}), {@code eager-jit} (lower tier-3/4 thresholds), {@code warmup} (extracted + {@code
 * coe.warmup.enabled=true}), {@code aot-warmup} (an AOT cache trained by a start with the warm-up, as the Dockerfile
 * makes it, + the warm-up), {@code aot-traffic-warmup}. Every variant but those naming the warm-up runs with {@code
 * --coe.warmup.enabled=false}.
 *
 * <p>Options ({@code --name=value}): {@code variants}, {@code runs} (3), {@code requests} (1000), {@code
 * warm-requests} (4000), {@code training-requests} (3000), {@code warmup-requests} (router default), {@code poll-ms}
 * (5), {@code java}, {@code jar}, {@code startup-timeout} seconds (180), {@code reuse} (the work folder of an earlier run
 * with the same jar: its extracted jar and AOT caches are used again; the config is rewritten).
 */
public final class WarmStartBenchmark {

    private static final String DEFAULT_JAR = "router-service/target/router-service-0.1.0-SNAPSHOT-exec.jar";
    private static final String EAGER_JIT = "-XX:Tier3InvocationThreshold=100 -XX:Tier3MinInvocationThreshold=50"
            + " -XX:Tier3CompileThreshold=500 -XX:Tier4InvocationThreshold=1000 -XX:Tier4MinInvocationThreshold=300"
            + " -XX:Tier4CompileThreshold=1500";

    private WarmStartBenchmark() {}

    /** How a variant runs: jar kind, JVM flags, AOT training kind (none, refresh, traffic, warmup), warm-up on. */
    private record Variant(String name, boolean extracted, List<String> jvmArgs, String training, boolean warmup) {}

    private record Run(String variant, int run, double readyMs, double[] firstMs, double warmP50Ms) {}

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path work = o.reuse != null ? o.reuse : Files.createTempDirectory("coe-warm-start-");
        Path config = work.resolve("warm-start.yaml");
        byte[] body = ("{\"model\":\"upstream\",\"messages\":[{\"role\":\"user\",\"content\":"
                        + "\"Say hello in one short sentence.\"}],\"max_tokens\":16}")
                .getBytes(StandardCharsets.UTF_8);
        List<Run> runs = new ArrayList<>();
        Map<String, String> trainings = new LinkedHashMap<>();
        try (RawUpstream upstream = RawUpstream.start()) {
            Files.writeString(config, yaml(upstream.port()));
            printMethod(o);
            // Every variant's jar and AOT cache first; then the runs interleaved (run 1 of every variant, then run
            // 2, ...), so a change in what else the machine does spreads over the variants alike.
            Path extractedJar = null;
            Map<String, Path> jars = new LinkedHashMap<>();
            Map<String, List<String>> jvms = new LinkedHashMap<>();
            for (String name : o.variants) {
                Variant v = variant(name);
                Path jar = o.jar;
                if (v.extracted) {
                    if (extractedJar == null) {
                        Path kept = work.resolve("extracted").resolve(o.jar.getFileName());
                        extractedJar = o.reuse != null && Files.isRegularFile(kept)
                                ? kept
                                : extract(o, work.resolve("extracted"));
                    }
                    jar = extractedJar;
                }
                List<String> jvm = new ArrayList<>(v.jvmArgs);
                if (!v.training.equals("none")) {
                    Path cache = work.resolve(v.name + ".aot");
                    long t0 = System.nanoTime();
                    if (o.reuse == null || !Files.isRegularFile(cache)) {
                        train(o, v, jar, config, body, cache, work);
                    }
                    String what = String.format(
                            Locale.ROOT,
                            "%s: training (%s) took %.1f s, cache %d MB",
                            v.name,
                            v.training,
                            (System.nanoTime() - t0) / 1e9,
                            Files.size(cache) >> 20);
                    trainings.put(v.name, what);
                    System.out.println(what);
                    jvm.add("-XX:AOTCache=" + cache);
                }
                jars.put(name, jar);
                jvms.put(name, jvm);
            }
            for (int r = 1; r <= o.runs; r++) {
                for (String name : o.variants) {
                    Variant v = variant(name);
                    Run run =
                            measure(o, v, jvms.get(name), jars.get(name), config, appArgs(o, v.warmup), body, r, work);
                    runs.add(run);
                    System.out.printf(
                            Locale.ROOT,
                            "%-18s run %d: ready %.0f ms; first %d p50 %.2f ms mean %.2f ms; warm p50 %.3f ms (load %s)%n",
                            v.name,
                            r,
                            run.readyMs,
                            run.firstMs.length,
                            percentile(run.firstMs, 0.5),
                            mean(run.firstMs, 0, run.firstMs.length),
                            run.warmP50Ms,
                            Machine.loadAverage());
                }
            }
        }
        printTable(o, runs);
        trainings.values().forEach(System.out::println);
        System.out.println("Finished: " + Instant.now() + ", load average " + Machine.loadAverage());
        System.exit(0);
    }

    private static Variant variant(String name) {
        return switch (name) {
            case "exec-jar" -> new Variant(name, false, List.of(), "none", false);
            case "extracted" -> new Variant(name, true, List.of(), "none", false);
            case "aot-refresh" -> new Variant(name, true, List.of(), "refresh", false);
            case "aot-traffic" -> new Variant(name, true, List.of(), "traffic", false);
            case "c1" -> new Variant(name, true, List.of("-XX:TieredStopAtLevel=1"), "none", false);
            case "eager-jit" -> new Variant(name, true, List.of(EAGER_JIT.split(" ")), "none", false);
            case "aot-traffic-eager-jit" -> new Variant(name, true, List.of(EAGER_JIT.split(" ")), "traffic", false);
            case "warmup" -> new Variant(name, true, List.of(), "none", true);
            case "aot-warmup" -> new Variant(name, true, List.of(), "warmup", true);
            case "aot-traffic-warmup" -> new Variant(name, true, List.of(), "traffic", true);
            default -> throw new IllegalArgumentException("unknown variant " + name);
        };
    }

    private static List<String> appArgs(Options o, boolean warmup) {
        List<String> app = new ArrayList<>();
        app.add("--coe.warmup.enabled=" + warmup);
        if (warmup && o.warmupRequests > 0) {
            app.add("--coe.warmup.requests=" + o.warmupRequests);
        }
        return app;
    }

    /** {@code java -Djarmode=tools -jar exec.jar extract --destination dir}; returns the extracted jar. */
    private static Path extract(Options o, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        o.java.toString(),
                        "-Djarmode=tools",
                        "-jar",
                        o.jar.toString(),
                        "extract",
                        "--destination",
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("extract failed: " + out);
        }
        return dir.resolve(o.jar.getFileName());
    }

    /** A training run writing the AOT cache {@code cache}. */
    private static void train(Options o, Variant v, Path jar, Path config, byte[] body, Path cache, Path work)
            throws Exception {
        List<String> jvm = new ArrayList<>(v.jvmArgs);
        jvm.add("-XX:AOTCacheOutput=" + cache);
        List<String> app = appArgs(o, v.training.equals("warmup") || v.warmup);
        if (v.training.equals("refresh")) {
            jvm.add("-Dspring.context.exit=onRefresh");
        }
        if (v.training.equals("warmup")) {
            app.add("--coe.warmup.exit=true");
        }
        Path log = work.resolve(v.name + "-training.log");
        GatewayProcess g = GatewayProcess.start(o.java, jvm, jar, config, app, log);
        try {
            if (v.training.equals("traffic")) {
                if (!awaitReady(g, o)) {
                    throw new IllegalStateException("training run not ready: " + g.logTail(40));
                }
                byte[] request = HttpConnection.post(g.port(), Upstream.PATH, body);
                try (HttpConnection c = new HttpConnection(g.port(), 30_000)) {
                    for (int i = 0; i < o.trainingRequests; i++) {
                        exchange(c, request);
                    }
                }
            }
            ProcessHandle handle = ProcessHandle.of(g.pid()).orElse(null);
            if (handle != null && v.training.equals("traffic")) {
                handle.destroy(); // SIGTERM: the JVM writes the cache as it exits
            }
            if (handle != null) {
                handle.onExit().get(300, TimeUnit.SECONDS);
            }
        } finally {
            g.close();
        }
        if (!Files.isRegularFile(cache)) {
            throw new IllegalStateException("no AOT cache written; training log ends:\n" + g.logTail(40));
        }
    }

    private static Run measure(
            Options o,
            Variant v,
            List<String> jvm,
            Path jar,
            Path config,
            List<String> app,
            byte[] body,
            int r,
            Path work)
            throws Exception {
        long t0 = System.nanoTime();
        try (GatewayProcess g =
                GatewayProcess.start(o.java, jvm, jar, config, app, work.resolve(v.name + "-" + r + ".log"))) {
            if (!awaitReady(g, o)) {
                throw new IllegalStateException(v.name + " not ready: " + g.logTail(40));
            }
            double readyMs = (System.nanoTime() - t0) / 1e6;
            byte[] request = HttpConnection.post(g.port(), Upstream.PATH, body);
            double[] first = new double[o.requests];
            double[] warm = new double[o.warmRequests / 2];
            try (HttpConnection c = new HttpConnection(g.port(), 30_000)) {
                for (int i = 0; i < first.length; i++) {
                    first[i] = exchange(c, request);
                }
                for (int i = 0; i < o.warmRequests; i++) {
                    double ms = exchange(c, request);
                    if (i >= o.warmRequests - warm.length) {
                        warm[i - (o.warmRequests - warm.length)] = ms;
                    }
                }
            }
            if (v.extracted && jvm.stream().anyMatch(a -> a.startsWith("-XX:AOTCache="))) {
                String log = Files.readString(work.resolve(v.name + "-" + r + ".log"));
                if (log.contains("AOT cache") && log.contains("error")) {
                    System.out.println("warning: the AOT cache may not have been used: " + g.logTail(5));
                }
            }
            return new Run(v.name, r, readyMs, first, percentile(warm, 0.5));
        }
    }

    /** Sends one request and reads the whole answer; its latency in ms. Any status but 200 is an error. */
    private static double exchange(HttpConnection c, byte[] request) throws IOException {
        long t = System.nanoTime();
        int status = c.exchange(request, null);
        double ms = (System.nanoTime() - t) / 1e6;
        if (status != 200) {
            throw new IllegalStateException("HTTP " + status);
        }
        return ms;
    }

    /** Polls readiness every {@code poll-ms} on fresh connections; false when the process died or time ran out. */
    private static boolean awaitReady(GatewayProcess g, Options o) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.startupTimeoutSeconds);
        byte[] request = HttpConnection.get(g.port(), "/actuator/health/readiness");
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(g.pid()).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
                return false;
            }
            try (HttpConnection c = new HttpConnection(g.port(), 2_000)) {
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                if (c.exchange(request, answer) == 200
                        && answer.toString(StandardCharsets.UTF_8).contains("\"UP\"")) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(o.pollMs);
        }
        return false;
    }

    private static String yaml(int upstreamPort) {
        return GatewayProcess.oneExpertYaml(upstreamPort, 256, "");
    }

    private static void printMethod(Options o) {
        System.out.println("# Warm-start benchmark");
        System.out.println("Started: " + Instant.now() + ", load average " + Machine.loadAverage());
        System.out.printf(
                Locale.ROOT,
                "Machine: %d CPUs (%s), %s memory, %s %s; router JVM %s (%s)%n",
                Runtime.getRuntime().availableProcessors(),
                Machine.cpuModel(),
                Machine.memory(),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                o.java,
                Machine.javaVersion(o.java));
        System.out.println("Router: java <variant flags> -jar <jar> --server.port=<free> --server.address=127.0.0.1"
                + " --spring.config.additional-location=file:<yaml> --logging.level.root=WARN"
                + " --coe.warmup.enabled=<variant>; one 'openai' expert 'upstream' -> a loopback raw-socket upstream"
                + " that answers at once; state in memory (no Redis), auth off");
        System.out.printf(
                Locale.ROOT,
                "Per variant and run: ready = fork to the first GET /actuator/health/readiness answering UP (polled"
                        + " every %d ms, a new connection each); then %d chat completions one at a time on one"
                        + " keep-alive connection (latency: write to last byte read), then %d more, the last %d of"
                        + " which give the warm p50. Runs per variant: %d. Variants: %s%n",
                o.pollMs,
                o.requests,
                o.warmRequests,
                o.warmRequests / 2,
                o.runs,
                o.variants);
        System.out.println("AOT training: refresh = one start with -Dspring.context.exit=onRefresh; traffic = a start"
                + " that serves " + o.trainingRequests + " requests, then SIGTERM; warmup = a start with the warm-up"
                + " and coe.warmup.exit=true (the Dockerfile's). Each variant's JVM flags: exec-jar, extracted: none;"
                + " c1: -XX:TieredStopAtLevel=1; eager-jit: " + EAGER_JIT + "; aot-*: -XX:AOTCache=<its cache>."
                + " All caches are made first; then the runs are interleaved: run 1 of every variant, then run 2, ...");
    }

    private static void printTable(Options o, List<Run> runs) {
        System.out.println();
        System.out.println("| variant | run | ready ms | first-" + o.requests + " p50 / p90 / p99 / max ms | mean 1-100"
                + " / 101-500 / 501-" + o.requests + " ms | warm p50 ms | p50 ratio | mean ratio |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        Map<String, List<Run>> byVariant = new LinkedHashMap<>();
        for (Run r : runs) {
            byVariant.computeIfAbsent(r.variant, k -> new ArrayList<>()).add(r);
            row(r.variant, String.valueOf(r.run), r.readyMs, r.firstMs, r.warmP50Ms);
        }
        System.out.println();
        System.out.println("Medians over runs (each figure the median of the runs' figures):");
        System.out.println("| variant | ready ms | first-" + o.requests + " p50 / p90 / p99 / max ms | mean 1-100 /"
                + " 101-500 / 501-" + o.requests + " ms | warm p50 ms | p50 ratio | mean ratio |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Run>> e : byVariant.entrySet()) {
            List<Run> rs = e.getValue();
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.0f | %.2f / %.2f / %.2f / %.1f | %.2f / %.2f / %.2f | %.3f | %.2f | %.2f |%n",
                    e.getKey(),
                    median(rs, r -> r.readyMs),
                    median(rs, r -> percentile(r.firstMs, 0.5)),
                    median(rs, r -> percentile(r.firstMs, 0.9)),
                    median(rs, r -> percentile(r.firstMs, 0.99)),
                    median(rs, r -> percentile(r.firstMs, 1.0)),
                    median(rs, r -> mean(r.firstMs, 0, 100)),
                    median(rs, r -> mean(r.firstMs, 100, 500)),
                    median(rs, r -> mean(r.firstMs, 500, r.firstMs.length)),
                    median(rs, r -> r.warmP50Ms),
                    median(rs, r -> percentile(r.firstMs, 0.5) / r.warmP50Ms),
                    median(rs, r -> mean(r.firstMs, 0, r.firstMs.length) / r.warmP50Ms));
        }
    }

    private static void row(String variant, String run, double ready, double[] first, double warm) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %.0f | %.2f / %.2f / %.2f / %.1f | %.2f / %.2f / %.2f | %.3f | %.2f | %.2f |%n",
                variant,
                run,
                ready,
                percentile(first, 0.5),
                percentile(first, 0.9),
                percentile(first, 0.99),
                percentile(first, 1.0),
                mean(first, 0, 100),
                mean(first, 100, 500),
                mean(first, 500, first.length),
                warm,
                percentile(first, 0.5) / warm,
                mean(first, 0, first.length) / warm);
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        return percentile(runs.stream().mapToDouble(f).toArray(), 0.5);
    }

    /** The nearest-rank percentile ({@code q} in 0..1) of {@code values}. */
    static double percentile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double mean(double[] values, int from, int to) {
        int end = Math.min(to, values.length);
        if (end <= from) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = from; i < end; i++) {
            sum += values[i];
        }
        return sum / (end - from);
    }

    private static final class Options {
        List<String> variants =
                List.of("exec-jar", "extracted", "aot-refresh", "aot-traffic", "c1", "warmup", "aot-warmup");
        int runs = 3;
        int requests = 1_000;
        int warmRequests = 4_000;
        int trainingRequests = 3_000;
        int warmupRequests = 0;
        int pollMs = 5;
        Path java = Path.of(System.getProperty("coe.bench.java", System.getProperty("java.home") + "/bin/java"));
        Path jar = Path.of(DEFAULT_JAR);
        int startupTimeoutSeconds = 180;
        /** A work folder of an earlier run whose extracted jar and AOT caches (same jar) are used again. */
        Path reuse;

        static Options parse(String[] args) {
            Options o = new Options();
            Args.parse(args, (name, value) -> {
                switch (name) {
                    case "variants" -> o.variants = List.of(value.split(","));
                    case "runs" -> o.runs = Integer.parseInt(value);
                    case "requests" -> o.requests = Integer.parseInt(value);
                    case "warm-requests" -> o.warmRequests = Integer.parseInt(value);
                    case "training-requests" -> o.trainingRequests = Integer.parseInt(value);
                    case "warmup-requests" -> o.warmupRequests = Integer.parseInt(value);
                    case "poll-ms" -> o.pollMs = Integer.parseInt(value);
                    case "java" -> o.java = Path.of(value);
                    case "jar" -> o.jar = Path.of(value);
                    case "startup-timeout" -> o.startupTimeoutSeconds = Integer.parseInt(value);
                    case "reuse" -> o.reuse = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option --" + name);
                }
            });
            o.variants.forEach(WarmStartBenchmark::variant); // refuses unknown names before anything starts
            if (o.runs < 1 || o.runs > 50 || o.requests < 500 || o.requests > 1_000_000) {
                throw new IllegalArgumentException("--runs must be 1..50 and --requests 500..1000000");
            }
            if (o.warmRequests < 2 || o.trainingRequests < 0 || o.pollMs < 1 || o.pollMs > 1_000) {
                throw new IllegalArgumentException(
                        "--warm-requests must be >= 2, --training-requests >= 0, --poll-ms 1..1000");
            }
            if (!Files.isRegularFile(o.jar)) {
                throw new IllegalArgumentException("no router jar at " + o.jar.toAbsolutePath()
                        + "; build it: ./mvnw -q -B -pl router-service -am package -DskipTests");
            }
            return o;
        }
    }
}
