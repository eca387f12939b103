package io.coerouter.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Router processes from the packaged jar for the cluster benchmarks, on one Redis under a key prefix of their own:
 * either {@code coe.role=all} replicas (each a whole router, as a plain Kubernetes Service spreads requests over) or
 * a {@code coe.role=gateway} with {@code coe.role=worker}s sharing the per-expert queues. {@link #close()} stops every
 * process and deletes the prefix's keys.
 */
final class RouterCluster implements AutoCloseable {

    /** One router process: its name ({@code replica-0}, {@code gateway}, {@code worker-1}) and role. */
    record Node(String name, String role, GatewayProcess process) {
        int port() {
            return process.port();
        }
    }

    /**
     * How the processes are started.
     *
     * @param java the {@code java} to run them with
     * @param jvmArgs their JVM flags
     * @param jar the router's {@code -exec} jar
     * @param redisUrl the Redis they share
     * @param args Spring arguments every process gets
     */
    record Launch(Path java, List<String> jvmArgs, Path jar, String redisUrl, List<String> args) {}

    /** The options both cluster benchmarks take for their router processes, with their defaults. */
    static final class ProcessOptions {
        String redis = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");
        Path java = Path.of(System.getProperty("coe.bench.java", System.getProperty("java.home") + "/bin/java"));
        Path jar = Path.of("router-service/target/router-service-0.1.0-SNAPSHOT-exec.jar");
        List<String> jvmArgs = List.of("--enable-native-access=ALL-UNNAMED", "-Xmx512m");
        int startupSeconds = 300;

        /** Parses {@code args}: these options here, every other one by {@code rest}. */
        void parse(String[] args, Args.Option rest) {
            Args.parse(args, (name, value) -> {
                if (!accept(name, value)) {
                    rest.accept(name, value);
                }
            });
        }

        /** Takes {@code --name=value} when it is one of these; false when it is not. */
        private boolean accept(String name, String value) {
            switch (name) {
                case "redis" -> redis = value;
                case "java" -> java = Path.of(value);
                case "jar" -> jar = Path.of(value);
                case "jvm-args" -> jvmArgs = List.of(value.trim().split("\\s+"));
                case "startup-timeout" -> startupSeconds = Integer.parseInt(value);
                default -> {
                    return false;
                }
            }
            return true;
        }

        /** Fails when the jar is missing, naming the command that builds it. */
        void check() {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no router jar at " + jar.toAbsolutePath()
                        + "; build it: ./mvnw -q -B -pl router-service -am package -DskipTests");
            }
        }

        Launch launch(List<String> args) {
            return new Launch(java, jvmArgs, jar, redis, args);
        }

        Duration startup() {
            return Duration.ofSeconds(startupSeconds);
        }

        /** The machine, the JVMs and where the processes come from, for a benchmark's printed method. */
        String describe() {
            return String.format(
                    Locale.ROOT,
                    "Machine: %d CPUs (%s), %s memory, load average %s; driver JVM %s; router processes: %s (%s),"
                            + " flags %s%n"
                            + "Jar: %s; Redis %s (a fresh key prefix per cluster, its keys deleted after)",
                    Runtime.getRuntime().availableProcessors(),
                    Machine.cpuModel(),
                    Machine.memory(),
                    Machine.loadAverage(),
                    Runtime.version(),
                    java,
                    Machine.javaVersion(java),
                    String.join(" ", jvmArgs),
                    jar,
                    redis);
        }
    }

    private final List<Node> nodes;
    private final String redisUrl;
    private final String prefix;
    private final Path work;

    private RouterCluster(List<Node> nodes, String redisUrl, String prefix, Path work) {
        this.nodes = nodes;
        this.redisUrl = redisUrl;
        this.prefix = prefix;
        this.work = work;
    }

    /** {@code n} processes with {@code coe.role=all}, each with {@code args} besides the launch's own. */
    static RouterCluster replicas(Launch launch, int n, List<String> args) throws IOException {
        List<String[]> plan = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            plan.add(new String[] {"replica-" + i, "all"});
        }
        return start(launch, plan, args, args);
    }

    /** One {@code coe.role=gateway} and {@code workers} processes with {@code coe.role=worker}. */
    static RouterCluster dispatch(Launch launch, int workers, List<String> workerArgs, List<String> gatewayArgs)
            throws IOException {
        List<String[]> plan = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            plan.add(new String[] {"worker-" + i, "worker"});
        }
        plan.add(new String[] {"gateway", "gateway"});
        return start(launch, plan, workerArgs, gatewayArgs);
    }

    private static RouterCluster start(
            Launch launch, List<String[]> plan, List<String> workerArgs, List<String> apiArgs) throws IOException {
        String prefix = "coe-bench:" + UUID.randomUUID() + ":";
        Path work = Files.createTempDirectory("coe-cluster-bench-");
        Path config = work.resolve("empty.yaml");
        Files.writeString(config, "# the settings are on the command line\n");
        List<Node> nodes = new ArrayList<>();
        try {
            for (String[] p : plan) {
                List<String> args = new ArrayList<>(launch.args());
                args.addAll(List.of(
                        "--coe.role=" + p[1],
                        "--coe.redis.url=" + launch.redisUrl(),
                        "--coe.redis.key-prefix=" + prefix,
                        "--logging.level.io.coerouter.router.dispatch=INFO"));
                args.addAll(p[1].equals("worker") ? workerArgs : apiArgs);
                GatewayProcess process = GatewayProcess.start(
                        launch.java(), launch.jvmArgs(), launch.jar(), config, args, work.resolve(p[0] + ".log"));
                nodes.add(new Node(p[0], p[1], process));
            }
        } catch (IOException | RuntimeException e) {
            nodes.forEach(n -> n.process().close());
            throw e;
        }
        return new RouterCluster(List.copyOf(nodes), launch.redisUrl(), prefix, work);
    }

    /** Waits until every process is ready, and with workers until the gateway's {@code /admin/cluster} lists them. */
    RouterCluster awaitReady(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Node n : nodes) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (!n.process().awaitReady(Math.max(1, left))) {
                throw new IllegalStateException(n.name() + " was not ready in " + limit + "; its log ends:\n"
                        + n.process().logTail(40));
            }
        }
        if (!workers().isEmpty()) {
            int port = gateway().port();
            while (RouterHttp.getJson(port, "/admin/cluster").path("workers").size()
                    < workers().size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the gateway never listed " + workers().size() + " workers");
                }
                Thread.sleep(200);
            }
        }
        return this;
    }

    List<Node> nodes() {
        return nodes;
    }

    /** Each worker's name by its id in the cluster (its replica id, which traces and records carry). */
    Map<String, String> workerNames() throws IOException, InterruptedException {
        Map<String, String> names = new HashMap<>();
        for (Node w : workers()) {
            names.put(
                    RouterHttp.getJson(w.port(), "/admin/cluster")
                            .path("replica")
                            .asString(),
                    w.name());
        }
        return names;
    }

    /** The processes that answer the API: the replicas, or the gateway. */
    List<Node> api() {
        return nodes.stream().filter(n -> !n.role().equals("worker")).toList();
    }

    /** The processes that run local models: the replicas, or the workers. */
    List<Node> models() {
        return nodes.stream().filter(n -> !n.role().equals("gateway")).toList();
    }

    List<Node> workers() {
        return nodes.stream().filter(n -> n.role().equals("worker")).toList();
    }

    Node gateway() {
        return nodes.stream()
                .filter(n -> n.role().equals("gateway"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no gateway in this cluster"));
    }

    String prefix() {
        return prefix;
    }

    /** Where the processes' logs are. */
    Path logs() {
        return work;
    }

    /** The lines of {@code node}'s log that contain {@code text}. */
    long logLines(Node node, String text) {
        try (var lines = Files.lines(work.resolve(node.name() + ".log"))) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        nodes.forEach(n -> n.process().close());
        long deleted = 0;
        RedisClient client = RedisClient.create(redisUrl);
        try (var connection = client.connect()) {
            var commands = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(500);
            do {
                var page = commands.scan(cursor, match);
                if (!page.getKeys().isEmpty()) {
                    deleted += commands.unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
        System.out.printf("(stopped %d processes; deleted %d Redis keys under %s)%n", nodes.size(), deleted, prefix);
    }
}
