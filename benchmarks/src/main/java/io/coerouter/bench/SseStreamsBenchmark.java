package io.coerouter.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds N concurrent SSE chat streams through the router for a while against a slow streaming upstream, and watches
 * the router's process for growth: heap after a full GC, platform threads, TCP connections on each side and open file
 * descriptors, sampled every few seconds; then compares what it holds once the clients are gone with what it held
 * before. Every stream read to its end is checked whole.
 *
 * <p>Options ({@code --name=value}): {@code streams} (1000), {@code duration} seconds (600), {@code ramp} seconds over
 * which the streams open (30), {@code sample-every} seconds (10), {@code settle} seconds at most for the router to
 * return to its baseline after the clients close (120: idle pool threads live 60 s), {@code chunks} (20-60), {@code pause-ms} before each chunk
 * (100-250), {@code slow-percent} (10), {@code disconnect-percent} (5), {@code java}, {@code jar}, {@code
 * router-jvm-args} (space-separated; none), {@code startup-timeout} seconds (180).
 */
public final class SseStreamsBenchmark {

    private static final String DEFAULT_JAR = "router-service/target/router-service-0.1.0-SNAPSHOT-exec.jar";
    private static final double MB = 1024.0 * 1024.0;
    /** Heap growth above this, after the ramp, counts as a trend (10 MB over a 10-minute run). */
    private static final double TREND_MB_PER_MIN = 1.0;

    private static final long HEAP_TARGET_BYTES = 512L * 1024 * 1024;
    /** Platform threads and fds may differ from the baseline by this much after the run (pools that breathe). */
    private static final int TOLERANCE = 4;

