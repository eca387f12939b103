package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import io.coerouter.router.state.RedisTestServer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Gateway API keys across two router instances sharing one real Redis server: a key's rate and budget hold across
 * both, a key disabled through one is refused by the other at once, and the admin API takes only the admin key.
 */
class GatewayKeysIT {

    private static final String ADMIN_KEY = "admin-secret-0123456789";
    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static final List<ConfigurableApplicationContext> ROUTERS = new ArrayList<>();
    private static DemoHttp first;
    private static DemoHttp second;

    private static ConfigurableApplicationContext start() {
        return Routers.start(
                REDIS,
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                // Each answer costs a whole cent or more, so a budget of a few cents runs out quickly.
                "--coe.experts[0].input-price-per-1k=10",
                "--coe.experts[1].id=other",
                "--coe.experts[1].adapter=echo");
    }

    @BeforeAll
    static void startTwoRouters() {
        ROUTERS.add(start());
        ROUTERS.add(start());
        first = new DemoHttp(Routers.port(ROUTERS.get(0)));
        second = new DemoHttp(Routers.port(ROUTERS.get(1)));
    }

    @AfterAll
    static void stop() {
        ROUTERS.forEach(ConfigurableApplicationContext::close);
        REDIS.close();
    }

    /** Creates a key through the first router's admin API and returns its secret and id. */
    private static String[] createKey(String body) throws Exception {
        DemoHttp.Reply created = first.as(ADMIN_KEY).post("/admin/keys", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return new String[] {
            created.body().path("key").asString(), created.body().path("id").asString()
        };
    }

    private static DemoHttp.Reply ask(DemoHttp router, String key, String model) throws Exception {
        return router.as(key).post("/v1/chat/completions", DemoHttp.chat(model, "hello", null));
    }

    @Test
    void aKeysRequestsPerMinuteHoldAcrossBothRouters() throws Exception {
        String key = createKey("{\"name\":\"rate\",\"requests_per_minute\":4}")[0];

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(ask(i % 2 == 0 ? first : second, key, "echo").status());
        }

        assertThat(statuses).containsExactly(200, 200, 200, 200, 429, 429);
        DemoHttp.Reply refused = ask(first, key, "echo");
        assertThat(refused.body().path("error").path("code").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(refused.body().path("error").path("type").asString()).isEqualTo("rate_limit_error");
    }

    @Test
    void aKeysBudgetHoldsAcrossBothRoutersAndItsSpendIsShown() throws Exception {
        String[] key = createKey("{\"name\":\"budget\",\"budget_usd\":0.05}");

        int answered = 0;
        DemoHttp.Reply last = null;
        for (int i = 0; i < 20 && (last == null || last.status() == 200); i++) {
            last = ask(i % 2 == 0 ? first : second, key[0], "echo");
            if (last.status() == 200) {
                answered++;
            }
        }

        assertThat(last.status()).isEqualTo(429);
        assertThat(last.body().path("error").path("code").asString()).isEqualTo("insufficient_quota");
        assertThat(answered).isBetween(1, 19);
        JsonNode shown = second.as(ADMIN_KEY).get("/admin/keys/" + key[1]).body();
        assertThat(shown.path("spent_usd").decimalValue()).isGreaterThanOrEqualTo(new BigDecimal("0.05"));
        assertThat(shown.has("key") && !shown.path("key").isNull())
                .as("the secret is never shown again")
                .isFalse();
    }

    @Test
    void aKeyDisabledThroughOneRouterIsRefusedByTheOtherAtItsNextCall() throws Exception {
        String[] key = createKey("{\"name\":\"to disable\"}");
        assertThat(ask(second, key[0], "echo").status()).isEqualTo(200);

        DemoHttp.Reply disabled = first.as(ADMIN_KEY).send("PATCH", "/admin/keys/" + key[1], "{\"enabled\":false}");
        assertThat(disabled.body().path("enabled").asBoolean()).isFalse();

        DemoHttp.Reply refused = ask(second, key[0], "echo");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("error").path("code").asString()).isEqualTo("api_key_disabled");
    }

