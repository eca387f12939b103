package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service as the README's run command starts it: the built-in configuration serving the demo expert pack on
 * DJL, with no keys and no network.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "packComplete", disabledReason = "the demo expert pack is not complete")
class DemoExpertsIT {

    /** The pack's models are trained by tools/demo-experts/train.py; these tests run once all of them are in. */
    static boolean packComplete() {
        ClassLoader loader = DemoExpertsIT.class.getClassLoader();
        return loader.getResource("coe-demo-experts/golden.jsonl") != null
                && java.util.stream.Stream.of(
                                "arithmetic-expert",
                                "units-expert",
                                "strings-expert",
                                "calendar-expert",
                                "capitals-expert",
                                "generalist")
                        .allMatch(m -> loader.getResource("coe-demo-experts/" + m + "/model.pt") != null);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private record Golden(String model, String question, String output) {}

    private static List<Golden> golden() throws IOException {
        try (InputStream in = DemoExpertsIT.class.getResourceAsStream("/coe-demo-experts/golden.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .map(JSON::readTree)
                    .map(n -> new Golden(
                            n.path("model").asString(),
                            n.path("question").asString(),
                            n.path("output").asString()))
                    .toList();
        }
    }

    private HttpResponse<String> chat(String model, String question, boolean stream) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of(
                "model",
                model,
                "stream",
                stream,
                "temperature",
                0,
                "max_tokens",
                24,
                "messages",
                List.of(java.util.Map.of("role", "user", "content", question))));
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void servesTheDemoExpertsAndCoe() throws Exception {
        JsonNode models = JSON.readTree(get("/v1/models")).path("data");
        assertThat(models.valueStream().map(m -> m.path("id").asString()).toList())
                .containsExactly(
                        "coe",
                        "generalist",
                        "arithmetic-expert",
                        "units-expert",
                        "strings-expert",
                        "calendar-expert",
                        "capitals-expert",
                        "echo");
    }

    @Test
    void eachSpecialistAnswersAsItsModelDoes() throws Exception {
        for (Golden golden : golden()) {
            HttpResponse<String> response = chat(golden.model(), golden.question(), false);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("choices")
                            .get(0)
                            .path("message")
                            .path("content")
                            .asString())
                    .as("%s on %s", golden.model(), golden.question())
                    .isEqualTo(golden.output());
        }
    }

    @Test
    void coeRoutesEachQuestionToItsSpecialistAndStreamsFromALocalModel() throws Exception {
        Golden capitals = golden().stream()
                .filter(g -> g.model().equals("capitals-expert") && g.question().contains("capital"))
                .findFirst()
                .orElseThrow();
        JsonNode routed = JSON.readTree(chat("coe", capitals.question(), false).body());
        assertThat(routed.path("choices").get(0).path("message").path("content").asString())
                .isEqualTo(capitals.output());
        assertThat(routed.path("coe").path("experts").get(0).path("id").asString())
                .isEqualTo("capitals-expert");
        assertThat(routed.path("coe").path("skills").get(0).path("id").asString())
                .isEqualTo("capitals");

        HttpResponse<String> stream = chat("coe", capitals.question(), true);
        StringBuilder text = new StringBuilder();
        stream.body()
                .lines()
                .filter(l -> l.startsWith("data: {"))
                .map(l -> JSON.readTree(l.substring(6)).path("choices"))
                .filter(c -> !c.isEmpty())
                .map(c -> c.get(0).path("delta").path("content"))
                .filter(JsonNode::isString)
                .forEach(c -> text.append(c.asString()));
        assertThat(text.toString()).isEqualTo(capitals.output());
        assertThat(stream.body()).endsWith("data: [DONE]\n\n");
    }

    @Test
    void thePoolAndItsMetricsShowWhatWasLoaded() throws Exception {
        chat("arithmetic-expert", "What is 2 + 2?", false);

        JsonNode pool = JSON.readTree(get("/actuator/modelpool"));
        assertThat(pool.path("deviceBudgetBytes").asLong()).isPositive();
        assertThat(pool.path("models")
                        .valueStream()
                        .filter(m -> m.path("id").asString().equals("arithmetic-expert"))
                        .findFirst()
                        .orElseThrow()
                        .path("tier")
                        .asString())
                .isEqualTo("DEVICE");
        assertThat(get("/actuator/prometheus"))
                .containsPattern("coe_model_loads_total\\{[^}]*expert=\"arithmetic-expert\",tier=\"disk\"")
                .containsPattern("coe_scheduler_wait_seconds_count\\{[^}]*expert=\"arithmetic-expert\"")
                .containsPattern("coe_scheduler_batch_size_count\\{[^}]*expert=\"arithmetic-expert\"")
                .containsPattern("coe_scheduler_queue_depth\\{[^}]*expert=\"arithmetic-expert\"");
    }
}