    private SseStreamsBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        StreamScript script = new StreamScript(o.minChunks, o.maxChunks, o.minPauseMs, o.maxPauseMs);
        Path work = Files.createTempDirectory("coe-streams-");
        Path config = work.resolve("streams-bench.yaml");
        int exit;
        try (SlowStreamUpstream upstream = SlowStreamUpstream.start(script, 5_000)) {
            Files.writeString(config, yaml(upstream.port(), o.streams));
            printMethod(o, script, upstream);
            try (GatewayProcess router = GatewayProcess.start(
                    o.java, o.routerJvmArgs, o.jar, config, List.of(), work.resolve("router.log"))) {
                if (!router.awaitReady(TimeUnit.SECONDS.toMillis(o.startupTimeoutSeconds))) {
                    throw new IllegalStateException(
                            "the router did not become ready; its log ends:\n" + router.logTail(40));
                }
                System.out.printf(
                        Locale.ROOT,
                        "Router pid %d on 127.0.0.1:%d (log %s)%n",
                        router.pid(),
                        router.port(),
                        work.resolve("router.log"));
                try (ProcessProbe probe = ProcessProbe.of(router.pid(), router.port(), upstream.port(), true)) {
                    exit = new Run(o, script, upstream, router, probe).execute();
                }
            }
        } finally {
            Files.deleteIfExists(config);
        }
        System.exit(exit);
    }

    private static String yaml(int upstreamPort, int streams) {
        // max-concurrency above the stream count: the benchmark is about holding streams, not queueing them.
        return GatewayProcess.oneExpertYaml(upstreamPort, Math.max(64, streams * 2), "      request-timeout: 120s\n");
    }

    private static void printMethod(Options o, StreamScript script, SlowStreamUpstream upstream) {
        System.out.println("# A thousand streams: SSE through the router, memory and leaks");
        System.out.println("Started: " + Instant.now());
        System.out.printf(
                Locale.ROOT,
                "Machine: %d CPUs (%s), %s memory, load average %s at start%n",
                Runtime.getRuntime().availableProcessors(),
                Machine.cpuModel(),
                Machine.memory(),
                Machine.loadAverage());
        System.out.printf(
                Locale.ROOT,
                "Router JVM: %s (%s), flags: %s%n",
                o.java,
                Machine.javaVersion(o.java),
                o.routerJvmArgs.isEmpty()
                        ? "none (JVM defaults: G1, max heap a quarter of RAM), as an operator who tunes nothing runs"
                                + " it; the heap figure is the live set after a full GC, which -Xmx does not change"
                        : String.join(" ", o.routerJvmArgs));
        System.out.printf(
                Locale.ROOT,
                "Upstream: slow OpenAI-compatible SSE on 127.0.0.1:%d (virtual threads, raw sockets, keep-alive with"
                        + " a 5 s idle timeout): %d-%d content chunks a stream, %d-%d ms before each, text derived"
                        + " from the stream number in the question%n",
                upstream.port(),
                script.minChunks(),
                script.maxChunks(),
                script.minPauseMs(),
                script.maxPauseMs());
        System.out.printf(
                Locale.ROOT,
                "Clients: %d concurrent streams (opened over %d s), each a raw HTTP/1.1 socket on a virtual thread;"
                        + " %d%% slow readers (1 KB receive buffer, %d bytes every %d ms), %d%% close after 2-6"
                        + " content events; a finished stream is replaced at once. Every stream read to its end is"
                        + " checked whole (status, each chunk parsed, text, finish_reason, data: [DONE]).%n",
                o.streams,
                o.rampSeconds,
                o.slowPercent,
                SseClient.SLOW_READ_BYTES,
                SseClient.SLOW_READ_PAUSE_MS,
                o.disconnectPercent);
        System.out.printf(
                Locale.ROOT,
                "Run: %d s, a sample every %d s; then all clients close and the router has up to %d s to return to"
                        + " its baseline.%n",
                o.durationSeconds,
                o.sampleEverySeconds,
                o.settleSeconds);
        System.out.println("Sampling: heap = used right after a full GC (MemoryMXBean.gc() then getHeapMemoryUsage()"
                + " over JMX from the router's local management agent, started with the attach API); jvm threads ="
                + " ThreadMXBean.getThreadCount() (live platform threads, the figure behind actuator"
                + " jvm.threads.live); os threads = Threads: in /proc/<pid>/status; connections = socket inodes in"
                + " /proc/<pid>/fd found in /proc/<pid>/net/tcp{,6}, client side = local port is the router's (not"
                + " the listener), upstream side = remote port is the upstream's, CLOSE_WAIT counted apart; fds ="
                + " entries of /proc/<pid>/fd.");
    }

    /** One run: baseline, load, samples, settle, verdict. */
    private static final class Run {
        private final Options o;
        private final StreamScript script;
        private final SlowStreamUpstream upstream;
        private final GatewayProcess router;
        private final ProcessProbe probe;
        private final AtomicLong next = new AtomicLong(1);
        private final AtomicInteger open = new AtomicInteger();
        private final Map<SseClient.Outcome, AtomicLong> outcomes = new ConcurrentHashMap<>();
        private final Map<SseClient.Kind, AtomicLong> kinds = new ConcurrentHashMap<>();
        private final AtomicLong failedDuringRun = new AtomicLong();
        private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        private final List<SseClient> clients = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile boolean running = true;

        Run(Options o, StreamScript script, SlowStreamUpstream upstream, GatewayProcess router, ProcessProbe probe) {
            this.o = o;
            this.script = script;
            this.upstream = upstream;
            this.router = router;
            this.probe = probe;
            for (SseClient.Outcome x : SseClient.Outcome.values()) {
                outcomes.put(x, new AtomicLong());
            }
            for (SseClient.Kind k : SseClient.Kind.values()) {
                kinds.put(k, new AtomicLong());
            }
        }

        int execute() throws Exception {
            warmUp();
            ProcessProbe.Sample baseline = probe.sample(true);
            Map<String, Integer> threadsBefore = probe.threadNames();
            String metricsBefore = metrics();
            System.out.println();
            System.out.println("Baseline (after a warm-up of " + o.warmupStreams + " streams and " + o.quietSeconds
                    + " s quiet): " + describe(baseline));
            long t0 = System.nanoTime();
            long cpu0 = ProcCpu.cpuNanos(router.pid());
            List<Thread> loops = new ArrayList<>();
            for (int i = 0; i < o.streams; i++) {
                long delayMs = o.rampSeconds * 1000L * i / o.streams;
                loops.add(Thread.ofVirtual().name("client-" + i).start(() -> clientLoop(t0, delayMs)));
            }
            System.out.println();
            System.out.println("    t_s  open  done  whole broken  left failed | up_active up_cancel | heap_MB jvm_thr"
                    + " os_thr conn_cli conn_up close_wait   fds | router_cpu_%");
            List<double[]> heap = new ArrayList<>();
            long heapMax = 0;
            long lastCpu = cpu0;
            long lastT = t0;
            long end = t0 + TimeUnit.SECONDS.toNanos(o.durationSeconds);
            while (System.nanoTime() < end) {
                long wake = Math.min(end, System.nanoTime() + TimeUnit.SECONDS.toNanos(o.sampleEverySeconds));
                TimeUnit.NANOSECONDS.sleep(Math.max(0, wake - System.nanoTime()));
                ProcessProbe.Sample s = probe.sample(true);
                long now = System.nanoTime();
                long cpu = ProcCpu.cpuNanos(router.pid());
                double t = (now - t0) / 1e9;
                if (t >= steadyFrom()) {
                    heap.add(new double[] {t / 60.0, s.heapAfterGcBytes() / MB});
                }
                heapMax = Math.max(heapMax, s.heapAfterGcBytes());
                System.out.printf(
                        Locale.ROOT,
                        "%7.0f %5d %5d %6d %6d %5d %6d | %9d %9d | %7.1f %7d %6d %8d %7d %10d %5d | %12.1f%n",
                        t,
                        open.get(),
                        done(),
                        outcomes.get(SseClient.Outcome.WHOLE).get(),
                        outcomes.get(SseClient.Outcome.BROKEN).get(),
                        outcomes.get(SseClient.Outcome.LEFT).get(),
                        outcomes.get(SseClient.Outcome.FAILED).get(),
                        upstream.active(),
                        upstream.cancelled(),
                        s.heapAfterGcBytes() / MB,
                        s.jvmLiveThreads(),
                        s.platformThreads(),
                        s.clientConnections(),
                        s.upstreamConnections(),
                        s.closeWait(),
                        s.fds(),
                        cpu < 0 ? -1 : 100.0 * (cpu - lastCpu) / (now - lastT));
                lastCpu = cpu;
                lastT = now;
            }
            running = false;
            long openAtEnd = open.get();
            synchronized (clients) {
                clients.forEach(SseClient::abort);
            }
            for (Thread loop : loops) {
                loop.join(TimeUnit.SECONDS.toMillis(30));
            }
            System.out.printf(
                    Locale.ROOT,
                    "%nLoad ended at %.0f s; %d open streams closed by the clients. Load average now %s.%n",
                    (System.nanoTime() - t0) / 1e9,
                    openAtEnd,
                    Machine.loadAverage());
            ProcessProbe.Sample after = settle(baseline);
            Map<String, Integer> threadsAfter = probe.threadNames();
            System.out.println("JVM threads by name (digits as #), where baseline and after differ:");
            java.util.Set<String> names = new java.util.TreeSet<>(threadsBefore.keySet());
            names.addAll(threadsAfter.keySet());
            for (String name : names) {
                int b = threadsBefore.getOrDefault(name, 0);
                int a = threadsAfter.getOrDefault(name, 0);
                if (a != b) {
                    System.out.printf(Locale.ROOT, "  %-50s %5d -> %d%n", name, b, a);
                }
            }
            return report(baseline, after, heap, heapMax, metricsBefore, openAtEnd);
        }

        /** Where the steady part starts: after the ramp and the first fifth of the run (the start-up transient). */
        private int steadyFrom() {
            return Math.max(o.rampSeconds + o.sampleEverySeconds, o.durationSeconds / 5);
        }

        private long done() {
            return outcomes.values().stream().mapToLong(AtomicLong::get).sum();
        }

        /** A few streams end to end before the baseline, so lazily made pools and threads exist. */
        private void warmUp() throws InterruptedException {
            List<Thread> warm = new ArrayList<>();
            for (int i = 0; i < o.warmupStreams; i++) {
                long n = next.getAndIncrement();
                warm.add(Thread.ofVirtual().start(() -> {
                    SseClient.Result r = new SseClient(router.port(), script, 60_000).run(n, SseClient.Kind.NORMAL, 0);
                    if (r.outcome() != SseClient.Outcome.WHOLE) {
                        problems.add("warm-up stream " + n + ": " + r);
                    }
                }));
            }
            for (Thread t : warm) {
                t.join();
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the warm-up failed: " + problems);
            }
            TimeUnit.SECONDS.sleep(o.quietSeconds);
        }

        private void clientLoop(long t0, long delayMs) {
            try {
                TimeUnit.MILLISECONDS.sleep(delayMs);
            } catch (InterruptedException e) {
                return;
            }
            SseClient client = new SseClient(router.port(), script, 120_000);
            clients.add(client);
            while (running) {
                long n = next.getAndIncrement();
                int bucket = (int) Math.floorMod(n * 37, 100L);
                SseClient.Kind kind = bucket < o.slowPercent
                        ? SseClient.Kind.SLOW
                        : bucket < o.slowPercent + o.disconnectPercent
                                ? SseClient.Kind.DISCONNECT
                                : SseClient.Kind.NORMAL;
                kinds.get(kind).incrementAndGet();
                open.incrementAndGet();
                SseClient.Result r;
                try {
                    r = client.run(n, kind, 2 + (int) (n % 5));
                } finally {
                    open.decrementAndGet();
                }
                outcomes.get(r.outcome()).incrementAndGet();
                if (r.outcome() == SseClient.Outcome.BROKEN || (r.outcome() == SseClient.Outcome.FAILED && running)) {
                    if (r.outcome() == SseClient.Outcome.FAILED) {
                        failedDuringRun.incrementAndGet();
                    }
                    if (problems.size() < 20) {
                        problems.add(String.format(
                                Locale.ROOT,
                                "stream %d (%s) at %.0f s: %s %s",
                                n,
                                kind,
                                (System.nanoTime() - t0) / 1e9,
                                r.outcome(),
                                r.detail()));
                    }
                }
            }
        }

        /** Polls until the router holds no more than at the baseline, or the settle time is up. */
        private ProcessProbe.Sample settle(ProcessProbe.Sample baseline) throws IOException, InterruptedException {
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.SECONDS.toNanos(o.settleSeconds);
            ProcessProbe.Sample s;
            while (true) {
                s = probe.sample(true);
                if (backToBaseline(baseline, s) || System.nanoTime() > deadline) {
                    break;
                }
                TimeUnit.SECONDS.sleep(2);
            }
            System.out.printf(
                    Locale.ROOT,
                    "Settled after %.0f s (limit %d s): %s%n",
                    (System.nanoTime() - t0) / 1e9,
                    o.settleSeconds,
                    describe(s));
            return s;
        }

        private static boolean backToBaseline(ProcessProbe.Sample base, ProcessProbe.Sample s) {
            return s.clientConnections() <= base.clientConnections()
                    && s.upstreamConnections() <= base.upstreamConnections()
                    && s.closeWait() <= base.closeWait()
                    && s.platformThreads() <= base.platformThreads() + TOLERANCE
                    && s.fds() <= base.fds() + TOLERANCE;
        }

        private int report(
                ProcessProbe.Sample base,
                ProcessProbe.Sample after,
                List<double[]> heap,
                long heapMax,
                String metricsBefore,
                long openAtEnd)
                throws IOException {
            double slope = slope(heap);
            long whole = outcomes.get(SseClient.Outcome.WHOLE).get();
            long broken = outcomes.get(SseClient.Outcome.BROKEN).get();
            System.out.println();
            System.out.println("## Summary");
            System.out.printf(
                    Locale.ROOT,
                    "Streams: %d started (%d normal, %d slow readers, %d disconnecting); %d whole, %d broken, %d left"
                            + " on purpose, %d failed during the run, %d closed at the end%n",
                    done(),
                    kinds.get(SseClient.Kind.NORMAL).get(),
                    kinds.get(SseClient.Kind.SLOW).get(),
                    kinds.get(SseClient.Kind.DISCONNECT).get(),
                    whole,
                    broken,
                    outcomes.get(SseClient.Outcome.LEFT).get(),
                    failedDuringRun.get(),
                    openAtEnd);
            System.out.printf(
                    Locale.ROOT,
                    "Upstream: %d streams begun, %d sent to the end, %d cut by the router closing the connection, %d"
                            + " requests without a stream number, %d streams and %d connections open now%n",
                    upstream.started(),
                    upstream.completed(),
                    upstream.cancelled(),
                    upstream.unknown(),
                    upstream.active(),
                    upstream.connections());
            System.out.printf(
                    Locale.ROOT,
                    "Heap after GC: max %.1f MB, trend %+.2f MB/min (least squares over %d samples from t = %d s)%n",
                    heapMax / MB,
                    slope,
                    heap.size(),
                    steadyFrom());
            System.out.printf(Locale.ROOT, "%-22s %10s %10s%n", "", "baseline", "after");
            row("jvm live threads", base.jvmLiveThreads(), after.jvmLiveThreads());
            row("os threads", base.platformThreads(), after.platformThreads());
            row("client connections", base.clientConnections(), after.clientConnections());
            row("upstream connections", base.upstreamConnections(), after.upstreamConnections());
            row("CLOSE_WAIT sockets", base.closeWait(), after.closeWait());
            row("other TCP sockets", base.otherSockets(), after.otherSockets());
            row("open fds", base.fds(), after.fds());
            System.out.printf(
                    Locale.ROOT,
                    "%-22s %10.1f %10.1f%n",
                    "heap after GC (MB)",
                    base.heapAfterGcBytes() / MB,
                    after.heapAfterGcBytes() / MB);
            System.out.println();
            System.out.println("Router metrics (/actuator/prometheus), before -> after:");
            Map<String, String> before = streamMetrics(metricsBefore);
            Map<String, String> now = streamMetrics(metrics());
            for (String name : now.keySet()) {
                System.out.printf(Locale.ROOT, "  %s: %s -> %s%n", name, before.getOrDefault(name, "-"), now.get(name));
            }
            if (!problems.isEmpty()) {
                System.out.println();
                System.out.println("Problems (first 20):");
                problems.forEach(p -> System.out.println("  " + p));
            }
            List<String> failed = new ArrayList<>();
            if (broken > 0) {
                failed.add(broken + " completed streams were not whole");
            }
            if (failedDuringRun.get() > 0) {
                failed.add(failedDuringRun.get() + " streams failed during the run");
            }
            if (heapMax > HEAP_TARGET_BYTES) {
                failed.add(String.format(Locale.ROOT, "heap after GC reached %.1f MB (> 512)", heapMax / MB));
            }
            if (heap.size() >= 3 && slope > TREND_MB_PER_MIN) {
                failed.add(String.format(Locale.ROOT, "heap grows %.2f MB/min (> %.1f)", slope, TREND_MB_PER_MIN));
            }
            if (!backToBaseline(base, after)) {
                failed.add("the router holds more than at its baseline after the run (tolerance " + TOLERANCE
                        + " threads and fds)");
            }
            System.out.println();
            System.out.println(
                    failed.isEmpty()
                            ? "Verdict: PASS (every completed stream whole, heap steady and <= 512 MB, nothing leaked)"
                            : "Verdict: FAIL: " + String.join("; ", failed));
            System.out.println("Finished: " + Instant.now() + ", load average " + Machine.loadAverage());
            return failed.isEmpty() ? 0 : 1;
        }

        private static void row(String name, long base, long after) {
            System.out.printf(Locale.ROOT, "%-22s %10d %10d%n", name, base, after);
        }

        private static String describe(ProcessProbe.Sample s) {
            return String.format(
                    Locale.ROOT,
                    "heap after GC %.1f MB, jvm threads %d, os threads %d, client connections %d, upstream connections"
                            + " %d, CLOSE_WAIT %d, other sockets %d, fds %d",
                    s.heapAfterGcBytes() / MB,
                    s.jvmLiveThreads(),
                    s.platformThreads(),
                    s.clientConnections(),
                    s.upstreamConnections(),
                    s.closeWait(),
                    s.otherSockets(),
                    s.fds());
        }

        /** The router's Prometheus text (one connection, closed after). */
        private String metrics() {
            try (HttpConnection c = new HttpConnection(router.port(), 10_000)) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                byte[] request = ("GET /actuator/prometheus HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                int status = c.exchange(request, body);
                return status == 200 ? body.toString(StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                return "";
            }
        }

        /** The series about streams, queues and in-flight work. */
        private static Map<String, String> streamMetrics(String prometheus) {
            Map<String, String> m = new TreeMap<>();
            for (String line : prometheus.split("\n")) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("coe_stream_abandoned_total")
                        || line.startsWith("coe_scheduler_queue_depth")
                        || line.startsWith("coe_expert_calls_total")
                        || (line.startsWith("http_server_requests_active_seconds_count") && line.contains("POST"))) {
                    int sp = line.lastIndexOf(' ');
                    if (sp > 0) {
                        m.put(line.substring(0, sp).replace(",application=\"coe-router\"", ""), line.substring(sp + 1));
                    }
                }
            }
            return m;
        }
    }

    /** Least-squares slope of y over x (x in minutes, y in MB): MB/min. */
    static double slope(List<double[]> points) {
        int n = points.size();
        if (n < 2) {
            return 0;
        }
        double sx = 0;
        double sy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
        }
        double mx = sx / n;
        double my = sy / n;
        double num = 0;
        double den = 0;
        for (double[] p : points) {
            num += (p[0] - mx) * (p[1] - my);
            den += (p[0] - mx) * (p[0] - mx);
        }
        return den == 0 ? 0 : num / den;
    }

    private static final class Options {
        int streams = 1_000;
        int durationSeconds = 600;
        int rampSeconds = 30;
        int sampleEverySeconds = 10;
        int settleSeconds = 120;
        int warmupStreams = 20;
        int quietSeconds = 10;
        int minChunks = 20;
        int maxChunks = 60;
        int minPauseMs = 100;
        int maxPauseMs = 250;
        int slowPercent = 10;
        int disconnectPercent = 5;
        Path java = Path.of(System.getProperty("coe.bench.java", System.getProperty("java.home") + "/bin/java"));
        Path jar = Path.of(DEFAULT_JAR);
        List<String> routerJvmArgs = List.of();
        int startupTimeoutSeconds = 180;

        static Options parse(String[] args) {
            Options o = new Options();
            Args.parse(args, (name, value) -> {
                switch (name) {
                    case "streams" -> o.streams = Integer.parseInt(value);
                    case "duration" -> o.durationSeconds = Integer.parseInt(value);
                    case "ramp" -> o.rampSeconds = Integer.parseInt(value);
                    case "sample-every" -> o.sampleEverySeconds = Integer.parseInt(value);
                    case "settle" -> o.settleSeconds = Integer.parseInt(value);
                    case "warmup-streams" -> o.warmupStreams = Integer.parseInt(value);
                    case "chunks" -> {
                        int[] r = range(name, value);
                        o.minChunks = r[0];
                        o.maxChunks = r[1];
                    }
                    case "pause-ms" -> {
                        int[] r = range(name, value);
                        o.minPauseMs = r[0];
                        o.maxPauseMs = r[1];
                    }
                    case "slow-percent" -> o.slowPercent = Integer.parseInt(value);
                    case "disconnect-percent" -> o.disconnectPercent = Integer.parseInt(value);
                    case "java" -> o.java = Path.of(value);
                    case "jar" -> o.jar = Path.of(value);
                    case "router-jvm-args" ->
                        o.routerJvmArgs = value.isBlank()
                                ? List.of()
                                : List.of(value.trim().split("\\s+"));
                    case "startup-timeout" -> o.startupTimeoutSeconds = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option --" + name);
                }
            });
            if (o.streams < 1 || o.streams > 20_000) {
                throw new IllegalArgumentException("--streams must be 1..20000, but was " + o.streams);
            }
            if (o.durationSeconds < 1 || o.durationSeconds > 86_400) {
                throw new IllegalArgumentException("--duration must be 1..86400 s, but was " + o.durationSeconds);
            }
            if (o.rampSeconds < 0 || o.rampSeconds >= o.durationSeconds) {
                throw new IllegalArgumentException("--ramp must be 0..duration-1 s, but was " + o.rampSeconds);
            }
            if (o.sampleEverySeconds < 1 || o.settleSeconds < 0 || o.warmupStreams < 1) {
                throw new IllegalArgumentException("--sample-every and --warmup-streams must be >= 1, --settle >= 0");
            }
            if (o.slowPercent < 0 || o.disconnectPercent < 0 || o.slowPercent + o.disconnectPercent > 100) {
                throw new IllegalArgumentException("--slow-percent and --disconnect-percent must be >= 0 and sum to"
                        + " <= 100, but were " + o.slowPercent + " and " + o.disconnectPercent);
            }
            if (!Files.isRegularFile(o.jar)) {
                throw new IllegalArgumentException("no router jar at " + o.jar.toAbsolutePath()
                        + "; build it: ./mvnw -q -B -pl router-service -am package -DskipTests");
            }
            return o;
        }

        private static int[] range(String name, String value) {
            String[] p = value.split("-", 2);
            try {
                int lo = Integer.parseInt(p[0].trim());
                int hi = p.length == 2 ? Integer.parseInt(p[1].trim()) : lo;
                return new int[] {lo, hi};
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be MIN-MAX, but was " + value, e);
            }
        }
    }
}
