package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.testing.OpenAiStubServer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The response cache through the real chat endpoint, with the in-memory store: an {@code openai} expert whose
 * provider is a loopback stub (it answers with the question, so an answer shows whose question it was, and it counts
 * the calls that reached it), API keys on.
 */
class ResponseCacheIT {

    private static final String ADMIN_KEY = "admin-secret-cache-0123456789";
    private static final OpenAiStubServer STUB = OpenAiStubServer.start();
    private static ConfigurableApplicationContext router;
    private static String keyA;
    private static String keyAId;
    private static String keyB;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        router = new SpringApplicationBuilder(CoeRouterApplication.class)
                .run(
                        "--server.port=0",
                        "--coe.skills.warm-up=false",
                        "--coe.cache.enabled=true",
                        "--coe.auth.enabled=true",
                        "--coe.auth.admin-key=" + ADMIN_KEY,
                        "--coe.default-expert=stub-gpt",
                        "--coe.experts[0].id=stub-gpt",
                        "--coe.experts[0].adapter=openai",
                        "--coe.experts[0].base-url=" + STUB.baseUrl(),
                        "--coe.experts[0].model=gpt-stub",
                        "--coe.experts[0].input-price-per-1k=1",
                        "--coe.experts[0].output-price-per-1k=2",
                        "--coe.experts[0].resilience.max-attempts=1",
                        "--coe.experts[1].id=echo",
                        "--coe.experts[1].adapter=echo");
        DemoHttp admin = new DemoHttp(Routers.port(router), ADMIN_KEY);
        DemoHttp.Reply a = admin.post("/admin/keys", "{\"name\":\"cache a\",\"budget_usd\":100}");
        DemoHttp.Reply b = admin.post("/admin/keys", "{\"name\":\"cache b\"}");
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        keyA = a.body().path("key").asString();
        keyAId = a.body().path("id").asString();
        keyB = b.body().path("key").asString();
    }

    @AfterAll
    static void stop() {
        router.close();
        STUB.close();
    }

    @BeforeEach
    void reset() {
        STUB.reset();
    }

    private HttpResponse<String> chat(String key, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + Routers.port(router) + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String ask(String question) {
        return ask(question, "");
    }

    private static String ask(String question, String extra) {
        return "{\"model\":\"stub-gpt\",\"messages\":[{\"role\":\"user\",\"content\":"
                + DemoHttp.JSON.writeValueAsString(question) + "}]" + extra + "}";
    }

    private static JsonNode json(HttpResponse<String> response) {
        return DemoHttp.JSON.readTree(response.body());
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static String text(HttpResponse<String> response) {
        return json(response)
                .path("choices")
                .path(0)
                .path("message")
                .path("content")
                .asString();
    }

    private int providerCalls() {
        return STUB.received().size();
    }

    @Test
    void aRepeatedQuestionIsAnsweredFromTheCacheWithoutCallingTheProvider() throws Exception {
        HttpResponse<String> first = chat(keyA, ask("How far is the Moon from the Earth?"));
        HttpResponse<String> second = chat(keyA, ask("How far is the Moon from the Earth?"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(header(first, "x-coe-cache")).isEqualTo("miss");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(header(second, "x-coe-cache")).isEqualTo("hit");
        assertThat(header(second, "x-coe-cache-kind")).isEqualTo("exact");
        assertThat(header(second, "x-coe-cache-similarity")).isEqualTo("1.0000");
        assertThat(providerCalls()).isEqualTo(1);
        assertThat(text(second)).isEqualTo(text(first)).isEqualTo("How far is the Moon from the Earth?");
        JsonNode coe = json(second).path("coe");
        assertThat(coe.path("cache").path("status").asString()).isEqualTo("hit");
        assertThat(coe.path("cache").path("kind").asString()).isEqualTo("exact");
        assertThat(coe.path("cost_usd").decimalValue()).isEqualByComparingTo("0");
        assertThat(coe.path("cache").path("saved_usd").decimalValue())
                .isEqualByComparingTo(json(first).path("coe").path("cost_usd").decimalValue());
        assertThat(coe.path("experts").isEmpty()).isTrue();
        assertThat(json(second).path("usage")).isEqualTo(json(first).path("usage"));
    }

    @Test
    void aParaphraseIsASemanticHitThatSaysHowSimilarItWas() throws Exception {
        chat(keyA, ask("What is the capital of Australia?"));

        HttpResponse<String> paraphrase = chat(keyA, ask("What's the capital city of Australia?"));

        assertThat(header(paraphrase, "x-coe-cache")).isEqualTo("hit");
        assertThat(header(paraphrase, "x-coe-cache-kind")).isEqualTo("semantic");
        assertThat(Double.parseDouble(header(paraphrase, "x-coe-cache-similarity")))
                .isBetween(0.94, 1.0);
        assertThat(text(paraphrase)).isEqualTo("What is the capital of Australia?");
        assertThat(providerCalls()).isEqualTo(1);

        HttpResponse<String> nearMiss = chat(keyA, ask("What is the capital of Austria?"));
        assertThat(header(nearMiss, "x-coe-cache")).isEqualTo("miss");
        assertThat(text(nearMiss)).isEqualTo("What is the capital of Austria?");
    }

    @Test
    void aStreamIsReplayedFromTheCacheAsChunksWithItsUsage() throws Exception {
        String question = "Name three primary colours and explain why they are called primary in painting";
        HttpResponse<String> whole = chat(keyA, ask(question));

        HttpResponse<String> streamed =
                chat(keyA, ask(question, ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(header(streamed, "x-coe-cache")).isEqualTo("hit");
        assertThat(header(streamed, "Content-Type")).startsWith("text/event-stream");
        StringBuilder replayed = new StringBuilder();
        JsonNode usage = null;
        String finish = null;
        int contentChunks = 0;
        for (String line : streamed.body().split("\n")) {
            if (!line.startsWith("data: ") || line.equals("data: [DONE]")) {
                continue;
            }
            JsonNode chunk = DemoHttp.JSON.readTree(line.substring(6));
            JsonNode choice = chunk.path("choices").path(0);
            if (choice.path("delta").has("content")) {
                replayed.append(choice.path("delta").path("content").asString());
                contentChunks++;
            }
            if (choice.hasNonNull("finish_reason")) {
                finish = choice.path("finish_reason").asString();
            }
            if (chunk.hasNonNull("usage")) {
                usage = chunk.path("usage");
            }
        }
        assertThat(streamed.body()).endsWith("data: [DONE]\n\n");
        assertThat(replayed.toString()).isEqualTo(text(whole));
        assertThat(contentChunks).isGreaterThan(1);
        assertThat(finish).isEqualTo("stop");
        assertThat(usage).isEqualTo(json(whole).path("usage"));
        assertThat(providerCalls()).isEqualTo(1);
    }

    @Test
    void aStreamedAnswerIsKeptForWholeRequests() throws Exception {
        String question = "Which planet has the most moons?";
        HttpResponse<String> streamed = chat(keyA, ask(question, ",\"stream\":true"));
        assertThat(header(streamed, "x-coe-cache")).isEqualTo("miss");

        HttpResponse<String> whole = chat(keyA, ask(question));

        assertThat(header(whole, "x-coe-cache")).isEqualTo("hit");
        assertThat(text(whole)).isEqualTo(question);
        assertThat(providerCalls()).isEqualTo(1);
    }

    @Test
    void listFormContentIsCachedAsTheSameTextWithoutFailing() throws Exception {
        // A peer's cache crashed on content given as an array of parts.
        String parts = "{\"model\":\"stub-gpt\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"What is the chemical symbol for gold?\"}]}]}";
        HttpResponse<String> first = chat(keyA, parts);
        HttpResponse<String> asText = chat(keyA, ask("What is the chemical symbol for gold?"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(header(first, "x-coe-cache")).isEqualTo("miss");
        assertThat(header(asText, "x-coe-cache")).isEqualTo("hit");
        assertThat(providerCalls()).isEqualTo(1);
    }

    @Test
    void theClientCanBypassTheCacheAndSampledRequestsAreNotCached() throws Exception {
        String question = "Describe the water cycle in one sentence";
        chat(keyA, ask(question));

        HttpResponse<String> optedOut = chat(keyA, ask(question, ",\"coe\":{\"cache\":false}"));
        HttpResponse<String> noCache = chat(keyA, ask(question), "Cache-Control", "no-cache");
        HttpResponse<String> sampled = chat(keyA, ask(question, ",\"temperature\":0.9"));

        assertThat(header(optedOut, "x-coe-cache")).isEqualTo("bypass");
        assertThat(header(optedOut, "x-coe-cache-reason")).isEqualTo("requested");
        assertThat(header(noCache, "x-coe-cache")).isEqualTo("bypass");
        assertThat(header(noCache, "x-coe-cache-reason")).isEqualTo("no-cache");
        assertThat(header(sampled, "x-coe-cache")).isEqualTo("bypass");
        assertThat(header(sampled, "x-coe-cache-reason")).isEqualTo("temperature");
        assertThat(providerCalls()).isEqualTo(4);

        HttpResponse<String> badOption = chat(keyA, ask(question, ",\"coe\":{\"cache\":\"no\"}"));
        assertThat(badOption.statusCode()).isEqualTo(400);
        assertThat(json(badOption).path("error").path("param").asString()).isEqualTo("coe.cache");
    }

    @Test
    void identicalRequestsAtOnceCallTheProviderOnce() throws Exception {
        STUB.enqueue(new OpenAiStubServer.Delay(Duration.ofMillis(600)));
        String body = ask("What is the speed of sound in dry air at 20 degrees Celsius?");
        List<HttpResponse<String>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                sent.add(pool.submit(() -> chat(keyA, body)));
            }
            for (Future<HttpResponse<String>> f : sent) {
                responses.add(f.get());
            }
        }

        assertThat(providerCalls()).isEqualTo(1);
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(text(r)).isEqualTo("What is the speed of sound in dry air at 20 degrees Celsius?");
        });
        assertThat(responses.stream().filter(r -> "miss".equals(header(r, "x-coe-cache"))))
                .hasSize(1);
        assertThat(responses.stream().filter(r -> "hit".equals(header(r, "x-coe-cache"))))
                .hasSize(15);
    }

    @Test
    void differentRequestsAtOnceEachGetTheirOwnAnswer() throws Exception {
        // A peer's cache mixed up answers between concurrent requests.
        List<String> questions = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            questions.add("Question number " + i + ": what is " + i + " squared?");
        }
        for (String expected : List.of("miss", "hit")) {
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<HttpResponse<String>>> sent = new ArrayList<>();
                for (String q : questions) {
                    sent.add(pool.submit(() -> chat(keyA, ask(q))));
                }
                for (int i = 0; i < questions.size(); i++) {
                    HttpResponse<String> r = sent.get(i).get();
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(header(r, "x-coe-cache")).isEqualTo(expected);
                    assertThat(text(r)).isEqualTo(questions.get(i));
                }
            }
        }
        assertThat(providerCalls()).isEqualTo(24);
    }

    @Test
    void anotherKeyNeverGetsAKeysCachedAnswerAndHitsCostTheKeyNothing() throws Exception {
        String question = "What year did the Berlin Wall fall?";
        chat(keyA, ask(question));
        BigDecimal spent = spent(keyAId);
        assertThat(spent).isPositive();

        for (int i = 0; i < 3; i++) {
            assertThat(header(chat(keyA, ask(question)), "x-coe-cache")).isEqualTo("hit");
        }
        HttpResponse<String> other = chat(keyB, ask(question));

        assertThat(spent(keyAId)).isEqualByComparingTo(spent);
        assertThat(header(other, "x-coe-cache")).isEqualTo("miss");
        assertThat(providerCalls()).isEqualTo(2);
    }

    private static BigDecimal spent(String id) throws Exception {
        return new DemoHttp(Routers.port(router), ADMIN_KEY)
                .get("/admin/keys/" + id)
                .body()
                .path("spent_usd")
                .decimalValue();
    }

    @Test
    void aCachedAnswerOfAnExpertDeletedSinceIsA404NotAHit() throws Exception {
        DemoHttp admin = new DemoHttp(Routers.port(router), ADMIN_KEY);
        DemoHttp.Reply created = admin.post("/admin/experts", "{\"id\":\"short-lived\",\"adapter\":\"echo\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String body = "{\"model\":\"short-lived\",\"messages\":[{\"role\":\"user\",\"content\":\"still there?\"}]}";
        assertThat(header(chat(keyA, body), "x-coe-cache")).isEqualTo("miss");
        assertThat(header(chat(keyA, body), "x-coe-cache")).isEqualTo("hit");

        assertThat(admin.send("DELETE", "/admin/experts/short-lived", null).status())
                .isBetween(200, 299);
        HttpResponse<String> gone = chat(keyA, body);
        HttpResponse<String> goneStreamed = chat(keyA, body.replace("{\"model\"", "{\"stream\":true,\"model\""));

        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json(gone).path("error").path("code").asString()).isEqualTo("model_not_found");
        assertThat(goneStreamed.statusCode()).isEqualTo(404);
    }

    @Test
    void theCacheIsCountedInTheMetrics() throws Exception {
        chat(keyA, ask("How many legs does a spider have?"));
        chat(keyA, ask("How many legs does a spider have?"));

        String metrics = new DemoHttp(Routers.port(router), ADMIN_KEY)
                .get("/actuator/prometheus")
                .raw();
        assertThat(metrics)
                .contains(
                        "coe_cache_requests_total{application=\"coe-router\",kind=\"exact\",reason=\"none\",result=\"hit\"}");
        assertThat(metrics).contains("coe_cache_entries ");
        assertThat(metrics).contains("coe_cache_saved_cost_usd_total");
        assertThat(metrics).contains("coe_cache_lookup_seconds_count");
    }
}
