package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.dispatch.ClusterDirectory;
import io.coerouter.router.dispatch.ResidentModel;
import io.coerouter.router.dispatch.WorkerResidency;
import io.coerouter.router.state.RedisTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A gateway ({@code coe.role=gateway}) in the failures its clients see: no worker alive (503), its expert's cluster
 * queue full (429 with Retry-After), and Redis gone (503 for local experts while remote ones keep answering), then
 * back (local experts answer again by themselves), on a real redis-server the test stops and starts and a real worker
 * process.
 */
class GatewayDispatchIT {

    private static final RedisTestServer REDIS = RedisTestServer.own();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String LOCAL = "arithmetic-expert";
    private static final List<String> EXPERTS = List.of(
            "--coe.default-expert=echo",
            "--coe.experts[0].id=echo",
            "--coe.experts[0].adapter=echo",
            "--coe.experts[1].id=" + LOCAL,
            "--coe.experts[1].adapter=djl",
            "--coe.experts[1].model-path=classpath:coe-demo-experts/" + LOCAL,
            "--coe.experts[1].request-timeout=8s");
    private static final List<String> DISPATCH = List.of(
            "--coe.redis.timeout=500ms",
            "--coe.dispatch.heartbeat=200ms",
            "--coe.dispatch.ttl=1s",
            "--coe.dispatch.lease=2s",
            "--coe.dispatch.block=100ms");

    @AfterAll
    static void stop() {
        REDIS.close();
    }

    private static ConfigurableApplicationContext gateway(String... more) {
        List<String> args = new ArrayList<>(EXPERTS);
        args.addAll(DISPATCH);
        args.add("--coe.role=gateway");
        args.addAll(List.of(more));
        return Routers.start(REDIS, args.toArray(String[]::new));
    }

    @Test
    void withoutALiveWorkerALocalExpertIs503AndWithItsQueueFullItIs429WithRetryAfter() throws Exception {
        try (ConfigurableApplicationContext router = gateway("--coe.dispatch.queue-capacity=2");
                ClusterDirectory directory =
                        ClusterDirectory.redis(REDIS.url(), REDIS.prefix(), Duration.ofSeconds(2), Clock.systemUTC())) {
            int port = Routers.port(router);

            HttpResponse<String> none = chat(port, LOCAL, "What is 15 + 15?");
            assertThat(none.statusCode()).as(none.body()).isEqualTo(503);
            assertThat(error(none).path("code").asString()).isEqualTo("expert_unavailable");
            assertThat(error(none).path("message").asString()).contains("no worker is running");
            assertThat(none.headers().firstValue("Retry-After")).isPresent();
            assertThat(chat(port, "echo", "remote").statusCode())
                    .as("experts the gateway runs itself answer")
                    .isEqualTo(200);

            // A worker that holds the model but takes nothing: its queue fills up.
            directory.publishWorker(
                    new WorkerResidency(
                            "worker-paused",
                            List.of(new ResidentModel(LOCAL, 1_000_000, System.currentTimeMillis())),
                            List.of(),
                            3_000_000,
                            2_000_000,
                            0,
                            0,
                            System.currentTimeMillis()),
                    Duration.ofMinutes(1));
            List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                waiting.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return chat(port, LOCAL, "What is 15 + 15?");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            awaitDepth(directory, port, 2);

            HttpResponse<String> full = chat(port, LOCAL, "What is 15 + 15?");
            assertThat(full.statusCode()).as(full.body()).isEqualTo(429);
            assertThat(error(full).path("type").asString()).isNotBlank();
            assertThat(error(full).path("message").asString()).contains("queue holds 2");
            assertThat(full.headers().firstValue("Retry-After")).contains("1");

            directory.removeWorker("worker-paused");
            for (CompletableFuture<HttpResponse<String>> w : waiting) {
                assertThat(w.get().statusCode())
                        .as("nobody took it: it timed out")
                        .isEqualTo(504);
            }
        }
    }

    @Test
    void localExpertsAre503WhileRedisIsDownRemoteOnesKeepAnsweringAndBothRecoverByThemselves() throws Exception {
        List<String> workerArgs = new ArrayList<>(EXPERTS);
        workerArgs.addAll(DISPATCH);
        workerArgs.addAll(List.of(
                "--coe.role=worker", "--coe.redis.url=" + REDIS.url(), "--coe.redis.key-prefix=" + REDIS.prefix()));
        try (RouterProcess worker = RouterProcess.start("outage-worker", workerArgs);
                ConfigurableApplicationContext router = gateway()) {
            worker.awaitReady(Duration.ofSeconds(180));
            int port = Routers.port(router);
            awaitAnswer(port, "before the outage");

            REDIS.stop();

            HttpResponse<String> local = chat(port, LOCAL, "What is 15 + 15?");
            assertThat(local.statusCode()).as(local.body()).isEqualTo(503);
            assertThat(error(local).path("code").asString()).isEqualTo("expert_unavailable");
            assertThat(local.headers().firstValue("Retry-After")).isPresent();
            HttpResponse<String> remote = chat(port, "echo", "still here");
            assertThat(remote.statusCode()).as(remote.body()).isEqualTo(200);
            assertThat(remote.body()).contains("still here");

            REDIS.start(); // empty: streams, groups and records come back as gateway and worker use them
            awaitAnswer(port, "after the outage");
            assertThat(worker.alive()).isTrue();
        }
    }

    /** Waits until the local expert answers 30 through the worker (records and connections take a moment). */
    private static void awaitAnswer(int port, String when) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(deadline)) {
            last = chat(port, LOCAL, "What is 15 + 15?");
            if (last.statusCode() == 200) {
                JsonNode body = RouterProcess.JSON.readTree(last.body());
                assertThat(body.path("choices")
                                .path(0)
                                .path("message")
                                .path("content")
                                .asString()
                                .trim())
                        .isEqualTo("30");
                assertThat(body.path("coe")
                                .path("experts")
                                .path(0)
                                .path("worker")
                                .path("id")
                                .asString())
                        .as("answered by the worker")
                        .isNotBlank();
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the local expert did not answer " + when + ": " + last.body());
    }

    private static void awaitDepth(ClusterDirectory directory, int port, long depth) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> cluster = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/cluster"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode q : RouterProcess.JSON.readTree(cluster.body()).path("queues")) {
                if (q.path("expert").asString().equals(LOCAL)
                        && q.path("waiting").asLong() >= depth) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the queue of " + LOCAL + " never held " + depth);
    }

    private static HttpResponse<String> chat(int port, String model, String text) throws Exception {
        String body = RouterProcess.JSON.writeValueAsString(java.util.Map.of(
                "model", model, "messages", List.of(java.util.Map.of("role", "user", "content", text))));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> response) {
        return RouterProcess.JSON.readTree(response.body()).path("error");
    }
}
