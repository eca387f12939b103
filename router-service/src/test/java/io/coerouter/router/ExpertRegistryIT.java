package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The expert registry across two router instances sharing one real Redis server: an expert added, changed,
 * disabled, drained or deleted through one router is what the other serves, and the admin API checks definitions
 * and never shows an API key's variable.
 */
class ExpertRegistryIT {

    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static final List<ConfigurableApplicationContext> ROUTERS = new ArrayList<>();
    private static DemoHttp first;
    private static DemoHttp second;

    private static ConfigurableApplicationContext start() {
        return Routers.start(
                REDIS,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.experts[1].id=declared",
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

    @AfterEach
    void removeAddedExperts() throws Exception {
        for (var e : first.get("/admin/experts").body().path("data")) {
            String id = e.path("id").asString();
            if (e.path("source").asString().equals("admin") && !id.equals("declared")) {
                first.send("DELETE", "/admin/experts/" + id, null);
            }
        }
        first.post("/admin/experts/declared/enable", "");
    }

    /** Polls {@code router}'s {@code path} until {@code done} holds, for at most five seconds; the last reply. */
    private static DemoHttp.Reply await(DemoHttp router, String path, Predicate<DemoHttp.Reply> done) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        DemoHttp.Reply reply = router.get(path);
        while (!done.test(reply) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            reply = router.get(path);
        }
        return reply;
    }

    private static boolean lists(DemoHttp.Reply models, String id) {
        for (var m : models.body().path("data")) {
            if (m.path("id").asString().equals(id)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anExpertAddedThroughOneRouterIsServedByTheOther() throws Exception {
        DemoHttp.Reply created = first.post(
                "/admin/experts",
                "{\"id\":\"added\",\"adapter\":\"echo\",\"api_key_env\":\"ADDED_SECRET_API_KEY\",\"max_concurrency\":3}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long stored = System.nanoTime();
        assertThat(created.body().path("state").asString()).isEqualTo("enabled");
        assertThat(created.body().path("source").asString()).isEqualTo("admin");
        assertThat(created.body().path("has_api_key").asBoolean()).isTrue();
        assertThat(created.body().path("definition").path("max_concurrency").asInt())
                .isEqualTo(3);

        DemoHttp.Reply models = await(second, "/v1/models", r -> lists(r, "added"));
        long seen = System.nanoTime();
        assertThat(lists(models, "added")).as(models.raw()).isTrue();
        System.out.printf("expert added on one router was listed by the other after %.1f ms%n", (seen - stored) / 1e6);

        DemoHttp.Reply answer = second.post("/v1/chat/completions", DemoHttp.chat("added", "hello", null));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(DemoHttp.experts(answer)).containsExactly("added:ok");
    }

    @Test
    void noAnswerShowsAnExpertsApiKeyVariable() throws Exception {
        first.post(
                "/admin/experts", "{\"id\":\"keyed\",\"adapter\":\"echo\",\"api_key_env\":\"KEYED_SECRET_API_KEY\"}");
        DemoHttp.Reply patched = first.send("PATCH", "/admin/experts/keyed", "{\"max_concurrency\":2}");

        assertThat(patched.raw()).doesNotContain("KEYED_SECRET_API_KEY");
        assertThat(patched.body().path("has_api_key").asBoolean())
                .as("the patch kept it")
                .isTrue();
        assertThat(first.get("/admin/experts").raw()).doesNotContain("KEYED_SECRET_API_KEY");
        assertThat(await(second, "/admin/experts/keyed", r -> r.status() == 200).raw())
                .doesNotContain("KEYED_SECRET_API_KEY");
    }

    @Test
    void aDisabledExpertIsRefusedByEveryRouterAndItsCallsFailOver() throws Exception {
        first.post("/admin/experts", "{\"id\":\"primary\",\"adapter\":\"echo\",\"fallbacks\":[\"echo\"]}");
        await(second, "/v1/models", r -> lists(r, "primary"));

        DemoHttp.Reply disabled = first.post("/admin/experts/primary/disable", "");
        assertThat(disabled.body().path("state").asString()).isEqualTo("disabled");
        assertThat(disabled.body().path("available").asBoolean()).isFalse();
        DemoHttp.Reply models = await(second, "/v1/models", r -> !lists(r, "primary"));
        assertThat(lists(models, "primary")).isFalse();

        DemoHttp.Reply failedOver = second.post("/v1/chat/completions", DemoHttp.chat("primary", "hello", null));
        assertThat(failedOver.status()).as(failedOver.raw()).isEqualTo(200);
        assertThat(DemoHttp.experts(failedOver)).containsExactly("primary:failed", "echo:ok");

        first.post("/admin/experts/declared/disable", "");
        DemoHttp.Reply refused = await(
                second,
                "/admin/experts/declared",
                r -> r.body().path("state").asString().equals("disabled"));
        assertThat(refused.body().path("state").asString()).isEqualTo("disabled");
        DemoHttp.Reply noFallback = second.post("/v1/chat/completions", DemoHttp.chat("declared", "hello", null));
        assertThat(noFallback.status()).isEqualTo(503);
        assertThat(noFallback.body().path("error").path("message").asString())
                .contains("declared")
                .contains("disabled");

        first.post("/admin/experts/primary/enable", "");
        await(second, "/v1/models", r -> lists(r, "primary"));
        DemoHttp.Reply back = second.post("/v1/chat/completions", DemoHttp.chat("primary", "hello", null));
        assertThat(DemoHttp.experts(back)).containsExactly("primary:ok");
    }

    @Test
    void aDrainedExpertTakesNoNewCallsAndSaysWhenItsCallsAreDone() throws Exception {
        first.post("/admin/experts", "{\"id\":\"leaving\",\"adapter\":\"echo\"}");

        DemoHttp.Reply draining = first.post("/admin/experts/leaving/drain", "");

        assertThat(draining.body().path("state").asString()).isEqualTo("draining");
        assertThat(draining.body().path("in_flight").asInt()).isZero();
        assertThat(draining.body().path("drained").asBoolean()).isTrue();
        DemoHttp.Reply onSecond = await(
                second,
                "/admin/experts/leaving",
                r -> r.body().path("state").asString().equals("draining"));
        assertThat(onSecond.body().path("drained").asBoolean()).isTrue();
        assertThat(second.post("/v1/chat/completions", DemoHttp.chat("leaving", "hello", null))
                        .status())
                .isEqualTo(503);
    }

    @Test
    void aChangeThroughOneRouterIsWhatTheOtherServes() throws Exception {
        first.post("/admin/experts", "{\"id\":\"tuned\",\"adapter\":\"echo\",\"max_concurrency\":2}");

        DemoHttp.Reply patched = second.send("PATCH", "/admin/experts/tuned", "{\"max_concurrency\":5}");
        assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
        DemoHttp.Reply onFirst = await(
                first,
                "/admin/experts/tuned",
                r -> r.body().path("max_concurrency").asInt() == 5);
        assertThat(onFirst.body().path("max_concurrency").asInt()).isEqualTo(5);

        DemoHttp.Reply replaced =
                first.send("PUT", "/admin/experts/tuned", "{\"adapter\":\"echo\",\"context_window\":4096}");
        assertThat(replaced.status()).as(replaced.raw()).isEqualTo(200);
        assertThat(replaced.body().path("max_concurrency").asInt())
                .as("back to the default")
                .isEqualTo(16);
        assertThat(replaced.body().path("definition").path("context_window").asInt())
                .isEqualTo(4096);

        DemoHttp.Reply created = first.send("PUT", "/admin/experts/fresh", "{\"adapter\":\"echo\"}");
        assertThat(created.status()).isEqualTo(201);
    }

    @Test
    void aCircuitForcedThroughOneRouterIsForcedOnEveryRouterAndOutlivesAChange() throws Exception {
        // Never called: the name only has to be valid (.invalid never resolves; TEST-NET is refused for admin experts).
        first.post(
                "/admin/experts",
                "{\"id\":\"remote\",\"adapter\":\"openai\",\"base_url\":\"http://remote.invalid:9/v1\",\"model\":\"m\"}");

        DemoHttp.Reply forced = first.post("/admin/experts/remote/circuit", "{\"state\":\"forced_open\"}");
        assertThat(forced.body().path("circuit").asString()).isEqualTo("forced_open");
        DemoHttp.Reply onSecond = await(
                second,
                "/admin/experts/remote",
                r -> r.body().path("circuit").asString().equals("forced_open"));
        assertThat(onSecond.body().path("available").asBoolean()).isFalse();

        DemoHttp.Reply patched = second.send("PATCH", "/admin/experts/remote", "{\"max_concurrency\":4}");
        assertThat(patched.body().path("circuit").asString())
                .as("kept by the rebuilt expert")
                .isEqualTo("forced_open");

        first.post("/admin/experts/remote/circuit", "{\"state\":\"automatic\"}");
        assertThat(await(
                                second,
                                "/admin/experts/remote",
                                r -> r.body().path("circuit").asString().equals("closed"))
                        .body()
                        .path("circuit")
                        .asString())
                .isEqualTo("closed");
    }

    @Test
    void aRouterStartedLaterServesTheExpertsAddedAtRunTime() throws Exception {
        first.post("/admin/experts", "{\"id\":\"remembered\",\"adapter\":\"echo\"}");
        first.post("/admin/experts/declared/disable", "");

        try (ConfigurableApplicationContext third = start()) {
            DemoHttp later = Routers.http(third);
            assertThat(lists(later.get("/v1/models"), "remembered")).isTrue();
            assertThat(later.get("/admin/experts/declared").body().path("state").asString())
                    .as("a declared expert keeps its state across restarts")
                    .isEqualTo("disabled");
        }
    }

    @Test
    void definitionsAreCheckedAsTheConfigurationIs() throws Exception {
        assertError(first.post("/admin/experts", "{\"id\":\"x\",\"adapter\":\"telepathy\"}"), 400, null);
        assertError(
                first.post(
                        "/admin/experts",
                        "{\"id\":\"x\",\"adapter\":\"openai\",\"base_url\":\"ftp://h/v1\",\"model\":\"m\"}"),
                400,
                "base_url");
        assertError(
                first.post("/admin/experts", "{\"id\":\"x\",\"adapter\":\"echo\",\"max_concurrency\":0}"), 400, null);
        assertError(
                first.post("/admin/experts", "{\"id\":\"x\",\"adapter\":\"echo\",\"max_concurency\":3}"),
                400,
                "max_concurency");
        assertError(
                first.post("/admin/experts", "{\"id\":\"x\",\"adapter\":\"echo\",\"fallbacks\":[\"nobody\"]}"),
                400,
                "fallbacks");
        assertError(first.post("/admin/experts", "{\"adapter\":\"echo\"}"), 400, "id");
        assertError(first.post("/admin/experts", "{\"id\":\"coe\",\"adapter\":\"echo\"}"), 400, "id");
        assertError(first.post("/admin/experts", "{\"id\":\"echo\",\"adapter\":\"echo\"}"), 409, "id");
        assertError(first.send("PUT", "/admin/experts/echo", "{\"id\":\"other\",\"adapter\":\"echo\"}"), 400, "id");
        assertError(first.post("/admin/experts", "not json"), 400, null);
        assertError(first.get("/admin/experts/nobody"), 404, "id");
        assertThat(first.get("/v1/models").raw()).doesNotContain("\"x\"");
    }

    @Test
    void anExpertThatRoutingAnotherExpertOrTheConfigurationNamesCannotBeDeleted() throws Exception {
        first.post("/admin/experts", "{\"id\":\"backup\",\"adapter\":\"echo\"}");
        first.post("/admin/experts", "{\"id\":\"leaning\",\"adapter\":\"echo\",\"fallbacks\":[\"backup\"]}");

        assertError(first.send("DELETE", "/admin/experts/echo", null), 409, "id");
        assertError(first.send("DELETE", "/admin/experts/declared", null), 409, "id");
        assertThat(first.send("PATCH", "/admin/experts/declared", "{\"description\":\"Changed by an admin.\"}")
                        .body()
                        .path("source")
                        .asString())
                .isEqualTo("admin");
        assertError(first.send("DELETE", "/admin/experts/declared", null), 409, "id");
        assertError(first.send("DELETE", "/admin/experts/backup", null), 409, "id");
        assertThat(first.send("DELETE", "/admin/experts/leaning", null).status())
                .isEqualTo(200);
        assertThat(first.send("DELETE", "/admin/experts/backup", null).status()).isEqualTo(200);
        assertThat(await(second, "/admin/experts/backup", r -> r.status() == 404)
                        .status())
                .isEqualTo(404);
    }

    private static void assertError(DemoHttp.Reply reply, int status, String param) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
        assertThat(reply.body().path("error").path("message").asString()).isNotBlank();
        assertThat(reply.body().path("error").path("type").asString()).isEqualTo("invalid_request_error");
        if (param != null) {
            assertThat(reply.body().path("error").path("param").asString()).isEqualTo(param);
        }
    }
}
