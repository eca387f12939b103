package io.coerouter.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The gateway under test, run as a separate JVM from its jar; killed on {@link #close()} and on JVM exit. */
final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread hook;

    private GatewayProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.hook = new Thread(this::kill, "gateway-killer");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts {@code java jvmArgs -jar jar --server.port=<free> --spring.config.additional-location=file:config
     * --logging.level.root=WARN appArgs}, output to {@code log}.
     */
    static GatewayProcess start(Path java, List<String> jvmArgs, Path jar, Path config, List<String> appArgs, Path log)
            throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        command.add("--spring.config.additional-location=file:" + config);
        command.add("--logging.level.root=WARN");
        command.addAll(appArgs);
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new GatewayProcess(p, port, log);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Polls {@code GET /actuator/health/readiness} until it answers 200 with UP; false on timeout or exit. */
    boolean awaitReady(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        byte[] request = HttpConnection.get(port, "/actuator/health/readiness");
        for (int attempt = 0; attempt < 100_000 && System.nanoTime() < deadline; attempt++) {
            if (!process.isAlive()) {
                return false;
            }
            try (HttpConnection c = new HttpConnection(port, 2_000)) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                int status = c.exchange(request, body);
                if (status == 200 && body.toString(StandardCharsets.UTF_8).contains("\"UP\"")) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** The last {@code lines} lines of the gateway's output. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    private void kill() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    /**
     * The benchmarks' router configuration: one {@code openai} expert, {@code upstream}, the default, pointed at a
     * loopback upstream on {@code upstreamPort}, with {@code maxConcurrency} calls at a time and {@code extra} YAML
     * lines of that expert (indented as its fields, or empty).
     */
    static String oneExpertYaml(int upstreamPort, int maxConcurrency, String extra) {
        return """
                coe:
                  default-expert: upstream
                  experts:
                    - id: upstream
                      adapter: openai
                      base-url: http://127.0.0.1:%d/v1
                      model: bench-model
                      max-concurrency: %d
                """
                        .formatted(upstreamPort, maxConcurrency)
                + extra;
    }
}
