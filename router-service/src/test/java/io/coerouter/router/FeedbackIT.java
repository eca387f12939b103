package io.coerouter.router;

import static io.coerouter.router.DemoHttp.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Feedback through real HTTP on one router (state in memory, auth on): two echo experts profiled on capitals, alpha
 * right 9 of 10, beta 2 of 10, so category routing sends capitals to alpha until feedback on alpha's answers says
 * otherwise (weight 20: two wrong answers make alpha 9 of 50). Feedback is the key's own, validated field by field,
 * last-wins per completion, and off unless switched on.
 */
class FeedbackIT {

    private static final String ADMIN_KEY = "admin-secret-0123456789";
    private static final String CAPITALS = "{\"skills\":[\"capitals\"]}";
    private static final Pattern SSE_ID = Pattern.compile("\"id\"\\s*:\\s*\"(chatcmpl-[A-Za-z0-9]+)\"");
    private static final List<ConfigurableApplicationContext> ROUTERS = new ArrayList<>();
    private static Path seed;
    private static DemoHttp admin;
    private static DemoHttp keyA;
    private static DemoHttp keyB;
    private static DemoHttp disabled;

    static ConfigurableApplicationContext start(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--coe.redis.url=",
                "--coe.skills.warm-up=false",
                "--coe.profiles.location=file:" + seed,
                "--coe.default-expert=alpha",
                "--coe.experts[0].id=alpha",
                "--coe.experts[0].adapter=echo",
                "--coe.experts[1].id=beta",
                "--coe.experts[1].adapter=echo"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(CoeRouterApplication.class).run(args.toArray(String[]::new));
    }

    @BeforeAll
    static void startRouters() throws Exception {
        seed = Files.createTempFile("coe-profiles", ".json");
        Files.writeString(seed, SharedSkillsIT.profiles(9, 2));
        ROUTERS.add(start(
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.feedback.enabled=true",
                "--coe.feedback.weight=20"));
        admin = Routers.http(ROUTERS.getFirst()).as(ADMIN_KEY);
        keyA = admin.as(createKey("a"));
        keyB = admin.as(createKey("b"));
        ROUTERS.add(start());
        disabled = Routers.http(ROUTERS.get(1));
    }

    @AfterAll
    static void stop() throws Exception {
        ROUTERS.forEach(ConfigurableApplicationContext::close);
        Files.deleteIfExists(seed);
    }

    @BeforeEach
    void forgetFeedback() throws Exception {
        DemoHttp.Reply cleared = admin.send("DELETE", "/admin/feedback", null);
        assertThat(cleared.status()).as(cleared.raw()).isEqualTo(200);
    }

    private static String createKey(String name) throws Exception {
        return createKeyWith("{\"name\":\"" + name + "\"}");
    }

