package io.coerouter.router;

import static io.coerouter.router.DemoHttp.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import io.coerouter.expert.testing.OpenAiStubServer;
import io.coerouter.router.state.RedisTestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The admin API the console needs, on one router with auth on and Redis: expert descriptions, trying one expert, the
 * playground's route and chat, and the viewer refused on each of those writes.
 */
class ConsoleAdminApiIT {

    private static final String ADMIN_KEY = "admin-secret-console-0123456789";
    private static final String VIEWER_KEY = "viewer-secret-console-0123456789";
    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static final OpenAiStubServer SLOW = OpenAiStubServer.start();
    private static ConfigurableApplicationContext router;
    private static DemoHttp admin;
    private static DemoHttp viewer;

    @BeforeAll
    static void start() {
        router = Routers.start(
                REDIS,
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.auth.viewer-key=" + VIEWER_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.experts[0].description=Says the prompt back.",
                "--coe.experts[1].id=spare",
                "--coe.experts[1].adapter=echo",
                "--coe.experts[2].id=slow",
                "--coe.experts[2].adapter=openai",
                "--coe.experts[2].base-url=" + SLOW.baseUrl(),
                "--coe.experts[2].model=slow-model",
                "--coe.experts[2].request-timeout=20s",
                "--coe.experts[2].resilience.max-attempts=1",
                "--coe.experts[2].resilience.circuit-breaker=false");
        admin = new DemoHttp(Routers.port(router), ADMIN_KEY);
        viewer = admin.as(VIEWER_KEY);
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
        SLOW.close();
        REDIS.close();
    }

