package io.coerouter.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The chart-to-process test: the router container the chart renders (the image's entrypoint from the Dockerfile, the
 * rendered args and env, the ConfigMap's files in a folder standing in for its mount, env from Secrets given here as
 * test data) is started as a real process from the exec jar's extracted layers, on the real Redis, and must come up,
 * pass its probes, list the experts from the values and answer a chat completion, then stop gracefully on SIGTERM.
 */
class ChartToProcessIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String adminKey = HexFormat.of().formatHex(randomBytes(20));
    private final String keyPrefix = "coe-helm-it-" + HexFormat.of().formatHex(randomBytes(4)) + ":";
    private final String redisUrl = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");
    private final String collectorToken = HexFormat.of().formatHex(randomBytes(12));
    private final List<String> exportTokens = new java.util.concurrent.CopyOnWriteArrayList<>();
    private com.sun.net.httpserver.HttpServer collector;
    private Path work;
    private Process process;

    @BeforeEach
    void workFolder() throws IOException {
        work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "chart-process-");
        // An OTLP/HTTP endpoint standing in for the collector the values name: it keeps each export's token header.
        collector = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exportTokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("x-collector-token")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
    }

    @AfterEach
    void cleanUp() throws Exception {
        collector.stop(0);
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        try (Resp redis = Resp.connect(URI.create(redisUrl))) {
            redis.deleteKeys(keyPrefix + "*");
        }
        Chart.deleteTree(work);
    }

    @Test
    void theRenderedRouterContainerStartsServesItsExpertsAndStopsGracefully() throws Exception {
        int http = freePort();
        int management = freePort();
        String values =
                """
                ports: {http: %d, management: %d}
                router:
                  replicas: 2
                  shutdownTimeout: 20s
                  env: [{name: COE_SKILLS_WARMUP, value: "false"}]
                  logFormat: ecs
                  # -XX:AOTMode=on: the JVM refuses to start unless it can use the image's AOT cache.
                  jvm: {extraOptions: "-XX:AOTMode=on -Xlog:aot=info"}
                tracing:
                  enabled: true
                  endpoint: "http://127.0.0.1:%d/v1/traces"
                  headers: [{name: x-collector-token, secretName: coe-it-otel, key: token}]
                auth: {enabled: true, existingSecret: coe-it-auth, adminKeyKey: admin-key}
                # The response cache in memory: the Redis store is another change of issue 22.
                cache: {enabled: true, store: memory}
                redis:
                  mode: external
                  keyPrefix: "%s"
                  external: {existingSecret: coe-it-redis, urlKey: redis-url}
                config:
                  defaultExpert: echo-a
                  # A generous timeout: this machine may be busy; the default is 10 s.
                  warmup: {requests: 100, timeout: 120s}
                  experts:
                    - {id: echo-a, adapter: echo, description: first echo}
                    - {id: echo-b, adapter: echo}
                    - {id: arithmetic-expert, adapter: djl, modelPath: "classpath:coe-demo-experts/arithmetic-expert"}
                  skills:
                    taxonomy: |
                      skills:
                        - id: greetings
                          description: Saying hello.
                          examples:
                            - Hello there
                            - Good morning to you
                        - id: sums
                          description: Adding numbers.
                          examples:
                            - "What is 2 + 3?"
                            - Add 4 and 5.
                  profiles: {location: ""}
                """
                        .formatted(http, management, collector.getAddress().getPort(), keyPrefix);
        Map<String, Map<String, String>> secrets = Map.of(
                "coe-it-auth", Map.of("admin-key", adminKey),
                "coe-it-redis", Map.of("redis-url", redisUrl),
                "coe-it-otel", Map.of("token", collectorToken));

        String manifest = Chart.render(values);
        assertThat(manifest).doesNotContain(adminKey).doesNotContain(redisUrl).doesNotContain(collectorToken);
        List<HasMetadata> objects = Chart.parse(manifest);
        Container container = ChartRenderTest.router(objects);

        // The volumes: each mount path becomes a folder; the ConfigMap's files are written into its folder.
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (VolumeMount m : container.getVolumeMounts()) {
            Path folder = Files.createDirectories(work.resolve("volumes").resolve(m.getName()));
            mounts.put(m.getMountPath(), folder);
        }
        // The files name mount paths (the taxonomy's, the model cache's): those are the stand-in folders here.
        for (Map.Entry<String, String> file : Chart.configFiles(objects).entrySet()) {
            Files.writeString(mounts.get("/etc/coe-router").resolve(file.getKey()), mapPaths(file.getValue(), mounts));
        }

        // The image: its WORKDIR holds the exec jar's layers, as the Dockerfile extracts and copies them.
        Dockerfile image = Dockerfile.read(Chart.dir().resolve("../../Dockerfile"));
        Path app = extractLayers(image);
        Path cache = trainAotCache(image, app, mounts);
        Set<String> appFilesBefore = listing(app);

        List<String> command = new ArrayList<>();
        for (String arg : image.entrypoint()) {
            command.add(arg.replace("/app/", app + "/"));
        }
        assertThat(command.get(0)).isEqualTo("java");
        assertThat(command).contains("-XX:AOTCache=" + cache);
        command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (container.getCommand() != null && !container.getCommand().isEmpty()) {
            command = new ArrayList<>(container.getCommand());
        }
        for (String arg : container.getArgs()) {
            command.add(mapPaths(arg, mounts));
        }

        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv("PATH"));
        image.env().forEach((k, v) -> env.put(k, mapPaths(v, mounts)));
        for (EnvFromSource from : container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
            env.putAll(secrets.get(from.getSecretRef().getName()));
        }
        for (EnvVar e : container.getEnv()) {
            String value;
            if (e.getValueFrom() != null) {
                var ref = e.getValueFrom().getSecretKeyRef();
                value = secrets.get(ref.getName()).get(ref.getKey());
            } else {
                value = expand(e.getValue(), env);
            }
            env.put(e.getName(), mapPaths(value, mounts));
        }
        assertThat(command).noneMatch(a -> a.contains(adminKey) || a.contains(redisUrl));

        Path log = work.resolve("router.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(app.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        process = builder.start();

        // The probes the chart points at, on the management port; the startup probe's path first.
        String startup = container.getStartupProbe().getHttpGet().getPath();
        String readiness = container.getReadinessProbe().getHttpGet().getPath();
        String liveness = container.getLivenessProbe().getHttpGet().getPath();
        awaitOk(management, startup, log, Duration.ofSeconds(120));
        awaitOk(management, readiness, log, Duration.ofSeconds(120));
        String started = Files.readString(log);
        // The JVM mapped the image's AOT cache (with -XX:AOTMode=on it would not have started otherwise).
        assertThat(started).contains("Opened AOT cache " + cache);
        // config.warmup reached the router: it warmed up (auth on, through its own path) before it was ready.
        assertThat(started).contains("warm-up: 100 requests answered");
        assertThat(get(management, liveness, null).statusCode()).isEqualTo(200);
        // The actuator is only on the management port, as the chart's Service and Ingress assume.
        assertThat(get(http, readiness, null).statusCode()).isNotEqualTo(200);

        // Auth is on with the admin key from the Secret: a gateway key is made with it.
        assertThat(get(http, "/v1/models", null).statusCode()).isEqualTo(401);
        HttpResponse<String> created = send(http, "POST", "/admin/keys", adminKey, "{\"name\": \"chart-it\"}");
        assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);
        String gatewayKey = Chart.YAML.readTree(created.body()).get("key").asString();

        HttpResponse<String> models = get(http, "/v1/models", gatewayKey);
        assertThat(models.statusCode()).isEqualTo(200);
        Set<String> ids = new TreeSet<>();
        Chart.YAML
                .readTree(models.body())
                .get("data")
                .forEach(m -> ids.add(m.get("id").asString()));
        assertThat(ids).contains("echo-a", "echo-b", "arithmetic-expert").doesNotContain("generalist", "units-expert");

        HttpResponse<String> echo = send(
                http,
                "POST",
                "/v1/chat/completions",
                gatewayKey,
                """
                {"model": "echo-b", "messages": [{"role": "user", "content": "hello from the chart"}]}""");
        assertThat(echo.statusCode()).as(echo.body()).isEqualTo(200);
        JsonNode answer = Chart.YAML.readTree(echo.body());
        assertThat(answer.at("/choices/0/message/content").asString()).contains("hello from the chart");
        // cache.enabled reached the router: the same request again is answered from the cache.
        assertThat(echo.headers().firstValue("x-coe-cache")).hasValue("miss");
        HttpResponse<String> again = send(
                http,
                "POST",
                "/v1/chat/completions",
                gatewayKey,
                """
                {"model": "echo-b", "messages": [{"role": "user", "content": "hello from the chart"}]}""");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.headers().firstValue("x-coe-cache")).hasValue("hit");
        assertThat(again.headers().firstValue("x-coe-cache-kind")).hasValue("exact");

        // A local model: libtorch is extracted into the cache volume (DJL_CACHE_DIR), not the read-only image.
        HttpResponse<String> sum = send(
                http,
                "POST",
                "/v1/chat/completions",
                gatewayKey,
                """
                {"model": "arithmetic-expert", "messages": [{"role": "user", "content": "What is 12 + 7?"}], "max_tokens": 8}""");
        assertThat(sum.statusCode()).as(sum.body()).isEqualTo(200);
        assertThat(Chart.YAML
                        .readTree(sum.body())
                        .at("/choices/0/message/content")
                        .asString())
                .isNotBlank();
        try (Stream<Path> cached = Files.walk(mounts.get("/var/cache/coe-router"))) {
            assertThat(cached.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("libtorch"));
        }

        // The scrape the ServiceMonitor makes: open on the management port, with the series the alerts use.
        HttpResponse<String> scrape = get(management, "/actuator/prometheus", null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        Set<String> scraped = Metrics.scraped(scrape.body());
        assertThat(scraped)
                .contains(
                        "http_server_requests_seconds_bucket",
                        "coe_expert_calls_total",
                        "coe_expert_latency_seconds_bucket",
                        "coe_scheduler_queue_depth",
                        "coe_state_redis_connected",
                        "jvm_memory_used_bytes",
                        "gen_ai_client_operation_duration_seconds_bucket",
                        "gen_ai_server_request_duration_seconds_bucket",
                        "coe_cache_requests_total",
                        "coe_cache_saved_cost_usd_total",
                        "coe_cache_entries",
                        "coe_cache_store_errors_total",
                        "coe_cache_lookup_seconds_bucket");
        // tracing.* reached the process: the chat completions' spans went to the collector with the Secret's token.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (exportTokens.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(exportTokens).isNotEmpty().allMatch(collectorToken::equals);

        // The shared state is the Redis from the Secret, under the prefix from the values.
        try (Resp redis = Resp.connect(URI.create(redisUrl))) {
            assertThat(redis.keys(keyPrefix + "*")).anyMatch(k -> k.startsWith(keyPrefix + "experts"));
        }

        // SIGTERM, as the kubelet sends after preStop: Spring's graceful shutdown, well within the grace period.
        long pid = process.pid();
        assertThat(ProcessHandle.of(pid).orElseThrow().info().arguments().orElse(new String[0]))
                .noneMatch(a -> a.contains(adminKey));
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(output).contains("Graceful shutdown complete");
        // router.logFormat: ecs reached Spring Boot as logging.structured.format.console: one JSON object a line.
        assertThat(output.lines().filter(l -> l.contains("Graceful shutdown complete")))
                .isNotEmpty()
                .allMatch(l -> l.startsWith("{") && l.endsWith("}") && l.contains("\"ecs\":{\"version\""));
        // Nothing was written into the image's folder (the root filesystem is read-only in the pod).
        assertThat(listing(app)).isEqualTo(appFilesBefore);
    }

    /**
     * {@code java -Djarmode=tools -jar app.jar extract --layers --application-filename coe-router.jar}, then the
     * layers copied into one folder.
     */
    private Path extractLayers(Dockerfile image) throws Exception {
        Path jar = Path.of(System.getProperty("coe.router.jar"));
        assertThat(jar).as("the exec jar (build router-service first)").exists();
        assertThat(image.run())
                .anyMatch(r -> r.contains("-Djarmode=tools -jar app.jar extract --layers --application-filename"
                        + " coe-router.jar --destination extracted"));
        Path extracted = work.resolve("extracted");
        Process extract = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--layers",
                        "--application-filename",
                        "coe-router.jar",
                        "--destination",
                        extracted.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("extract.log").toFile())
                .start();
        assertThat(extract.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(extract.exitValue())
                .as(Files.readString(work.resolve("extract.log")))
                .isZero();
        Path app = work.resolve("app");
        for (String layer : image.layers()) {
            Chart.moveTreeMerging(extracted.resolve(layer), app);
        }
        return app;
    }

    /**
     * The Dockerfile's AOT stage: its training run ({@code RUN ... java -XX:AOTCacheOutput=/aot/...}) in the app
     * folder with the image's environment, then {@code COPY --from=aot-cpu /aot/coe-router.aot /app/coe-router.aot}.
     * Returns the cache's path in the app folder.
     */
    private Path trainAotCache(Dockerfile image, Path app, Map<String, Path> mounts) throws Exception {
        String run = image.run().stream()
                .filter(r -> r.contains("-XX:AOTCacheOutput="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no training run in the Dockerfile"));
        Path aot = Files.createDirectories(work.resolve("aot"));
        List<String> command = new ArrayList<>();
        for (String arg : run.substring(run.indexOf("java ")).trim().split("\\s+")) {
            command.add(arg.replace("/aot/", aot + "/"));
        }
        command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv("PATH"));
        image.env().forEach((k, v) -> env.put(k, mapPaths(v, mounts)));
        Path log = work.resolve("aot-training.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(app.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process training = builder.start();
        assertThat(training.waitFor(600, TimeUnit.SECONDS))
                .as("the training run ends")
                .isTrue();
        assertThat(training.exitValue()).as(tail(log)).isZero();
        assertThat(Files.readString(log))
                .contains("warm-up: 300 requests answered")
                .contains("coe.warmup.exit: exiting after the warm-up");
        String copy = Files.readAllLines(Chart.dir().resolve("../../Dockerfile")).stream()
                .filter(l -> l.startsWith("COPY --from=aot-cpu "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the image does not copy the AOT cache"));
        String[] parts = copy.split("\\s+");
        Path made = Path.of(parts[2].replace("/aot/", aot + "/"));
        assertThat(made).as("the AOT cache the training run wrote").isRegularFile();
        assertThat(parts[3]).startsWith("/app/");
        Path cache = app.resolve(parts[3].substring("/app/".length()));
        Files.copy(made, cache);
        return cache;
    }

    private static Set<String> listing(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(p -> root.relativize(p).toString())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    /** Replaces each mount path at the start of a path in {@code value} by the folder standing in for it. */
    static String mapPaths(String value, Map<String, Path> mounts) {
        // One pass over all mount paths, longest first, so a replaced folder is never mapped again.
        String alternatives = mounts.keySet().stream()
                .sorted(java.util.Comparator.comparing(String::length).reversed())
                .map(Pattern::quote)
                .collect(java.util.stream.Collectors.joining("|"));
        Matcher m = Pattern.compile("(?<![\\w./-])(" + alternatives + ")(?=/|$|\\s|\")")
                .matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    out, Matcher.quoteReplacement(mounts.get(m.group(1)).toString()));
        }
        return m.appendTail(out).toString();
    }

    /** Kubernetes' {@code $(VAR)} expansion of variables defined earlier. */
    private static String expand(String value, Map<String, String> env) {
        Matcher m = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    private void awaitOk(int port, String path, Path log, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the router exited (" + process.exitValue() + "):\n" + tail(log));
            }
            try {
                if (get(port, path, null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " did not answer 200 within " + timeout + ":\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static HttpResponse<String> get(int port, String path, String bearer) throws Exception {
        return send(port, "GET", path, bearer, null);
    }

    private static HttpResponse<String> send(int port, String method, String path, String bearer, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }
}
