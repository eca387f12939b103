package io.coerouter.router.state;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real three-master Redis Cluster for tests: three {@code redis-server --cluster-enabled yes} processes on free
 * loopback ports, joined by {@code redis-cli --cluster create}, nothing kept on disk. {@link #start()} returns once
 * every node says {@code cluster_state:ok}; {@link #close()} kills them all. Registered as a JUnit extension
 * ({@code @RegisterExtension static}), it closes after all tests.
 */
public final class RedisClusterTestServer implements AutoCloseable, AfterAllCallback {

    private static final int NODES = 3;

    private final String prefix = "coe-test:" + UUID.randomUUID() + ":";
    private final Path dir;
    private final List<Integer> ports = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private RedisClusterTestServer(Path dir) {
        this.dir = dir;
    }

    /**
     * Starts the cluster and waits until it serves every slot.
     *
     * @throws IllegalStateException when {@code redis-server} or {@code redis-cli} cannot build it
     */
    public static RedisClusterTestServer start() {
        RedisClusterTestServer server;
        try {
            server = new RedisClusterTestServer(Files.createTempDirectory("coe-redis-cluster"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a directory for the cluster", e);
        }
        try {
            server.startNodes();
            server.create();
            server.awaitOk();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new IllegalStateException("cannot start a Redis Cluster (install Debian's redis-server): " + e, e);
        }
    }

    /** One {@code redis://} URL per master, each a seed for a cluster client. */
    public List<String> seedUrls() {
        return ports.stream().map(port -> "redis://127.0.0.1:" + port).toList();
    }

    /** A key prefix of this test's own. */
    public String prefix() {
        return prefix;
    }

    /** The slot the cluster puts {@code key} in ({@code CLUSTER KEYSLOT}). */
    public int keyslot(String key) {
        return Math.toIntExact(onNode(ports.getFirst(), redis -> redis.sync().clusterKeyslot(key)));
    }

    private void startNodes() throws IOException {
        List<Integer> free = freePorts(NODES * 2);
        for (int i = 0; i < NODES; i++) {
            int port = free.get(i);
            int bus = free.get(NODES + i);
            ports.add(port);
            processes.add(new ProcessBuilder(List.of(
                            "redis-server",
                            "--port",
                            Integer.toString(port),
                            "--cluster-port",
                            Integer.toString(bus),
                            "--bind",
                            "127.0.0.1",
                            "--cluster-enabled",
                            "yes",
                            "--cluster-config-file",
                            dir.resolve("nodes-" + port + ".conf").toString(),
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                            "--dir",
                            dir.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis-" + port + ".log").toFile())
                    .start());
        }
        for (int port : ports) {
            awaitListening(port);
        }
    }

    private void create() throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        ports.forEach(port -> command.add("127.0.0.1:" + port));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Path log = dir.resolve("create.log");
        Process create = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!create.waitFor(60, TimeUnit.SECONDS)) {
                create.destroyForcibly();
                throw new IllegalStateException("redis-cli --cluster create took over 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (create.exitValue() != 0) {
            throw new IllegalStateException(
                    "redis-cli --cluster create failed: " + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private void awaitOk() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int port : ports) {
            while (!onNode(port, redis -> redis.sync().clusterInfo()).contains("cluster_state:ok")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("node " + port + " did not reach cluster_state:ok");
                }
                sleep(100);
            }
        }
    }

    private static <T> T onNode(int port, java.util.function.Function<StatefulRedisConnection<String, String>, T> f) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return f.apply(connection);
        } finally {
            client.shutdown();
        }
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void awaitListening(int port) {
        for (int i = 0; i < 200; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Kills every node and deletes their directory. */
    @Override
    public void close() {
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (Process process : processes) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the system cleans it eventually
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