    private static String createKeyWith(String body) throws Exception {
        DemoHttp.Reply created = admin.post("/admin/keys", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().path("key").asString();
    }

    /** A capitals question answered through {@code client}; returns the completion's id. */
    private static String completion(DemoHttp client, String expectedExpert) throws Exception {
        DemoHttp.Reply answer =
                client.post("/v1/chat/completions", chat("coe", "What is the capital of Peru?", CAPITALS));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(DemoHttp.experts(answer)).containsExactly(expectedExpert + ":ok");
        return answer.body().path("id").asString();
    }

    private static String routedTo(DemoHttp client) throws Exception {
        DemoHttp.Reply route = client.post("/v1/route", chat("coe", "What is the capital of Peru?", CAPITALS));
        assertThat(route.status()).as(route.raw()).isEqualTo(200);
        return route.body().path("experts").get(0).path("id").asString();
    }

    private static DemoHttp.Reply feedback(DemoHttp client, String id, double score) throws Exception {
        return client.post("/v1/feedback", "{\"id\":\"" + id + "\",\"score\":" + score + "}");
    }

    @Test
    void negativeFeedbackOnTheExpertThatAnsweredSendsTheSkillToAnotherAndPositiveFeedbackBringsItBack()
            throws Exception {
        assertThat(routedTo(keyA)).isEqualTo("alpha");
        String first = completion(keyA, "alpha");

        DemoHttp.Reply given = feedback(keyA, first, 0);

        assertThat(given.status()).as(given.raw()).isEqualTo(200);
        JsonNode updated = given.body().path("updated");
        assertThat(given.body().path("object").asString()).isEqualTo("coe.feedback");
        assertThat(given.body().path("replaced").asBoolean()).isFalse();
        assertThat(updated).hasSize(1);
        assertThat(updated.get(0).path("expert").asString()).isEqualTo("alpha");
        assertThat(updated.get(0).path("skill").asString()).isEqualTo("capitals");
        assertThat(updated.get(0).path("wrong").asDouble()).isEqualTo(20.0);
        assertThat(updated.get(0).path("right").asDouble()).isZero();
        assertThat(routedTo(keyA))
                .as("alpha 9 of 30 still beats beta's 2 of 10")
                .isEqualTo("alpha");

        DemoHttp.Reply again = feedback(keyA, first, 0);
        assertThat(again.body().path("replaced").asBoolean()).isTrue();
        assertThat(again.body().path("updated").get(0).path("feedback_wrong").asDouble())
                .as("the same completion's feedback again replaces it, it does not add up")
                .isCloseTo(20, within(0.01));
        assertThat(routedTo(keyA)).isEqualTo("alpha");

        String second = completion(keyA, "alpha");
        DemoHttp.Reply more = feedback(keyA, second, 0);
        assertThat(more.body().path("updated").get(0).path("feedback_wrong").asDouble())
                .isCloseTo(40, within(0.01));
        assertThat(routedTo(keyA))
                .as("alpha 9 of 50 is now under beta's 2 of 10")
                .isEqualTo("beta");
        completion(keyA, "beta");
        JsonNode learnt = admin.get("/admin/feedback").body();
        assertThat(learnt.path("enabled").asBoolean()).isTrue();
        assertThat(learnt.path("data")).hasSize(1);
        assertThat(learnt.path("data").get(0).path("wrong").asDouble()).isCloseTo(40, within(0.01));

        DemoHttp.Reply changedMind = feedback(keyA, second, 1);
        assertThat(changedMind
                        .body()
                        .path("updated")
                        .get(0)
                        .path("feedback_right")
                        .asDouble())
                .isCloseTo(20, within(0.01));
        assertThat(routedTo(keyA)).as("alpha (9 + 20) of 50").isEqualTo("alpha");
    }

    @Test
    void feedbackOnAnotherKeysCompletionIsNotFoundAsIfItDidNotExistButTheAdminMayGiveIt() throws Exception {
        String id = completion(keyA, "alpha");

        DemoHttp.Reply other = feedback(keyB, id, 0);
        DemoHttp.Reply unknown = feedback(keyB, "chatcmpl-Unknown0000000000000", 0);

        assertThat(other.status()).as(other.raw()).isEqualTo(404);
        JsonNode error = other.body().path("error");
        assertThat(error.path("code").asString()).isEqualTo("completion_not_found");
        assertThat(error.path("param").asString()).isEqualTo("id");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(other.raw().replace(id, "ID"))
                .isEqualTo(unknown.raw().replace("chatcmpl-Unknown0000000000000", "ID"));
        assertThat(routedTo(keyA)).isEqualTo("alpha");

        DemoHttp.Reply byAdmin = admin.post("/admin/feedback", "{\"id\":\"" + id + "\",\"score\":0}");
        assertThat(byAdmin.status()).as(byAdmin.raw()).isEqualTo(200);
        assertThat(byAdmin.body().path("updated").get(0).path("wrong").asDouble())
                .isEqualTo(20.0);
        DemoHttp.Reply adminOnV1 = admin.post("/v1/feedback", "{\"id\":\"" + id + "\",\"score\":0}");
        assertThat(adminOnV1.status()).as("/v1 takes gateway keys only").isIn(401, 403);
    }

    @Test
    void badFeedbackIsAnOpenAiError400NamingTheField() throws Exception {
        String id = completion(keyA, "alpha");
        String[][] cases = {
            {"{}", "id", "missing_required_parameter"},
            {"{\"id\":7,\"score\":0}", "id", "invalid_type"},
            {"{\"id\":\"chat-1\",\"score\":0}", "id", "invalid_value"},
            {"{\"id\":\"chatcmpl-../x\",\"score\":0}", "id", "invalid_value"},
            {"{\"id\":\"" + id + "\"}", "score", "missing_required_parameter"},
            {"{\"id\":\"" + id + "\",\"score\":\"1\"}", "score", "invalid_type"},
            {"{\"id\":\"" + id + "\",\"score\":1.5}", "score", "invalid_value"},
            {"{\"id\":\"" + id + "\",\"score\":-1}", "score", "invalid_value"},
            {"{\"id\":\"" + id + "\",\"score\":0,\"expert\":5}", "expert", "invalid_type"},
            {"{\"id\":\"" + id + "\",\"score\":0,\"expert\":\"beta\"}", "expert", "expert_not_in_completion"},
            {"{\"id\":\"" + id + "\",\"score\":0,\"comment\":\"bad\"}", "comment", "unknown_parameter"}
        };
        for (String[] c : cases) {
            DemoHttp.Reply reply = keyA.post("/v1/feedback", c[0]);

            assertThat(reply.status()).as(c[0] + ": " + reply.raw()).isEqualTo(400);
            JsonNode error = reply.body().path("error");
            assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
            assertThat(error.path("param").asString()).as(c[0]).isEqualTo(c[1]);
            assertThat(error.path("code").asString()).as(c[0]).isEqualTo(c[2]);
        }
        DemoHttp.Reply notJson = keyA.post("/v1/feedback", "{\"id\":");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(admin.get("/admin/feedback").body().path("data"))
                .as("nothing was learnt")
                .isEmpty();
    }

    @Test
    void feedbackOnOneNamedExpertCreditsOnlyIt() throws Exception {
        String id = completion(keyA, "alpha");

        DemoHttp.Reply given = keyA.post("/v1/feedback", "{\"id\":\"" + id + "\",\"score\":0.25,\"expert\":\"alpha\"}");

        assertThat(given.status()).as(given.raw()).isEqualTo(200);
        assertThat(given.body().path("expert").asString()).isEqualTo("alpha");
        assertThat(given.body().path("updated").get(0).path("right").asDouble()).isEqualTo(5.0);
        assertThat(given.body().path("updated").get(0).path("wrong").asDouble()).isEqualTo(15.0);
    }

    @Test
    void feedbackCountsAgainstTheKeysRequestRate() throws Exception {
        DemoHttp limited = admin.as(createKeyWith("{\"name\":\"rate\",\"requests_per_minute\":2}"));
        String id = completion(limited, "alpha");

        DemoHttp.Reply first = feedback(limited, id, 1);
        DemoHttp.Reply second = feedback(limited, id, 1);

        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(second.status()).as(second.raw()).isEqualTo(429);
        assertThat(second.body().path("error").path("code").asString()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void aStreamedCompletionCanBeGivenFeedback() throws Exception {
        DemoHttp.Reply streamed = keyA.post(
                "/v1/chat/completions",
                "{\"model\":\"coe\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Capital of"
                        + " Peru?\"}],\"coe\":" + CAPITALS + "}");
        assertThat(streamed.status()).as(streamed.raw()).isEqualTo(200);
        Matcher id = SSE_ID.matcher(streamed.raw());
        assertThat(id.find()).as(streamed.raw()).isTrue();

        DemoHttp.Reply given = feedback(keyA, id.group(1), 0);

        assertThat(given.status()).as(given.raw()).isEqualTo(200);
        assertThat(given.body().path("updated").get(0).path("expert").asString())
                .isEqualTo("alpha");
    }

    @Test
    void aCompletionOfANamedExpertIsNotRouted() throws Exception {
        DemoHttp.Reply direct = keyA.post("/v1/chat/completions", chat("beta", "What is the capital of Peru?", null));
        assertThat(direct.status()).as(direct.raw()).isEqualTo(200);

        DemoHttp.Reply given = feedback(keyA, direct.body().path("id").asString(), 0);

        assertThat(given.status()).as(given.raw()).isEqualTo(404);
        assertThat(given.body().path("error").path("code").asString()).isEqualTo("completion_not_found");
    }

    @Test
    void switchedOffFeedbackIsNotFoundAndRoutingIgnoresNothing() throws Exception {
        DemoHttp.Reply answer =
                disabled.post("/v1/chat/completions", chat("coe", "What is the capital of Peru?", CAPITALS));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);

        DemoHttp.Reply given = feedback(disabled, answer.body().path("id").asString(), 0);
        DemoHttp.Reply clear = disabled.send("DELETE", "/admin/feedback", null);

        assertThat(given.status()).as(given.raw()).isEqualTo(404);
        assertThat(given.body().path("error").path("code").asString()).isEqualTo("feedback_disabled");
        assertThat(given.body().path("error").path("message").asString()).contains("coe.feedback.enabled");
        assertThat(clear.status()).isEqualTo(404);
        JsonNode view = disabled.get("/admin/feedback").body();
        assertThat(view.path("enabled").asBoolean()).isFalse();
        assertThat(view.path("data")).isEmpty();
    }
}