    private static void assertError(DemoHttp.Reply reply, int status, String param) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
        assertThat(reply.body().path("error").path("message").asString()).isNotBlank();
        if (param != null) {
            assertThat(reply.body().path("error").path("param").asString())
                    .as(reply.raw())
                    .isEqualTo(param);
        }
    }

    @Test
    void aDescriptionComesFromTheConfigurationAndIsSetAndRemovedThroughTheApi() throws Exception {
        JsonNode echo = admin.get("/admin/experts/echo").body();
        assertThat(echo.path("description").asString()).isEqualTo("Says the prompt back.");
        assertThat(echo.path("definition").path("description").asString()).isEqualTo("Says the prompt back.");

        DemoHttp.Reply created = admin.post(
                "/admin/experts",
                "{\"id\":\"described\",\"adapter\":\"echo\",\"description\":\"Line one.\\nLine two.\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().path("description").asString()).isEqualTo("Line one.\nLine two.");
        DemoHttp.Reply patched = admin.send("PATCH", "/admin/experts/described", "{\"description\":\"Shorter.\"}");
        assertThat(patched.body().path("description").asString()).isEqualTo("Shorter.");
        DemoHttp.Reply reset = admin.send("PATCH", "/admin/experts/described", "{\"description\":null}");
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.body().has("description")).isFalse();
        assertThat(reset.body().path("definition").has("description")).isFalse();

        assertError(
                admin.send("PATCH", "/admin/experts/described", "{\"description\":\"bell\\u0007\"}"),
                400,
                "description");
        assertError(
                admin.send("PATCH", "/admin/experts/described", "{\"description\":\"" + "x".repeat(1025) + "\"}"),
                400,
                "description");
        assertThat(admin.send("DELETE", "/admin/experts/described", null).status())
                .isEqualTo(200);
    }

    @Test
    void tryingAnExpertAnswersThroughItsOwnCallPath() throws Exception {
        DemoHttp.Reply tried = admin.post("/admin/experts/echo/try", "{\"prompt\":\"hello there world\"}");

        assertThat(tried.status()).as(tried.raw()).isEqualTo(200);
        JsonNode body = tried.body();
        assertThat(body.path("object").asString()).isEqualTo("expert.try");
        assertThat(body.path("expert").asString()).isEqualTo("echo");
        assertThat(body.path("answer").asString()).isEqualTo("hello there world");
        assertThat(body.path("finish_reason").asString()).isEqualTo("stop");
        assertThat(body.path("usage").path("prompt_tokens").asLong()).isEqualTo(3);
        assertThat(body.path("usage").path("completion_tokens").asLong()).isEqualTo(3);
        assertThat(body.path("usage").path("total_tokens").asLong()).isEqualTo(6);
        assertThat(body.path("cost_usd").isNumber()).isTrue();
        assertThat(body.path("latency_ms").asDouble()).isGreaterThanOrEqualTo(0);

        JsonNode cut = admin.post("/admin/experts/echo/try", "{\"prompt\":\"one two three\",\"max_tokens\":2}")
                .body();
        assertThat(cut.path("answer").asString()).isEqualTo("one two");
        assertThat(cut.path("finish_reason").asString()).isEqualTo("length");
    }

    @Test
    void anExpertsViewCountsItsCallsAndErrorsOnThisReplica() throws Exception {
        long before = admin.get("/admin/experts/echo").body().path("calls").asLong();
        admin.post("/admin/experts/echo/try", "{\"prompt\":\"count me\"}");
        admin.post("/admin/experts/echo/try", "{\"prompt\":\"and me\"}");

        JsonNode echo = admin.get("/admin/experts/echo").body();
        assertThat(echo.path("calls").asLong()).isGreaterThanOrEqualTo(before + 2);
        assertThat(echo.path("errors").isIntegralNumber()).isTrue();
        assertThat(echo.path("queued").asInt()).isZero();
        JsonNode listed = admin.get("/admin/experts").body().path("data");
        boolean counted = false;
        for (JsonNode expert : listed) {
            if (expert.path("id").asString().equals("echo")) {
                counted = expert.path("calls").asLong() >= before + 2;
            }
        }
        assertThat(counted).as("the list shows echo's calls: %s", listed).isTrue();
    }

    @Test
    void tryingADisabledOrUnknownExpertOrWithABadBodyIsRefused() throws Exception {
        admin.post("/admin/experts/spare/disable", "");
        try {
            DemoHttp.Reply disabled = admin.post("/admin/experts/spare/try", "{\"prompt\":\"hi\"}");
            assertError(disabled, 503, null);
            assertThat(disabled.body().path("error").path("message").asString()).contains("disabled");
        } finally {
            admin.post("/admin/experts/spare/enable", "");
        }
        assertError(admin.post("/admin/experts/nobody/try", "{\"prompt\":\"hi\"}"), 404, "id");
        assertError(admin.post("/admin/experts/echo/try", "{}"), 400, "prompt");
        assertError(admin.post("/admin/experts/echo/try", "{\"prompt\":\"\"}"), 400, "prompt");
        assertError(admin.post("/admin/experts/echo/try", "{\"prompt\":42}"), 400, "prompt");
        assertError(
                admin.post("/admin/experts/echo/try", "{\"prompt\":\"" + "x".repeat(32_769) + "\"}"), 400, "prompt");
        assertError(admin.post("/admin/experts/echo/try", "{\"prompt\":\"hi\",\"max_tokens\":0}"), 400, "max_tokens");
        assertError(
                admin.post("/admin/experts/echo/try", "{\"prompt\":\"hi\",\"max_tokens\":4097}"), 400, "max_tokens");
        assertError(admin.post("/admin/experts/echo/try", "{\"prompt\":\"hi\",\"stream\":true}"), 400, "stream");
        assertError(admin.post("/admin/experts/echo/try", "[1]"), 400, null);
        assertError(admin.post("/admin/experts/echo/try", "not json"), 400, null);
    }

    @Test
    void thePlaygroundRoutesAsV1RouteDoesAndSaysHowManyCallsAndWhichAggregator() throws Exception {
        String question = chat("coe", "Say this back", "{\"k\":2,\"aggregator\":\"self-moa\"}");
        JsonNode route = admin.post("/admin/playground/route", question).body();

        assertThat(route.path("object").asString()).isEqualTo("coe.route");
        assertThat(route.path("model").asString()).isEqualTo("coe");
        assertThat(route.path("experts").get(0).path("id").asString()).isEqualTo("echo");
        assertThat(route.path("k").asInt()).isEqualTo(2);
        assertThat(route.path("aggregator").asString()).isEqualTo("self-moa");
        assertThat(route.has("routing_ms")).isTrue();

        JsonNode named =
                admin.post("/admin/playground/route", chat("spare", "hi", null)).body();
        assertThat(named.path("method").asString()).isEqualTo("direct");
        assertThat(named.path("k").asInt()).isEqualTo(1);
        assertThat(named.has("aggregator")).isFalse();
    }

    @Test
    void thePlaygroundAnswersWithTheTraceExplainedAndEveryExpertsOwnAnswer() throws Exception {
        DemoHttp.Reply reply = admin.post(
                "/admin/playground/chat", chat("coe", "Say this back", "{\"k\":2,\"aggregator\":\"self-moa\"}"));

        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        JsonNode body = reply.body();
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        assertThat(body.path("choices").get(0).path("message").path("content").asString())
                .isEqualTo("Say this back");
        JsonNode coe = body.path("coe");
        assertThat(coe.path("experts").size()).isEqualTo(2);
        for (JsonNode call : coe.path("experts")) {
            assertThat(call.path("id").asString()).isEqualTo("echo");
            assertThat(call.path("status").asString()).isEqualTo("ok");
            assertThat(call.path("answer").asString()).isEqualTo("Say this back");
            assertThat(call.has("latency_ms")).isTrue();
            assertThat(call.has("prompt_tokens")).isTrue();
        }
        assertThat(coe.path("explanation").path("method").asString()).isNotBlank();
        assertThat(coe.has("timings_ms")).isTrue();
        assertThat(coe.has("cost_usd")).isTrue();

        // The same request on /v1 (with a gateway key) keeps its trace as it was: no answers in it.
        DemoHttp.Reply key = admin.post("/admin/keys", "{\"name\":\"console-it\"}");
        DemoHttp gateway = admin.as(key.body().path("key").asString());
        JsonNode v1 = gateway.post(
                        "/v1/chat/completions",
                        chat("coe", "Say this back", "{\"k\":2,\"aggregator\":\"self-moa\",\"explain\":true}"))
                .body();
        assertThat(v1.path("coe").path("experts").get(0).has("answer")).isFalse();
        admin.send("DELETE", "/admin/keys/" + key.body().path("id").asString(), null);
    }

    @Test
    void thePlaygroundValidatesAsTheV1PathDoesAndNeverStreams() throws Exception {
        assertError(
                admin.post(
                        "/admin/playground/chat",
                        "{\"model\":\"echo\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                400,
                "stream");
        assertError(admin.post("/admin/playground/chat", "{\"model\":\"echo\"}"), 400, "messages");
        assertError(
                admin.post(
                        "/admin/playground/route",
                        "{\"model\":\"coe\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"bogus\":1}"),
                400,
                "bogus");
        assertError(admin.post("/admin/playground/chat", chat("nobody", "hi", null)), 404, "model");
        assertError(admin.post("/admin/playground/route", chat("coe", "hi", "{\"k\":0}")), 400, "coe.k");
    }

    @Test
    void theViewerMayNotTryAnExpertOrUseThePlayground() throws Exception {
        for (String path :
                java.util.List.of("/admin/experts/echo/try", "/admin/playground/route", "/admin/playground/chat")) {
            DemoHttp.Reply refused = viewer.post(path, "{\"prompt\":\"hi\"}");
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.body().path("error").path("message").asString()).contains("viewer");
        }
        assertThat(viewer.get("/admin/experts/echo").status()).isEqualTo(200);
    }

    @Test
    void theTaxonomyKeepsItsRevisionsAndItsTextAsSent() throws Exception {
        String yaml = "# kept as sent\nskills:\n  - id: maths\n    description: sums and products\n"
                + "  - id: words\n    description: spelling\n";
        String original = admin.get("/admin/skills?format=yaml").raw();
        long before = admin.get("/admin/skills/history")
                .body()
                .path("data")
                .get(0)
                .path("revision")
                .asLong();

        DemoHttp.Reply replaced = admin.send("PUT", "/admin/skills", yaml);
        assertThat(replaced.status()).as(replaced.raw()).isEqualTo(200);
        try {
            DemoHttp.Reply text = admin.get("/admin/skills?format=yaml");
            assertThat(text.status()).isEqualTo(200);
            assertThat(text.raw()).isEqualTo(yaml);
            RawHttp.Reply accepted = new RawHttp(Routers.port(router))
                    .send(
                            "GET",
                            "/admin/skills",
                            java.util.Map.of("Authorization", "Bearer " + ADMIN_KEY, "Accept", "application/yaml"),
                            null,
                            false);
            assertThat(accepted.status()).isEqualTo(200);
            assertThat(accepted.headers().get("content-type")).startsWith("application/yaml");
            assertThat(accepted.body()).isEqualTo(yaml);
            assertThat(admin.get("/admin/skills").body().path("skills").size()).isEqualTo(2);

            JsonNode history = admin.get("/admin/skills/history").body();
            assertThat(history.path("object").asString()).isEqualTo("list");
            JsonNode newest = history.path("data").get(0);
            assertThat(newest.path("revision").asLong()).isEqualTo(before + 1);
            assertThat(newest.path("skills").asInt()).isEqualTo(2);
            assertThat(newest.path("saved_at").asLong()).isPositive();
            assertThat(history.path("data").get(1).path("revision").asLong()).isEqualTo(before);

            JsonNode revision =
                    admin.get("/admin/skills/history/" + (before + 1)).body();
            assertThat(revision.path("object").asString()).isEqualTo("skills.revision");
            assertThat(revision.path("source").asString()).isEqualTo(yaml);
            assertThat(admin.get("/admin/skills/history/" + before)
                            .body()
                            .path("source")
                            .asString())
                    .isEqualTo(original);
            assertError(admin.get("/admin/skills/history/999999"), 404, "revision");
            assertError(admin.get("/admin/skills/history/abc"), 400, "revision");
            assertError(admin.get("/admin/skills?format=xml"), 400, "format");
        } finally {
            admin.send("PUT", "/admin/skills", original);
        }
    }

    @Test
    void aProfileVersionIsPutBackInUseOnEveryReplica() throws Exception {
        JsonNode versions = admin.get("/admin/profiles/versions").body();
        int before = versions.path("current").asInt();
        assertThat(before).as(versions.toString()).isPositive();
        DemoHttp.Reply imported = admin.send(
                "PUT",
                "/admin/profiles?allow_unknown_experts=true",
                admin.get("/admin/profiles/versions/" + before).raw());
        int newer = imported.body().path("version").asInt();
        assertThat(newer).as(imported.raw()).isEqualTo(before + 1);

        ConfigurableApplicationContext other = Routers.start(
                REDIS,
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.experts[1].id=spare",
                "--coe.experts[1].adapter=echo");
        try {
            DemoHttp second = new DemoHttp(Routers.port(other), ADMIN_KEY);
            DemoHttp.Reply activated = admin.post("/admin/profiles/versions/" + before + "/activate", "");

            assertThat(activated.status()).as(activated.raw()).isEqualTo(200);
            assertThat(activated.body().path("object").asString()).isEqualTo("profiles.activated");
            assertThat(activated.body().path("version").asInt()).isEqualTo(before);
            assertThat(activated.body().path("previous").asInt()).isEqualTo(newer);
            int current = activated.body().path("current").asInt();
            assertThat(current).isEqualTo(newer + 1);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (second.get("/admin/profiles").body().path("version").asInt() != current
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(second.get("/admin/profiles").body().path("version").asInt())
                    .isEqualTo(current);
            JsonNode restored = second.get("/admin/profiles").body();
            JsonNode original = admin.get("/admin/profiles/versions/" + before).body();
            assertThat(restored.path("experts")).isEqualTo(original.path("experts"));
            assertError(admin.post("/admin/profiles/versions/999999/activate", ""), 404, "version");
            assertThat(viewer.post("/admin/profiles/versions/" + before + "/activate", "")
                            .status())
                    .isEqualTo(403);
        } finally {
            other.close();
        }
    }

    /** The {@code /admin/jobs} entry of {@code id} once {@code done} holds, polled for at most 20 seconds. */
    private static JsonNode job(String id, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        JsonNode found = null;
        while (System.nanoTime() < deadline) {
            for (JsonNode entry : admin.get("/admin/jobs?limit=100").body().path("data")) {
                if (entry.path("id").asString().equals(id)) {
                    found = entry;
                }
            }
            if (found != null && done.test(found)) {
                return found;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " never got there; last seen: " + found);
    }

    private static String batch(OpenAIClient client, String model, String... prompts) {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < prompts.length; i++) {
            jsonl.append("{\"custom_id\":\"line-")
                    .append(i)
                    .append("\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":")
                    .append(chat(model, prompts[i], null))
                    .append("}\n");
        }
        String file = client.files()
                .create(FileCreateParams.builder()
                        .file(jsonl.toString().getBytes(StandardCharsets.UTF_8))
                        .purpose(FilePurpose.BATCH)
                        .build())
                .id();
        return client.batches()
                .create(BatchCreateParams.builder()
                        .inputFileId(file)
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H)
                        .build())
                .id();
    }

    @Test
    void theAdminSeesEveryKeysBatchesWithOwnerAndProgressCancelsThemAndReadsTheirFiles() throws Exception {
        DemoHttp.Reply key = admin.post("/admin/keys", "{\"name\":\"console-batches\"}");
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + Routers.port(router) + "/v1")
                .apiKey(key.body().path("key").asString())
                .maxRetries(0)
                .build();
        try {
            String done = batch(client, "echo", "first line here", "second line");
            JsonNode finished = job(done, j -> j.path("state").asString().equals("completed"));
            assertThat(finished.path("kind").asString()).isEqualTo("batch");
            assertThat(finished.has("owner")).isTrue();
            assertThat(finished.path("owner").isNull()).isTrue();
            assertThat(finished.path("progress").path("done").asInt()).isEqualTo(2);
            assertThat(finished.path("progress").path("total").asInt()).isEqualTo(2);
            JsonNode echo = finished.path("progress").path("experts").get(0);
            assertThat(echo.path("id").asString()).isEqualTo("echo");
            assertThat(echo.path("calls").asInt()).isEqualTo(2);
            assertThat(echo.path("done").asInt()).isEqualTo(2);

            String output = client.batches().retrieve(done).outputFileId().orElseThrow();
            assertThat(finished.path("output_file_id").asString()).isEqualTo(output);
            assertThat(finished.has("error_file_id")).isFalse();
            var content = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                                            + Routers.port(router) + "/admin/files/" + output + "/content"))
                                    .header("Authorization", "Bearer " + ADMIN_KEY)
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(content.statusCode()).as(content.body()).isEqualTo(200);
            assertThat(content.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/jsonl"));
            assertThat(content.body()).contains("line-0", "line-1", "first line here");
            assertThat(content.body().strip().split("\n")).hasSize(2);
            assertError(admin.get("/admin/files/file-doesnotexist/content"), 404, null);
            assertError(admin.post("/admin/batches/" + done + "/cancel", ""), 409, null);

            SLOW.enqueue(new OpenAiStubServer.Delay(Duration.ofSeconds(4)));
            String running = batch(client, "slow", "take your time");
            JsonNode inFlight = job(
                    running,
                    j -> !j.path("owner").isNull()
                            && j.path("progress").path("experts").size() == 1);
            assertThat(inFlight.path("state").asString()).isEqualTo("in_progress");
            assertThat(inFlight.path("owner").asString()).isNotBlank();
            assertThat(inFlight.path("progress")
                            .path("experts")
                            .get(0)
                            .path("id")
                            .asString())
                    .isEqualTo("slow");
            assertThat(viewer.post("/admin/batches/" + running + "/cancel", "").status())
                    .isEqualTo(403);

            DemoHttp.Reply cancelled = admin.post("/admin/batches/" + running + "/cancel", "");
            assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
            assertThat(cancelled.body().path("object").asString()).isEqualTo("batch");
            assertThat(cancelled.body().path("status").asString()).isIn("cancelling", "cancelled");
            JsonNode ended = job(running, j -> j.path("state").asString().equals("cancelled"));
            assertThat(ended.path("owner").isNull()).isTrue();
            assertError(admin.post("/admin/batches/batch_doesnotexist/cancel", ""), 404, null);
        } finally {
            admin.send("DELETE", "/admin/keys/" + key.body().path("id").asString(), null);
        }
    }
}
