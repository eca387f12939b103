package io.coerouter.router;

import static io.coerouter.router.DemoHttp.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.testing.OpenAiStubServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Aggregating several demo experts' answers through the service. The synthesiser is a remote OpenAI-compatible
 * expert; the stub standing in for it answers with the last user message, i.e. the synthesis prompt it was sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AggregationIT {

    static final OpenAiStubServer SYNTH = OpenAiStubServer.start();
    static final List<String> DEMO = List.of(
            "generalist", "arithmetic-expert", "units-expert", "strings-expert", "calendar-expert", "capitals-expert");

    @DynamicPropertySource
    static void experts(DynamicPropertyRegistry registry) {
        for (int i = 0; i < DEMO.size(); i++) {
            String id = DEMO.get(i);
            registry.add("coe.experts[" + i + "].id", () -> id);
            registry.add("coe.experts[" + i + "].adapter", () -> "djl");
            registry.add("coe.experts[" + i + "].model-path", () -> "classpath:coe-demo-experts/" + id);
        }
        registry.add("coe.experts[6].id", () -> "synth");
        registry.add("coe.experts[6].adapter", () -> "openai");
        registry.add("coe.experts[6].base-url", SYNTH::baseUrl);
        registry.add("coe.experts[6].model", () -> "synth-model");
        // These tests are about aggregation: each provider fault must reach the aggregator as it happens.
        registry.add("coe.experts[6].resilience.max-attempts", () -> "1");
        registry.add("coe.experts[6].resilience.circuit-breaker", () -> "false");
        registry.add("coe.aggregation.synthesizer", () -> "synth");
        registry.add("coe.aggregation.keep-alive", () -> "50ms");
    }

    @AfterAll
    static void stop() {
        SYNTH.close();
    }

    @LocalServerPort
    int port;

    DemoHttp http;

    @BeforeEach
    void client() {
        http = new DemoHttp(port);
        SYNTH.reset();
    }

    private static final String QUESTION = "What is the capital of Saudi Arabia?";

    @Test
    void severalExpertsAreVotedOnAndTheTraceSaysHow() throws Exception {
        JsonNode body = http.post(
                        "/v1/chat/completions",
                        chat(
                                "coe",
                                QUESTION,
                                "{\"k\":3,\"method\":\"symbolic-moe\",\"aggregator\":\"vote\",\"explain\":true}"))
                .body();
        JsonNode coe = body.path("coe");
        assertThat(coe.path("aggregator").asString()).isEqualTo("vote");
        assertThat(coe.path("experts")
                        .valueStream()
                        .map(e -> e.path("id").asString())
                        .toList())
                .containsExactly("generalist", "capitals-expert");
        assertThat(coe.path("explanation").path("aggregation").asString())
                .startsWith("votes: ")
                .contains("generalist")
                .contains("capitals-expert");
        assertThat(body.path("usage").path("completion_tokens").asInt()).isGreaterThan(0);
    }

    @Test
    void synthesisIsWrittenByTheAggregatorExpertAndStreamed() throws Exception {
        String request = chat("coe", QUESTION, "{\"k\":2,\"method\":\"symbolic-moe\",\"aggregator\":\"synthesis\"}")
                .replaceFirst("\\{", "{\"stream\":true,\"stream_options\":{\"include_usage\":true},");
        HttpResponse<String> stream = http.stream(request);
        StringBuilder text = new StringBuilder();
        JsonNode last = null;
        for (String line :
                stream.body().lines().filter(l -> l.startsWith("data: {")).toList()) {
            JsonNode chunk = DemoHttp.JSON.readTree(line.substring(6));
            if (!chunk.path("choices").isEmpty()
                    && chunk.path("choices")
                            .get(0)
                            .path("delta")
                            .path("content")
                            .isString()) {
                text.append(chunk.path("choices")
                        .get(0)
                        .path("delta")
                        .path("content")
                        .asString());
            }
            if (chunk.has("coe")) {
                last = chunk.path("coe");
            }
        }
        // The stub answers with the prompt it was given: the candidates' answers, then the question.
        assertThat(text.toString())
                .contains("### Model 1's response:")
                .contains("### Model 2's response:")
                .endsWith("### Query:\n" + QUESTION);
        assertThat(SYNTH.received()).hasSize(1);
        assertThat(SYNTH.lastReceived().body().path("stream").asBoolean()).isTrue();
        assertThat(last.path("aggregator").asString()).isEqualTo("synthesis");
        assertThat(stream.body()).endsWith("data: [DONE]\n\n");
    }

    @Test
    void aFailingSynthesiserFallsBackToTheVoteAndSaysSo() throws Exception {
        SYNTH.enqueue(OpenAiStubServer.status(500, "server_error", "down"));
        JsonNode body = http.post(
                        "/v1/chat/completions",
                        chat(
                                "coe",
                                QUESTION,
                                "{\"k\":2,\"method\":\"symbolic-moe\",\"aggregator\":\"synthesis\",\"explain\":true}"))
                .body();
        assertThat(body.path("coe").path("aggregator").asString()).isEqualTo("synthesis");
        assertThat(body.path("coe").path("explanation").path("aggregation").asString())
                .startsWith("the synthesiser 'synth' failed");
        assertThat(body.path("choices").get(0).path("message").path("content").asString())
                .isNotBlank();
    }

    @Test
    void selfMoaSamplesTheBestExpertSeveralTimes() throws Exception {
        JsonNode coe = http.post(
                        "/v1/chat/completions",
                        chat("coe", QUESTION, "{\"k\":3,\"aggregator\":\"self-moa\",\"explain\":true}"))
                .body()
                .path("coe");
        assertThat(coe.path("aggregator").asString()).isEqualTo("self-moa");
        assertThat(coe.path("experts")
                        .valueStream()
                        .map(e -> e.path("id").asString())
                        .toList())
                .containsExactly("capitals-expert", "capitals-expert", "capitals-expert");
        assertThat(coe.path("explanation").path("aggregation").asString())
                .startsWith("self-MoA: 3 samples of 'capitals-expert'; votes:");
    }

    @Test
    void firstReturnsTheEarliestAnswer() throws Exception {
        JsonNode coe = http.post(
                        "/v1/chat/completions",
                        chat("coe", QUESTION, "{\"k\":2,\"method\":\"symbolic-moe\",\"aggregator\":\"first\"}"))
                .body()
                .path("coe");
        assertThat(coe.path("aggregator").asString()).isEqualTo("first");
        assertThat(coe.path("experts")
                        .valueStream()
                        .filter(e -> e.path("status").asString().equals("ok")))
                .isNotEmpty();
    }

    @Test
    void anAggregatorThisDeploymentCannotRunIsAClientError() throws Exception {
        DemoHttp.Reply reply =
                http.post("/v1/chat/completions", chat("coe", QUESTION, "{\"k\":2,\"aggregator\":\"judge\"}"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("error").path("param").asString()).isEqualTo("coe.aggregator");
        assertThat(reply.body().path("error").path("code").asString()).isEqualTo("aggregator_not_configured");
    }

    @Test
    void aggregatorSelectionScoresEachCandidateOnOneRightAndTwoWrongAnswers() throws Exception {
        String jsonl = String.join(
                "\n",
                "{\"question\":\"What is the capital of Peru?\",\"answer\":\"Lima\",\"skill\":\"capitals\"}",
                "{\"question\":\"Tell me the capital of Kenya.\",\"answer\":\"Nairobi\",\"skill\":\"capitals\"}",
                "{\"question\":\"Name the capital city of Japan.\",\"answer\":\"Tokyo\",\"skill\":\"capitals\"}");
        DemoHttp.Reply started = http.post(
                "/admin/aggregators/selection",
                "{\"eval_set\":" + DemoHttp.JSON.writeValueAsString(jsonl)
                        + ",\"experts\":[\"capitals-expert\",\"arithmetic-expert\",\"units-expert\"],"
                        + "\"candidates\":[\"synth\"],\"min_per_skill\":2}");
        assertThat(started.status()).isEqualTo(202);
        String path =
                "/admin/aggregators/selection/" + started.body().path("id").asString();
        JsonNode job = http.get(path).body();
        for (int i = 0; i < 600 && job.path("state").asString().equals("running"); i++) {
            Thread.sleep(100);
            job = http.get(path).body();
        }
        assertThat(job.path("state").asString()).isEqualTo("succeeded");
        JsonNode result = job.path("result");
        assertThat(result.path("tasks").asInt()).isEqualTo(3);
        assertThat(result.path("overall")
                        .valueStream()
                        .map(s -> s.path("aggregator").asString())
                        .toList())
                .containsExactlyInAnyOrder("synthesis:synth", "vote", "weighted-vote");
        // The stub answers with the prompt, never with the capital: it scores nothing and is not chosen.
        JsonNode synth = result.path("overall")
                .valueStream()
                .filter(s -> s.path("aggregator").asString().equals("synthesis:synth"))
                .findFirst()
                .orElseThrow();
        assertThat(synth.path("right").asInt()).isZero();
        assertThat(SYNTH.received()).hasSize(3);
        assertThat(result.path("bestBySkill").has("capitals")).isTrue();
        assertThat(http.get("/admin/aggregators/selection")
                        .body()
                        .path("result")
                        .path("tasks")
                        .asInt())
                .isEqualTo(3);

        DemoHttp.Reply noCandidates = http.post(
                "/admin/aggregators/selection", "{\"eval_set\":" + DemoHttp.JSON.writeValueAsString(jsonl) + "}");
        assertThat(noCandidates.status()).isEqualTo(400);
        assertThat(noCandidates.body().path("error").path("param").asString()).isEqualTo("candidates");
    }

    /** Imports the demo profiles plus one for the remote {@code synth} expert, top on capitals; returns the demo's. */
    private String profileSynthAsCapitalsExpert() throws Exception {
        String demo = http.get("/admin/profiles").raw();
        tools.jackson.databind.node.ObjectNode set =
                (tools.jackson.databind.node.ObjectNode) DemoHttp.JSON.readTree(demo);
        set.withObject("experts")
                .set(
                        "synth",
                        DemoHttp.JSON.readTree(
                                "{\"expertId\":\"synth\",\"skills\":{\"capitals\":{\"correct\":300,\"wrong\":0,"
                                        + "\"failed\":0}},\"meanLatencyMs\":5.0,\"meanCostUsd\":0}"));
        assertThat(http.send("PUT", "/admin/profiles", DemoHttp.JSON.writeValueAsString(set))
                        .status())
                .isEqualTo(200);
        return demo;
    }

    @Test
    void aStreamSendsKeepAlivesWhileSlowExpertsRunAndAllFailingIsAnErrorNamingEachCause() throws Exception {
        String demo = profileSynthAsCapitalsExpert();
        try {
            SYNTH.enqueue(new OpenAiStubServer.Delay(java.time.Duration.ofMillis(400)));
            String request = chat("coe", QUESTION, "{\"k\":2,\"method\":\"symbolic-moe\",\"aggregator\":\"vote\"}")
                    .replaceFirst("\\{", "{\"stream\":true,");
            HttpResponse<String> stream = http.stream(request);
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.body()).contains(": keep-alive\n\n").endsWith("data: [DONE]\n\n");

            SYNTH.enqueue(OpenAiStubServer.status(500, "server_error", "down"));
            SYNTH.enqueue(OpenAiStubServer.status(500, "server_error", "down"));
            DemoHttp.Reply failed = http.post(
                    "/v1/chat/completions",
                    chat("coe", QUESTION, "{\"k\":2,\"method\":\"symbolic-moe\",\"aggregator\":\"self-moa\"}"));
            assertThat(failed.status()).isBetween(500, 599);
            assertThat(failed.body().path("error").path("message").asString())
                    .contains("all 2 recruited experts failed")
                    .contains("synth");
        } finally {
            http.send("PUT", "/admin/profiles", demo);
        }
    }
}
