package io.coerouter.router.usage;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL 15 server for one test: {@code initdb} in a temporary directory, {@code pg_ctl} on a free
 * loopback port, trust authentication for user {@code postgres}. A test may stop it abruptly ({@link #stop}, as a
 * crash or an outage would) and start it again. Run as root, the server runs as the {@code postgres} OS user (it
 * refuses root) on a data directory that user owns.
 */
public final class PostgresTestServer implements AutoCloseable {

    /** Debian's PostgreSQL 15 binaries. */
    static final Path BIN = Path.of(System.getProperty("coe.test.postgres.bin", "/usr/lib/postgresql/15/bin"));

    private final Path dir;
    private final Path data;
    private final int port;
    private boolean running;

    private PostgresTestServer(Path dir, int port) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
    }

    /** Whether the binaries are installed. */
    public static boolean available() {
        return Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("pg_ctl"));
    }

    /** Initialises a cluster and starts it. */
    public static PostgresTestServer start() {
        try {
            Path dir = Files.createTempDirectory("coe-pg-");
            PostgresTestServer server = new PostgresTestServer(dir, freePort());
            if (asRoot()) {
                run(List.of("chown", "postgres:postgres", dir.toString()), false);
            }
            server.pg(List.of(
                    BIN.resolve("initdb").toString(),
                    "-D",
                    server.data.toString(),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--no-sync"));
            server.startAgain();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a private PostgreSQL", e);
        }
    }

    public int port() {
        return port;
    }

    /** A JDBC URL of {@code database} on this server (user postgres, no password). */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Starts the stopped server again on the same port and data. */
    public synchronized void startAgain() {
        pg(List.of(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
                "-w",
                "-t",
                "60",
                "start"));
        running = true;
    }

    /** Stops the server at once ({@code pg_ctl stop -m immediate}): connections break, nothing is flushed. */
    public synchronized void stop() {
        pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
        running = false;
    }

    @Override
    public synchronized void close() {
        if (running) {
            stop();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    private void pg(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full, true);
    }

    private static void run(List<String> command, boolean quiet) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("exit " + p.exitValue() + ": " + command);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
