package io.coerouter.router.state;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis server for tests: the one {@code REDIS_URL} names (CI's), or a {@code redis-server} this test starts
 * on a free port. Each test gets its own key prefix and deletes only its own keys. {@link #own()} always starts a
 * server of its own, which a test may stop and start again (outages). Registered as a JUnit extension
 * ({@code @RegisterExtension}), it deletes the test's keys after each test and closes after all of them.
 */
public final class RedisTestServer implements AutoCloseable, AfterEachCallback, AfterAllCallback {

    private final String url;
    private final String prefix = "coe-test:" + UUID.randomUUID() + ":";
    private final int port;
    private final Path dir;
    private final String password;
    private Process process;
    private final List<RedisState> connections = new CopyOnWriteArrayList<>();

    private RedisTestServer(String url, int port, Path dir) {
        this(url, port, dir, null);
    }

    private RedisTestServer(String url, int port, Path dir, String password) {
        this.url = url;
        this.port = port;
        this.dir = dir;
        this.password = password;
    }

    /** {@code REDIS_URL} when set, else a server of this test's own. */
    public static RedisTestServer shared() {
        String env = System.getenv("REDIS_URL");
        return env != null && !env.isBlank() ? new RedisTestServer(env, -1, null) : own();
    }

    /** A {@code redis-server} of this test's own, on a free loopback port, keeping nothing on disk. */
    public static RedisTestServer own() {
        return own(null);
    }

    /**
     * A {@code redis-server} of this test's own that requires {@code password} ({@code requirepass}; none when null);
     * its {@link #url()} carries the password ({@code redis://:password@127.0.0.1:port}).
     */
    public static RedisTestServer own(String password) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String auth = password == null ? "" : ":" + password + "@";
            RedisTestServer server = new RedisTestServer(
                    "redis://" + auth + "127.0.0.1:" + port, port, Files.createTempDirectory("coe-redis"), password);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (install Debian's redis-server)", e);
        }
    }

    public String url() {
        return url;
    }

    /** The key prefix this test writes under. */
    public String prefix() {
        return prefix;
    }

    /** Starts (or starts again) the server of {@link #own()}, waiting until it answers. */
    public synchronized void start() throws IOException {
        if (port < 0) {
            throw new IllegalStateException("a shared Redis server is not this test's to start");
        }
        List<String> command = new ArrayList<>(List.of(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString()));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        for (int i = 0; i < 100; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    /** Stops the server of {@link #own()} (an outage). */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** A connection under this test's prefix, closed with the server. */
    public RedisState connect() {
        return connect(Duration.ofSeconds(2));
    }

    /** A connection under this test's prefix whose commands time out after {@code timeout}, closed with the server. */
    public RedisState connect(Duration timeout) {
        RedisState redis = RedisState.connect(url, prefix, timeout);
        connections.add(redis);
        return redis;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clean();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Nested test classes inherit the extension: only the outermost class's end closes the server.
        if (!context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
            close();
        }
    }

    /** Deletes every key under this test's prefix. */
    public void clean() {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                var scan = redis.scan(
                        cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
                if (!scan.getKeys().isEmpty()) {
                    redis.del(scan.getKeys().toArray(String[]::new));
                }
                cursor = scan;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }

    @Override
    public void close() {
        connections.forEach(RedisState::close);
        connections.clear();
        if (port < 0) {
            clean();
        }
        stop();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