    @Test
    void aKeyRestrictedToSomeModelsIsRefusedOthers() throws Exception {
        String key = createKey("{\"name\":\"echo only\",\"models\":[\"echo\"]}")[0];

        assertThat(ask(first, key, "echo").status()).isEqualTo(200);
        DemoHttp.Reply refused = ask(second, key, "other");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("error").path("param").asString()).isEqualTo("model");
        assertThat(refused.body().path("error").path("code").asString()).isEqualTo("model_not_allowed");
    }

    @Test
    void aKeyRestrictedToSomeExpertsIsRoutedOnlyToThem() throws Exception {
        String key = createKey("{\"name\":\"other only\",\"experts\":[\"other\"]}")[0];

        // Without profiles routing would send 'coe' to the default expert, echo, which this key may not reach.
        DemoHttp.Reply routed =
                second.as(key).post("/v1/chat/completions", DemoHttp.chat("coe", "hello", "{\"explain\":true}"));
        assertThat(routed.status()).as(routed.raw()).isEqualTo(200);
        List<String> answered = new ArrayList<>();
        routed.body()
                .path("coe")
                .path("experts")
                .forEach(e -> answered.add(e.path("id").asString()));
        assertThat(answered).containsExactly("other");
        assertThat(routed.body().path("coe").path("explanation").path("reason").asString())
                .contains("may reach only [other]");

        DemoHttp.Reply named = ask(first, key, "echo");
        assertThat(named.status()).isEqualTo(403);
        assertThat(named.body().path("error").path("code").asString()).isEqualTo("model_not_allowed");
        assertThat(named.body().path("error").path("message").asString()).contains("may not call model 'echo'");

        DemoHttp.Reply shown = first.as(ADMIN_KEY).get("/admin/keys");
        assertThat(shown.raw()).contains("\"experts\":[\"other\"]");
    }

    @Test
    void callsWithoutAValidKeyAreRefusedInOpenAisFormat() throws Exception {
        DemoHttp.Reply missing = first.post("/v1/chat/completions", DemoHttp.chat("echo", "hi", null));
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.body().path("error").path("code").asString()).isEqualTo("missing_api_key");

        DemoHttp.Reply wrong = ask(first, "coe-not-a-real-key", "echo");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().path("error").path("code").asString()).isEqualTo("invalid_api_key");
    }

    @Test
    void theAdminApiRefusesGatewayKeysAndTheGatewayRefusesTheAdminKey() throws Exception {
        String key = createKey("{\"name\":\"not an admin\"}")[0];

        DemoHttp.Reply asGateway = second.as(key).get("/admin/keys");
        assertThat(asGateway.status()).isEqualTo(403);
        assertThat(asGateway.body().path("error").path("code").asString()).isEqualTo("admin_key_required");
        assertThat(second.get("/admin/experts").status()).isEqualTo(401);
        DemoHttp.Reply asAdmin = ask(first, ADMIN_KEY, "echo");
        assertThat(asAdmin.status()).isEqualTo(403);
        assertThat(asAdmin.body().path("error").path("code").asString()).isEqualTo("gateway_key_required");
    }

    @Test
    void keysAreListedWithoutSecretsOrHashes() throws Exception {
        createKey("{\"name\":\"listed\",\"tokens_per_minute\":1000}");

        DemoHttp.Reply list = second.as(ADMIN_KEY).get("/admin/keys");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.raw()).contains("\"listed\"").doesNotContain("\"hash\"");
        list.body().path("data").forEach(k -> {
            assertThat(k.path("key").isNull()).isTrue();
            assertThat(k.path("hint").asString()).startsWith("coe-").endsWith("...");
        });
    }

    /** The official OpenAI SDK on {@code router} with gateway key {@code key}. */
    private static OpenAIClient sdk(int router, String key) {
        return OpenAIOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + Routers.port(ROUTERS.get(router)) + "/v1")
                .apiKey(key)
                .maxRetries(0)
                .build();
    }

    private static String line(String customId, String model) {
        return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + DemoHttp.chat(model, "hello " + customId, null) + "}\n";
    }

    /** Uploads {@code jsonl} and runs it as a batch with {@code client}; the finished batch. */
    private static Batch runBatch(OpenAIClient client, String jsonl) throws InterruptedException {
        FileObject file = client.files()
                .create(FileCreateParams.builder()
                        .file(jsonl.getBytes(StandardCharsets.UTF_8))
                        .purpose(FilePurpose.BATCH)
                        .build());
        String id = client.batches()
                .create(BatchCreateParams.builder()
                        .inputFileId(file.id())
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H)
                        .build())
                .id();
        for (int i = 0; i < 1200; i++) {
            Batch batch = client.batches().retrieve(id);
            if (Set.of("completed", "failed", "cancelled", "expired")
                    .contains(batch.status().asString())) {
                return batch;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("batch " + id + " did not finish");
    }

    private static String content(OpenAIClient client, String fileId) throws Exception {
        try (var response = client.files().content(fileId)) {
            return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void batchLinesKeepTheirKeysModelsAndBudgetAndOnlyThatKeySeesTheBatch() throws Exception {
        String[] team = createKey("{\"name\":\"team\",\"models\":[\"echo\"],\"budget_usd\":0.01}");
        String outsider = createKey("{\"name\":\"outsider\"}")[0];
        OpenAIClient teamOnFirst = sdk(0, team[0]);

        // One answer (a cent or more: echo's price is $10 per 1k prompt tokens) spends the whole budget.
        Batch batch = runBatch(teamOnFirst, line("a", "echo") + line("b", "other"));

        assertThat(batch.status().asString()).isEqualTo("completed");
        String output = content(teamOnFirst, batch.outputFileId().orElseThrow());
        String errors = content(teamOnFirst, batch.errorFileId().orElseThrow());
        assertThat(output).contains("\"custom_id\":\"a\"");
        assertThat(errors).contains("\"custom_id\":\"b\"").contains("model_not_allowed");
        JsonNode shown = first.as(ADMIN_KEY).get("/admin/keys/" + team[1]).body();
        assertThat(shown.path("spent_usd").decimalValue())
                .as("answers are charged")
                .isPositive();

        // Now over its budget: no new batch, but its results can still be read.
        assertThatThrownBy(() -> runBatch(sdk(1, team[0]), line("d", "echo")))
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("budget");
        assertThat(sdk(1, team[0]).batches().retrieve(batch.id()).status().asString())
                .isEqualTo("completed");

        DemoHttp outsiderHttp = second.as(outsider);
        assertThat(outsiderHttp.get("/v1/batches/" + batch.id()).status()).isEqualTo(404);
        assertThat(outsiderHttp
                        .get("/v1/files/" + batch.outputFileId().orElseThrow())
                        .status())
                .isEqualTo(404);
        assertThat(outsiderHttp.get("/v1/batches").raw()).doesNotContain(batch.id());
        assertThat(outsiderHttp.get("/v1/files").raw()).doesNotContain(batch.inputFileId());
        assertThat(second.as(team[0]).get("/v1/batches").raw()).contains(batch.id());
    }
}
