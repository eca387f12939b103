package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Batch API end to end, driven by the official OpenAI Java SDK, on the demo experts (real DJL models) with a
 * device budget that holds only two of them: a routed batch loads each needed model once, answers every line as the
 * online endpoint would, and accounts for every bad line in the error file.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"coe.local.device-memory-budget=3MB", "coe.local.host-memory-budget=0"})
class BatchApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> SKILLS =
            List.of("arithmetic", "unit-conversion", "string-manipulation", "calendar", "capitals");
    private static final Pattern LOADS =
            Pattern.compile("coe_model_loads_total\\{[^}]*expert=\"([^\"]+)\"[^}]*} ([0-9.]+)");

    @LocalServerPort
    int port;

    private OpenAIClient client;
    private DemoHttp http;

    @BeforeEach
    void client() {
        client = OpenAIOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + port + "/v1")
                .apiKey("not-checked-yet")
                .maxRetries(0)
                .build();
        http = new DemoHttp(port);
    }

    /** Test-split questions, {@code perSkill} of each skill, interleaved so consecutive lines need other models. */
    private static List<String> questions(int perSkill) throws IOException {
        Map<String, List<String>> bySkill = new LinkedHashMap<>();
        try (InputStream in = BatchApiIT.class.getResourceAsStream("/coe-demo-experts/eval/demo-eval.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                JsonNode q = JSON.readTree(line);
                if (q.path("split").asString().equals("test")) {
                    bySkill.computeIfAbsent(q.path("skill").asString(), s -> new ArrayList<>())
                            .add(q.path("question").asString());
                }
            }
        }
        List<String> interleaved = new ArrayList<>();
        for (int i = 0; i < perSkill; i++) {
            for (String skill : SKILLS) {
                interleaved.add(bySkill.get(skill).get(i));
            }
        }
        return interleaved;
    }

    private static ObjectNode body(String model, String question) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", question);
        body.put("max_tokens", 24);
        body.put("temperature", 0);
        return body;
    }

    private static String line(String customId, JsonNode body) {
        ObjectNode line = JSON.createObjectNode();
        line.put("custom_id", customId);
        line.put("method", "POST");
        line.put("url", "/v1/chat/completions");
        line.set("body", body);
        return JSON.writeValueAsString(line);
    }

    private String upload(String jsonl) {
        FileObject file = client.files()
                .create(FileCreateParams.builder()
                        .file(jsonl.getBytes(StandardCharsets.UTF_8))
                        .purpose(FilePurpose.BATCH)
                        .build());
        assertThat(file.id()).startsWith("file-");
        return file.id();
    }

    private Batch create(String fileId) {
        return client.batches()
                .create(BatchCreateParams.builder()
                        .inputFileId(fileId)
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H)
                        .build());
    }

    private Batch awaitEnd(String id) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            Batch batch = client.batches().retrieve(id);
            String status = batch.status().asString();
            if (Set.of("completed", "failed", "cancelled", "expired").contains(status)) {
                return batch;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("batch " + id + " did not finish in 120 s");
    }

    /** The lines of a file, by custom_id. */
    private Map<String, JsonNode> lines(String fileId) throws IOException {
        Map<String, JsonNode> lines = new LinkedHashMap<>();
        try (var response = client.files().content(fileId)) {
            String text = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            for (String l : text.split("\n")) {
                if (!l.isBlank()) {
                    JsonNode node = JSON.readTree(l);
                    lines.put(node.path("custom_id").asString(), node);
                }
            }
        }
        return lines;
    }

    private Map<String, Double> loads() throws Exception {
        Map<String, Double> loads = new HashMap<>();
        Matcher m = LOADS.matcher(http.get("/actuator/prometheus").raw());
        while (m.find()) {
            loads.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
        }
        return loads;
    }

    private String online(JsonNode body) throws Exception {
        DemoHttp.Reply response = http.post("/v1/chat/completions", JSON.writeValueAsString(body));
        assertThat(response.status()).isEqualTo(200);
        return response.body()
                .path("choices")
                .get(0)
                .path("message")
                .path("content")
                .asString();
    }

    @Test
    void aRoutedBatchLoadsEachNeededModelOnceAndAnswersEveryLineAsTheOnlineEndpointDoes() throws Exception {
        List<String> questions = questions(8);
        Map<String, JsonNode> bodies = new LinkedHashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            bodies.put("q-" + i, body("coe", questions.get(i)));
        }
        ObjectNode voted = body("coe", questions.getFirst());
        voted.putObject("coe").put("k", 2).put("aggregator", "vote");
        bodies.put("voted", voted);
        bodies.put("direct", body("capitals-expert", "What is the capital of France?"));
        StringBuilder jsonl = new StringBuilder();
        bodies.forEach((id, body) -> jsonl.append(line(id, body)).append('\n'));
        Map<String, Double> before = loads();

        Batch batch = awaitEnd(create(upload(jsonl.toString())).id());

        assertThat(batch.status().asString()).isEqualTo("completed");
        assertThat(batch.requestCounts().orElseThrow().total()).isEqualTo(bodies.size());
        assertThat(batch.requestCounts().orElseThrow().completed()).isEqualTo(bodies.size());
        assertThat(batch.requestCounts().orElseThrow().failed()).isZero();
        assertThat(batch.errorFileId()).isEmpty();
        Map<String, JsonNode> output = lines(batch.outputFileId().orElseThrow());
        assertThat(output.keySet()).containsExactlyElementsOf(bodies.keySet());

        // Each model the batch needed was loaded at most once, although only two fit at a time.
        Map<String, Double> after = loads();
        Set<String> used = new LinkedHashSet<>();
        output.values().forEach(l -> l.path("response")
                .path("body")
                .path("coe")
                .path("experts")
                .forEach(e -> used.add(e.path("id").asString())));
        assertThat(used).hasSizeGreaterThanOrEqualTo(5);
        double loaded = 0;
        for (String expert : after.keySet()) {
            double delta = after.get(expert) - before.getOrDefault(expert, 0.0);
            assertThat(delta).as("loads of %s during the batch", expert).isLessThanOrEqualTo(1.0);
            loaded += delta;
        }
        assertThat(loaded).as("loads during the batch").isGreaterThanOrEqualTo(used.size() - 2.0);

        JsonNode votedLine = output.get("voted").path("response");
        assertThat(votedLine.path("status_code").asInt()).isEqualTo(200);
        assertThat(votedLine.path("body").path("coe").path("experts")).hasSize(2);
        assertThat(votedLine.path("body").path("coe").path("aggregator").asString())
                .isEqualTo("vote");
        assertThat(output.get("direct")
                        .path("response")
                        .path("body")
                        .path("model")
                        .asString())
                .isEqualTo("capitals-expert");
        // The same answers as the online endpoint (greedy decoding is deterministic, batched or not).
        for (String id : List.of("q-0", "q-1", "q-2", "q-3", "q-4", "direct")) {
            JsonNode completion = output.get(id).path("response").path("body");
            assertThat(completion.path("object").asString()).isEqualTo("chat.completion");
            assertThat(output.get(id).path("id").asString()).startsWith("batch_req_");
            assertThat(completion
                            .path("choices")
                            .get(0)
                            .path("message")
                            .path("content")
                            .asString())
                    .as(id)
                    .isEqualTo(online(bodies.get(id)));
        }
    }

    @Test
    void badLinesGoToTheErrorFileWithTheirLineNumbersAndTheOthersAreAnswered() throws Exception {
        String jsonl = line("good-1", body("units-expert", "Convert 3 km to m."))
                + "\n"
                + "{not json\n"
                + "\n"
                + line("no-model", JSON.createObjectNode().put("max_tokens", 5))
                + "\n"
                + line("good-1", body("units-expert", "Convert 4 km to m."))
                + "\n"
                + line("unknown-model", body("gpt-nonexistent", "hi"))
                + "\n"
                + line("good-2", body("units-expert", "Convert 5 km to m."))
                + "\n";

        Batch batch = awaitEnd(create(upload(jsonl)).id());

        assertThat(batch.status().asString()).isEqualTo("completed");
        assertThat(batch.requestCounts().orElseThrow().total()).isEqualTo(6);
        assertThat(batch.requestCounts().orElseThrow().completed()).isEqualTo(2);
        assertThat(batch.requestCounts().orElseThrow().failed()).isEqualTo(4);
        assertThat(lines(batch.outputFileId().orElseThrow()).keySet()).containsExactly("good-1", "good-2");

        List<JsonNode> errors = new ArrayList<>();
        try (var response = client.files().content(batch.errorFileId().orElseThrow())) {
            for (String l : new String(response.body().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                errors.add(JSON.readTree(l));
            }
        }
        assertThat(errors).hasSize(4);
        assertThat(errors.get(0).path("error").path("line").asInt()).isEqualTo(2);
        assertThat(errors.get(0).path("error").path("code").asString()).isEqualTo("invalid_json");
        assertThat(errors.get(1).path("custom_id").asString()).isEqualTo("no-model");
        assertThat(errors.get(1).path("error").path("line").asInt()).isEqualTo(4);
        assertThat(errors.get(1)
                        .path("response")
                        .path("body")
                        .path("error")
                        .path("param")
                        .asString())
                .isEqualTo("body.model");
        assertThat(errors.get(2).path("error").path("code").asString()).isEqualTo("duplicate_custom_id");
        assertThat(errors.get(2).path("error").path("line").asInt()).isEqualTo(5);
        JsonNode unknown = errors.get(3);
        assertThat(unknown.path("custom_id").asString()).isEqualTo("unknown-model");
        assertThat(unknown.path("response").path("status_code").asInt()).isEqualTo(404);
        assertThat(unknown.path("response")
                        .path("body")
                        .path("error")
                        .path("code")
                        .asString())
                .isEqualTo("model_not_found");
    }

    @Test
    void aCancelledBatchKeepsEveryLineAccountedForAndEndsCancelled() throws Exception {
        StringBuilder big = new StringBuilder();
        List<String> questions = questions(20);
        for (int i = 0; i < questions.size(); i++) {
            big.append(line("b-" + i, body("coe", questions.get(i)))).append('\n');
        }
        String running = create(upload(big.toString())).id();
        String queued = create(upload(line("c-0", body("units-expert", "Convert 3 km to m."))
                        + "\n"
                        + line("c-1", body("units-expert", "Convert 6 km to m.")) + "\n"))
                .id();

        Batch cancelling = client.batches().cancel(queued);
        assertThat(cancelling.status().asString()).isIn("cancelling", "cancelled");

        Batch cancelled = awaitEnd(queued);
        assertThat(cancelled.status().asString()).isEqualTo("cancelled");
        var counts = cancelled.requestCounts().orElseThrow();
        assertThat(counts.total()).isEqualTo(2);
        assertThat(counts.completed() + counts.failed()).isEqualTo(2);
        if (counts.failed() > 0) {
            assertThat(lines(cancelled.errorFileId().orElseThrow()).values())
                    .allSatisfy(l ->
                            assertThat(l.path("error").path("code").asString()).isEqualTo("batch_cancelled"));
        }
        assertThatThrownBy(() -> client.batches().cancel(queued))
                .isInstanceOf(com.openai.errors.OpenAIServiceException.class)
                .hasMessageContaining("already cancelled");
        assertThat(awaitEnd(running).status().asString()).isEqualTo("completed");
    }

    @Test
    void batchesAndFilesAreListedAndBadCreateRequestsGetOpenAiErrors() throws Exception {
        String fileId = upload(line("x", body("units-expert", "Convert 3 km to m.")) + "\n");
        assertThat(client.files().retrieve(fileId).filename()).isNotBlank();

        assertThatThrownBy(() -> create("file-doesnotexist"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("No such File object");
        DemoHttp.Reply badEndpoint = http.post(
                "/v1/batches",
                "{\"input_file_id\":\"" + fileId + "\",\"endpoint\":\"/v1/embeddings\",\"completion_window\":\"24h\"}");
        assertThat(badEndpoint.status()).isEqualTo(400);
        assertThat(badEndpoint.body().path("error").path("param").asString()).isEqualTo("endpoint");
        DemoHttp.Reply badWindow = http.post(
                "/v1/batches",
                "{\"input_file_id\":\"" + fileId
                        + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"1h\"}");
        assertThat(badWindow.status()).isEqualTo(400);
        assertThat(badWindow.body().path("error").path("param").asString()).isEqualTo("completion_window");
        assertThatThrownBy(() -> client.files()
                        .create(FileCreateParams.builder()
                                .file("x".getBytes(StandardCharsets.UTF_8))
                                .purpose(FilePurpose.ASSISTANTS)
                                .build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("purpose");

        Batch batch = awaitEnd(create(fileId).id());
        assertThat(client.batches().list().data()).extracting(Batch::id).contains(batch.id());
        assertThat(client.files().list().data())
                .extracting(FileObject::id)
                .contains(fileId, batch.outputFileId().orElseThrow());
        assertThat(client.files().delete(fileId).deleted()).isTrue();
        assertThatThrownBy(() -> client.files().retrieve(fileId)).isInstanceOf(NotFoundException.class);
    }
}
