package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (the {@code -exec} jar {@code package} builds) started as its own process, with its own
 * class path rather than the tests': a dependency that only the tests bring (a test-scoped jar shadowing a runtime
 * one) fails here, as it would in the image and under {@code spring-boot:run}.
 */
class PackagedJarIT {

    private static Process router;
    private static Path log;
    private static int port;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startThePackagedJar() throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no -exec.jar under target/: run `package` first"));
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        log = Files.createTempFile(Path.of("target"), "packaged-jar-", ".log");
        router = new ProcessBuilder(List.of(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-Djava.io.tmpdir=" + Path.of("target").toAbsolutePath(),
                        "-jar",
                        jar.toString(),
                        "--server.port=" + port,
                        "--coe.default-expert=echo",
                        "--coe.experts[0].id=echo",
                        "--coe.experts[0].adapter=echo",
                        "--coe.skills.warm-up=false"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!router.isAlive()) {
                throw new IllegalStateException("the packaged router exited (" + router.exitValue() + "):\n" + tail());
            }
            if (status("/actuator/health/readiness") == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the packaged router was not ready in 120 s:\n" + tail());
    }

    @AfterAll
    static void stop() throws Exception {
        if (router != null) {
            router.destroy();
            if (!router.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                router.destroyForcibly();
            }
        }
    }

    @Test
    void thePackagedRouterAnswersAChatCompletionAndServesItsApiDocument() throws Exception {
        HttpResponse<String> chat = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"packaged\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(chat.statusCode()).as(tail()).isEqualTo(200);
        assertThat(chat.body()).contains("\"object\":\"chat.completion\"").contains("packaged");
        assertThat(status("/openapi.yaml")).isEqualTo(200);
    }

    private static int status(String path) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
