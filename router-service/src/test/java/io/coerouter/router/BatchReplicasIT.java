package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import io.coerouter.expert.testing.OpenAiStubServer;
import io.coerouter.router.state.RedisTestServer;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batches across routers sharing one real Redis server, their expert a slow loopback OpenAI stub: a batch created on one
 * router is read and cancelled on the other, and a batch whose router stops mid-way is resumed by another router, which
 * runs only the lines not finished yet.
 */
class BatchReplicasIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static final OpenAiStubServer STUB = OpenAiStubServer.start();
    private final List<ConfigurableApplicationContext> routers = new ArrayList<>();

    private ConfigurableApplicationContext start() {
        ConfigurableApplicationContext router = Routers.start(
                REDIS,
                "--coe.default-expert=echo",
                // Short leases, so a router that stopped without releasing one is replaced soon.
                "--coe.batch.lease=2s",
                // One call per expert batch: lines finish one or two at a time, so a stop falls mid-batch.
                "--coe.scheduler.max-batch-size=1",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.experts[1].id=stub-gpt",
                "--coe.experts[1].adapter=openai",
                "--coe.experts[1].base-url=" + STUB.baseUrl(),
                "--coe.experts[1].model=gpt-stub",
                "--coe.experts[1].request-timeout=20s",
                "--coe.experts[1].resilience.max-attempts=1",
                "--coe.experts[1].resilience.circuit-breaker=false");
        routers.add(router);
        return router;
    }

    private static OpenAIClient client(ConfigurableApplicationContext router) {
        return OpenAIOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + Routers.port(router) + "/v1")
                .apiKey("not-checked")
                .maxRetries(0)
                .build();
    }

    @AfterEach
    void stop() {
        routers.forEach(ConfigurableApplicationContext::close);
        STUB.reset();
        REDIS.clean();
    }

    @AfterAll
    static void close() {
        STUB.close();
        REDIS.close();
    }

    /** {@code lines} requests to the stub expert, each asking {@code line-<i>}; every stub answer takes {@code delay}. */
    private static String upload(OpenAIClient client, int lines, Duration delay) {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            jsonl.append("{\"custom_id\":\"line-")
                    .append(i)
                    .append("\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":")
                    .append(DemoHttp.chat("stub-gpt", "line-" + i, null))
                    .append("}\n");
        }
        for (int i = 0; i < 3 * lines; i++) {
            STUB.enqueue(new OpenAiStubServer.Delay(delay));
        }
        return client.files()
                .create(FileCreateParams.builder()
                        .file(jsonl.toString().getBytes(StandardCharsets.UTF_8))
                        .purpose(FilePurpose.BATCH)
                        .build())
                .id();
    }

    private static Batch create(OpenAIClient client, String fileId) {
        return client.batches()
                .create(BatchCreateParams.builder()
                        .inputFileId(fileId)
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H)
                        .build());
    }

    private static Batch await(OpenAIClient client, String id, Predicate<Batch> until) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            Batch batch = client.batches().retrieve(id);
            if (until.test(batch)) {
                return batch;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("batch " + id + " did not get there in 120 s: "
                + client.batches().retrieve(id));
    }

    private static boolean ended(Batch batch) {
        return Set.of("completed", "failed", "cancelled", "expired")
                .contains(batch.status().asString());
    }

    /** Every line of a file, in order. */
    private static List<JsonNode> lines(OpenAIClient client, String fileId) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (var response = client.files().content(fileId)) {
            for (String l : new String(response.body().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank()) {
                    lines.add(JSON.readTree(l));
                }
            }
        }
        return lines;
    }

    /** How many times the stub was asked each question. */
    private static Map<String, Integer> asked() {
        Map<String, Integer> asked = new HashMap<>();
        for (OpenAiStubServer.Received r : STUB.received()) {
            var messages = r.body().path("messages"); // the stub's own (Jackson 2) tree
            asked.merge(messages.get(messages.size() - 1).path("content").asText(), 1, Integer::sum);
        }
        return asked;
    }

    /** The custom ids of the lines the store holds as finished for {@code batchId}, read straight from Redis. */
    private static Set<String> finishedInRedis(String batchId) {
        RedisClient redis = RedisClient.create(REDIS.url());
        try (var connection = redis.connect()) {
            Set<String> ids = new java.util.HashSet<>();
            for (String line : connection
                    .sync()
                    .hgetall(REDIS.prefix() + "batch:" + batchId + ":output")
                    .values()) {
                ids.add(JSON.readTree(line).path("custom_id").asString());
            }
            return ids;
        } finally {
            redis.shutdown();
        }
    }

    @Test
    void aBatchCreatedOnOneRouterIsReadAndCancelledOnTheOther() throws Exception {
        OpenAIClient first = client(start());
        OpenAIClient second = client(start());
        String file = upload(first, 8, Duration.ofMillis(500));

        Batch created = create(first, file);

        assertThat(second.files().retrieve(file).filename()).isNotBlank();
        Batch seen = second.batches().retrieve(created.id());
        assertThat(seen.id()).isEqualTo(created.id());
        assertThat(seen.inputFileId()).isEqualTo(file);
        assertThat(second.batches().list().data()).extracting(Batch::id).contains(created.id());

        await(second, created.id(), b -> b.requestCounts().orElseThrow().completed() >= 1);
        Batch cancelling = second.batches().cancel(created.id());
        assertThat(cancelling.status().asString()).isIn("cancelling", "cancelled");

        Batch cancelled = await(first, created.id(), BatchReplicasIT::ended);
        assertThat(cancelled.status().asString()).isEqualTo("cancelled");
        var counts = cancelled.requestCounts().orElseThrow();
        assertThat(counts.total()).isEqualTo(8);
        assertThat(counts.completed() + counts.failed()).isEqualTo(8);
        assertThat(counts.failed()).as("lines not run when the cancel arrived").isPositive();
        assertThat(lines(second, cancelled.errorFileId().orElseThrow()))
                .allSatisfy(
                        l -> assertThat(l.path("error").path("code").asString()).isEqualTo("batch_cancelled"));
    }

    @Test
    void aBatchWhoseRouterStopsIsResumedByAnotherRouterWithoutRunningFinishedLinesAgain() throws Exception {
        ConfigurableApplicationContext stopping = start();
        OpenAIClient first = client(stopping);
        int total = 12;
        String file = upload(first, total, Duration.ofMillis(400));
        String id = create(first, file).id();
        await(first, id, b -> b.requestCounts().orElseThrow().completed() >= 4);
        // Read before the stop, so each of these lines surely finished on the first router.
        Set<String> finishedBeforeStop = finishedInRedis(id);

        stopping.close();
        Batch left = client(start()).batches().retrieve(id);
        OpenAIClient second = client(routers.getLast());

        assertThat(finishedBeforeStop).hasSizeGreaterThanOrEqualTo(4);
        assertThat(left.status().asString())
                .as("a stop neither fails nor cancels a batch")
                .isIn("in_progress", "completed");
        Batch done = await(second, id, BatchReplicasIT::ended);
        assertThat(done.status().asString()).isEqualTo("completed");
        assertThat(done.requestCounts().orElseThrow().completed()).isEqualTo(total);
        assertThat(done.errorFileId()).isEmpty();
        Map<String, Integer> answered = new LinkedHashMap<>();
        for (JsonNode line : lines(second, done.outputFileId().orElseThrow())) {
            answered.merge(line.path("custom_id").asString(), 1, Integer::sum);
            assertThat(line.path("response").path("status_code").asInt()).isEqualTo(200);
        }
        assertThat(answered).hasSize(total).allSatisfy((customId, times) -> assertThat(times)
                .as(customId + " in the output file")
                .isEqualTo(1));
        Map<String, Integer> asked = asked();
        for (String customId : finishedBeforeStop) {
            assertThat(asked.get(customId))
                    .as(customId + " sent to the provider")
                    .isEqualTo(1);
        }
    }
}
