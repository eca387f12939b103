package io.coerouter.bench;

import io.coerouter.embed.bge.BgeSmall;
import io.coerouter.embed.minilm.MiniLm;
import io.coerouter.skills.embed.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the response cache costs and saves per request: the router runs as its own JVM in front of a loopback
 * OpenAI-compatible upstream that answers at once (one {@code openai} expert, {@code upstream}, pinned by {@code
 * "model": "upstream"}), and one client sends one request at a time on a keep-alive connection. Phases: straight to
 * the upstream (direct); through a router with the cache off (baseline); then through a router with {@code
 * --coe.cache.enabled=true}: unique questions (miss: lookup, embedding and store added to the upstream call), the same
 * questions again (exact hit), and paraphrases of stored questions from the labelled pair set (semantic hit: the
 * paraphrase's embedding, the candidate scan and the guard). Prints p50/p90/p99 of each, the router's added latency
 * against the baseline, the hit ratio of each phase (from {@code x-coe-cache}), and the encoder's time per embedding
 * measured in this process.
 *
 * <p>Options: {@code --requests=300} (measured per phase), {@code --warmup=300} (unmeasured requests before the
 * measured ones, per router), {@code --stores=memory} ({@code memory}, {@code redis}, or both), {@code
 * --redis-url=redis://127.0.0.1:6379}, {@code --redis-prefix=coe-cache-bench-<pid>:}, {@code
 * --pairs=benchmarks/data/cache-pairs.jsonl}, {@code --questions=demo-experts/.../demo-eval.jsonl}, {@code --jar},
 * {@code --java}, {@code --gateway-arg=...} (repeatable), {@code --startup-timeout=240}.
 */
public final class CacheLatencyBenchmark {

    private static final class Options {
        int requests = 300;
        int warmup = 300;
        List<String> stores = List.of("memory");
        String redisUrl = "redis://127.0.0.1:6379";
        String redisPrefix = "coe-cache-bench-" + ProcessHandle.current().pid() + ":";
        Path pairs = Path.of("benchmarks/data/cache-pairs.jsonl");
        Path questions = Path.of("demo-experts/src/main/resources/coe-demo-experts/eval/demo-eval.jsonl");
        Path jar = Path.of("router-service/target/router-service-0.1.0-SNAPSHOT-exec.jar");
        Path java = Path.of(System.getProperty(
                "coe.bench.java", ProcessHandle.current().info().command().orElse("java")));
        List<String> gatewayArgs = new ArrayList<>();
        int startupTimeoutSeconds = 240;
    }

    record Stats(String phase, String outcome, int n, int of, double p50, double p90, double p99, double mean) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        Options o = new Options();
        Args.parse(args, (name, value) -> {
            switch (name) {
                case "requests" -> o.requests = Integer.parseInt(value);
                case "warmup" -> o.warmup = Integer.parseInt(value);
                case "stores" -> o.stores = List.of(value.split(","));
                case "redis-url" -> o.redisUrl = value;
                case "redis-prefix" -> o.redisPrefix = value;
                case "pairs" -> o.pairs = Path.of(value);
                case "questions" -> o.questions = Path.of(value);
                case "jar" -> o.jar = Path.of(value);
                case "java" -> o.java = Path.of(value);
                case "gateway-arg" -> o.gatewayArgs.add(value);
                case "startup-timeout" -> o.startupTimeoutSeconds = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        });
        List<String> pool = questions(o.questions);
        List<String[]> paraphrases = paraphrases(o.pairs);
        int needed = o.warmup + o.requests;
        if (pool.size() < needed) {
            throw new IllegalArgumentException(
                    "need " + needed + " distinct questions, " + o.questions + " has " + pool.size());
        }
        System.out.println("# Response cache latency benchmark");
        System.out.println("Started: " + Instant.now());
        System.out.printf(
                Locale.ROOT,
                "Machine: %d CPUs (%s), %s memory, load %s; java %s%n",
                Runtime.getRuntime().availableProcessors(),
                Machine.cpuModel(),
                Machine.memory(),
                Machine.loadAverage(),
                Machine.javaVersion(o.java));
        System.out.println("Method: one client (JDK HttpClient, HTTP/1.1 keep-alive), one request at a time, to a"
                + " router JVM (" + o.jar + ", --logging.level.root=WARN) whose one 'openai' expert 'upstream' is a"
                + " loopback upstream answering at once; body {\"model\":\"upstream\",\"messages\":[{\"role\":\"user\","
                + "\"content\":Q}]} (no temperature). Phases: direct (client -> upstream), baseline (router, cache"
                + " off), then per store, a router with --coe.cache.enabled=true (semantic matching and guard on,"
                + " default threshold): miss (" + o.requests + " questions never sent before, from " + o.questions
                + "), exact (the same questions again), semantic (for each paraphrase pair of " + o.pairs + ": a is"
                + " sent unmeasured, then b is measured). " + o.warmup + " unmeasured warm-up requests per router"
                + " (unique questions), after the router has gone idle (under 10% of a core over 2 s: its skill"
                + " classifier warms up in the background after readiness). Latency: client-side, send to last body"
                + " byte; percentiles nearest-rank."
                + " 'added' = phase p50 - baseline p50.");

        Path work = Files.createTempDirectory("coe-cache-bench-");
        Path config = work.resolve("gateway.yaml");
        List<Stats> rows = new ArrayList<>();
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try (Upstream upstream = Upstream.start("raw")) {
            Files.writeString(config, yaml(upstream.port()));
            // direct
            URI direct = URI.create("http://127.0.0.1:" + upstream.port() + Upstream.PATH);
            for (int i = 0; i < o.warmup; i++) {
                send(client, direct, body(pool.get(0)));
            }
            rows.addAll(measure("direct", client, direct, repeat(pool.get(0), o.requests)));

            // baseline: the cache off
            try (GatewayProcess g = start(o, config, work, "baseline", List.of())) {
                URI uri = uri(g);
                for (int i = 0; i < o.warmup; i++) {
                    send(client, uri, body(pool.get(i)));
                }
                rows.addAll(measure("baseline (cache off)", client, uri, repeat(pool.get(0), o.requests)));
            }

            for (String store : o.stores) {
                List<String> extra = new ArrayList<>(List.of("--coe.cache.enabled=true", "--coe.cache.store=" + store));
                if (store.equals("redis")) {
                    extra.add("--coe.redis.url=" + o.redisUrl);
                    extra.add("--coe.redis.key-prefix=" + o.redisPrefix);
                }
                try (GatewayProcess g = start(o, config, work, "cache-" + store, extra)) {
                    URI uri = uri(g);
                    for (int i = 0; i < o.warmup; i++) {
                        send(client, uri, body(pool.get(i)));
                    }
                    List<String> fresh = pool.subList(o.warmup, o.warmup + o.requests);
                    rows.addAll(measure(store + ": miss (unique questions)", client, uri, fresh));
                    rows.addAll(measure(store + ": exact hit", client, uri, fresh));
                    List<byte[]> stored = new ArrayList<>();
                    List<String> asked = new ArrayList<>();
                    for (String[] p : paraphrases) {
                        stored.add(body(p[0]));
                        asked.add(p[1]);
                    }
                    for (byte[] b : stored) {
                        send(client, uri, b);
                    }
                    rows.addAll(measure(store + ": semantic (paraphrase of a stored question)", client, uri, asked));
                }
            }
        } finally {
            Files.deleteIfExists(config);
        }

        print(rows);
        System.out.println("Load average at the end: " + Machine.loadAverage());
        embeddingCost(pool);
        System.exit(0);
    }

    private static GatewayProcess start(Options o, Path config, Path work, String name, List<String> extra)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(o.gatewayArgs);
        args.addAll(extra);
        GatewayProcess g = GatewayProcess.start(o.java, List.of(), o.jar, config, args, work.resolve(name + ".log"));
        long t0 = System.nanoTime();
        if (!g.awaitReady(TimeUnit.SECONDS.toMillis(o.startupTimeoutSeconds))) {
            String tail = g.logTail(40);
            g.close();
            throw new IllegalStateException("the " + name + " router did not become ready; its log ends:\n" + tail);
        }
        double ready = (System.nanoTime() - t0) / 1e9;
        // Readiness comes before the router's background work (the skill classifier's warm-up) ends: wait until the
        // router uses under 10% of a core over 2 s, so that work does not run during the measurement.
        double settled = -1;
        for (int i = 0; i < 60; i++) {
            long cpu0 = ProcCpu.cpuNanos(g.pid());
            Thread.sleep(2_000);
            double share = (ProcCpu.cpuNanos(g.pid()) - cpu0) / 2e9;
            if (share < 0.10) {
                settled = (System.nanoTime() - t0) / 1e9;
                break;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s router pid %d ready after %.1f s, idle after %s, args %s%n",
                name,
                g.pid(),
                ready,
                settled < 0 ? "(never: measuring anyway)" : String.format(Locale.ROOT, "%.1f s", settled),
                extra);
        return g;
    }

    private static URI uri(GatewayProcess g) {
        return URI.create("http://127.0.0.1:" + g.port() + Upstream.PATH);
    }

    /** One row per outcome ({@code x-coe-cache} and {@code x-coe-cache-kind}: hit/exact, hit/semantic, miss, -). */
    private static List<Stats> measure(String phase, HttpClient client, URI uri, List<String> questions)
            throws IOException, InterruptedException {
        Map<String, List<Long>> byOutcome = new LinkedHashMap<>();
        double[] before = lookupTimer(client, uri);
        for (String question : questions) {
            byte[] b = body(question);
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = send(client, uri, b);
            long elapsed = System.nanoTime() - t0;
            String cache = r.headers().firstValue("x-coe-cache").orElse("-");
            String outcome = cache.equals("hit")
                    ? "hit/" + r.headers().firstValue("x-coe-cache-kind").orElse("?")
                    : cache;
            byOutcome.computeIfAbsent(outcome, k -> new ArrayList<>()).add(elapsed);
        }
        double[] after = lookupTimer(client, uri);
        if (before != null && after != null && after[0] > before[0]) {
            System.out.printf(
                    Locale.ROOT,
                    "  %s: the router's coe.cache.lookup timer (decide hit or miss: exact read, embedding, candidate"
                            + " scan, guard) averaged %.3f ms over %d lookups%n",
                    phase,
                    (after[1] - before[1]) * 1e3 / (after[0] - before[0]),
                    (long) (after[0] - before[0]));
        }
        List<Stats> rows = new ArrayList<>();
        for (Map.Entry<String, List<Long>> e : byOutcome.entrySet()) {
            long[] nanos =
                    e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
            Stats s = new Stats(
                    phase,
                    e.getKey(),
                    nanos.length,
                    questions.size(),
                    pct(nanos, 0.50),
                    pct(nanos, 0.90),
                    pct(nanos, 0.99),
                    mean);
            System.out.printf(
                    Locale.ROOT,
                    "  measured %s [%s]: %d of %d, p50 %.2f ms%n",
                    phase,
                    e.getKey(),
                    s.n(),
                    s.of(),
                    s.p50());
            rows.add(s);
        }
        return rows;
    }

    /** The router's {@code coe_cache_lookup_seconds} count and sum, or null (no cache, or no such metric). */
    private static double[] lookupTimer(HttpClient client, URI chat) {
        try {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(chat.resolve("/actuator/prometheus"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            double count = Double.NaN;
            double sum = Double.NaN;
            for (String line : r.body().split("\n")) {
                if (line.startsWith("coe_cache_lookup_seconds_count")) {
                    count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } else if (line.startsWith("coe_cache_lookup_seconds_sum")) {
                    sum = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return Double.isNaN(count) || Double.isNaN(sum) ? null : new double[] {count, sum};
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static HttpResponse<byte[]> send(HttpClient client, URI uri, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(
                    uri + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r;
    }

    /** Nearest-rank percentile in milliseconds of sorted {@code nanos}. */
    private static double pct(long[] nanos, double q) {
        int rank = (int) Math.ceil(q * nanos.length);
        return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))] / 1e6;
    }

    private static void print(List<Stats> rows) {
        double baseline = rows.stream()
                .filter(r -> r.phase().startsWith("baseline"))
                .mapToDouble(Stats::p50)
                .findFirst()
                .orElse(Double.NaN);
        double direct = rows.stream()
                .filter(r -> r.phase().equals("direct"))
                .mapToDouble(Stats::p50)
                .findFirst()
                .orElse(Double.NaN);
        System.out.println();
        System.out.println("| phase | x-coe-cache | n (of) | p50 ms | p90 ms | p99 ms | mean ms | p50 minus baseline"
                + " p50, ms | p50 minus direct p50, ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Stats r : rows) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %d (%d) | %.2f | %.2f | %.2f | %.2f | %s | %s |%n",
                    r.phase(),
                    r.outcome(),
                    r.n(),
                    r.of(),
                    r.p50(),
                    r.p90(),
                    r.p99(),
                    r.mean(),
                    r.phase().equals("direct") || r.phase().startsWith("baseline")
                            ? "-"
                            : String.format(Locale.ROOT, "%+.2f", r.p50() - baseline),
                    r.phase().equals("direct") ? "-" : String.format(Locale.ROOT, "%+.2f", r.p50() - direct));
        }
    }

    /** The encoders' time per embedding in this process, one thread, on the benchmark's questions. */
    private static void embeddingCost(List<String> pool) {
        System.out.println();
        Map<String, Embedder> encoders = new LinkedHashMap<>();
        encoders.put("bge-small (default)", BgeSmall.embedder());
        encoders.put("minilm", MiniLm.embedder());
        List<String> texts = pool.subList(0, Math.min(400, pool.size()));
        for (Map.Entry<String, Embedder> e : encoders.entrySet()) {
            for (int i = 0; i < 100; i++) {
                e.getValue().embed(texts.get(i % texts.size()));
            }
            long[] nanos = new long[texts.size()];
            for (int i = 0; i < texts.size(); i++) {
                long t0 = System.nanoTime();
                e.getValue().embed(texts.get(i));
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            System.out.printf(
                    Locale.ROOT,
                    "embedding time, %s, in-process, one thread, %d questions (mean %.0f chars): p50 %.2f ms, p90 %.2f"
                            + " ms, p99 %.2f ms%n",
                    e.getKey(),
                    texts.size(),
                    texts.stream().mapToInt(String::length).average().orElse(0),
                    pct(nanos, 0.5),
                    pct(nanos, 0.9),
                    pct(nanos, 0.99));
        }
    }

    private static List<String> repeat(String q, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(q);
        }
        return out;
    }

    private static byte[] body(String question) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", "upstream");
        ObjectNode message = root.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", question);
        return JSON.writeValueAsBytes(root);
    }

    /** The distinct questions of a JSONL file of {@code question}s, in file order, stems only (before options). */
    private static List<String> questions(Path file) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line).path("question").asString().strip());
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The paraphrase pairs of the labelled set, as {a, b}. */
    private static List<String[]> paraphrases(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if (n.path("label").asString().equals("paraphrase")) {
                out.add(new String[] {n.path("a").asString(), n.path("b").asString()});
            }
        }
        return out;
    }

    private static String yaml(int upstreamPort) {
        return GatewayProcess.oneExpertYaml(upstreamPort, 256, "");
    }
}
