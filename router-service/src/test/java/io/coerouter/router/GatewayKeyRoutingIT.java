package io.coerouter.router;

import static io.coerouter.router.DemoHttp.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.testing.OpenAiStubServer;
import io.coerouter.router.state.RedisTestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code model: coe} for gateway keys restricted to some experts, on the demo pack (profiled specialists, a profiled
 * generalist as default expert, echo, unprofiled, and a synthesiser): routing considers only the key's experts, falls back to the
 * key's first available expert instead of the deployment's generalist, and no answer (route, explanation, stream,
 * error) names an expert outside the key's grant.
 */
class GatewayKeyRoutingIT {

    private static final String ADMIN_KEY = "admin-secret-0123456789";
    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static final OpenAiStubServer SYNTH = OpenAiStubServer.start();
    private static ConfigurableApplicationContext router;
    private static DemoHttp http;
    private static List<String> experts;

    @BeforeAll
    static void start() throws Exception {
        List<String> args = new ArrayList<>(List.of("--coe.auth.enabled=true", "--coe.auth.admin-key=" + ADMIN_KEY));
        // The demo pack as application.yaml declares it, plus a synthesiser the keys below may not reach.
        List<String> demo = List.of(
                "generalist",
                "arithmetic-expert",
                "units-expert",
                "strings-expert",
                "calendar-expert",
                "capitals-expert");
        for (int i = 0; i < demo.size(); i++) {
            args.add("--coe.experts[" + i + "].id=" + demo.get(i));
            args.add("--coe.experts[" + i + "].adapter=djl");
            args.add("--coe.experts[" + i + "].model-path=classpath:coe-demo-experts/" + demo.get(i));
        }
        args.addAll(List.of(
                "--coe.experts[6].id=echo",
                "--coe.experts[6].adapter=echo",
                "--coe.experts[7].id=writer",
                "--coe.experts[7].adapter=openai",
                "--coe.experts[7].base-url=" + SYNTH.baseUrl(),
                "--coe.experts[7].model=synth-model",
                "--coe.aggregation.synthesizer=writer"));
        router = Routers.start(REDIS, args.toArray(String[]::new));
        http = Routers.http(router);
        experts = new ArrayList<>();
        http.as(ADMIN_KEY)
                .get("/admin/experts")
                .body()
                .path("data")
                .forEach(e -> experts.add(e.path("id").asString()));
        assertThat(experts).contains("generalist", "arithmetic-expert", "capitals-expert", "echo", "writer");
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
        REDIS.close();
        SYNTH.close();
    }

    private static String createKey(String experts) throws Exception {
        DemoHttp.Reply created =
                http.as(ADMIN_KEY).post("/admin/keys", "{\"name\":\"restricted\",\"experts\":" + experts + "}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().path("key").asString();
    }

    /** Asserts {@code raw} names no registered expert but {@code granted}. */
    private static void namesOnly(String raw, String... granted) {
        for (String id : experts) {
            if (!List.of(granted).contains(id)) {
                assertThat(raw).as("names '%s'", id).doesNotContain(id);
            }
        }
    }

    @Test
    void aKeyWithOnlyAnUnprofiledExpertIsAnsweredByIt() throws Exception {
        String key = createKey("[\"echo\"]");

        DemoHttp.Reply answered =
                http.as(key).post("/v1/chat/completions", chat("coe", "hello there", "{\"explain\":true}"));
        assertThat(answered.status()).as(answered.raw()).isEqualTo(200);
        assertThat(DemoHttp.experts(answered)).containsExactly("echo:ok");
        assertThat(answered.body()
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asString())
                .contains("hello there");
        assertThat(answered.body()
                        .path("coe")
                        .path("explanation")
                        .path("reason")
                        .asString())
                .contains("may reach only [echo]");
        namesOnly(answered.raw(), "echo");

        DemoHttp.Reply route = http.as(key).post("/v1/route", chat("coe", "What is 17 + 6?", null));
        assertThat(route.status()).as(route.raw()).isEqualTo(200);
        assertThat(route.body().path("experts").get(0).path("id").asString()).isEqualTo("echo");
        namesOnly(route.raw(), "echo");

        DemoHttp.Reply streamed = http.as(key)
                .post(
                        "/v1/chat/completions",
                        "{\"stream\":true,"
                                + chat("coe", "What is 17 + 6?", "{\"explain\":true}")
                                        .substring(1));
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.raw()).contains("\"echo\"").contains("[DONE]");
        namesOnly(streamed.raw(), "echo");
    }

    @Test
    void aKeyWithOneSpecialistSeesOnlyItInRoutesAndExplanations() throws Exception {
        String key = createKey("[\"arithmetic-expert\"]");

        DemoHttp.Reply route = http.as(key).post("/v1/route", chat("coe", "What is the capital of Peru?", null));
        assertThat(route.status()).as(route.raw()).isEqualTo(200);
        assertThat(route.body().path("experts").get(0).path("id").asString()).isEqualTo("arithmetic-expert");
        namesOnly(route.raw(), "arithmetic-expert");

        DemoHttp.Reply moe =
                http.as(key).post("/v1/route", chat("coe", "What is 17 + 6?", "{\"method\":\"symbolic-moe\",\"k\":3}"));
        assertThat(moe.status()).as(moe.raw()).isEqualTo(200);
        namesOnly(moe.raw(), "arithmetic-expert");

        DemoHttp.Reply answered =
                http.as(key).post("/v1/chat/completions", chat("coe", "hello there", "{\"explain\":true}"));
        assertThat(answered.status()).as(answered.raw()).isEqualTo(200);
        assertThat(DemoHttp.experts(answered)).containsExactly("arithmetic-expert:ok");
        namesOnly(answered.raw(), "arithmetic-expert");
    }

    @Test
    void aKeyIsNotToldWhichOfTheDeploymentsExpertsSynthesised() throws Exception {
        String key = createKey("[\"generalist\", \"capitals-expert\"]");

        DemoHttp.Reply answered = http.as(key)
                .post(
                        "/v1/chat/completions",
                        chat(
                                "coe",
                                "What is the capital of Saudi Arabia?",
                                "{\"k\":2,\"method\":\"symbolic-moe\",\"aggregator\":\"synthesis\",\"explain\":true}"));

        assertThat(answered.status()).as(answered.raw()).isEqualTo(200);
        assertThat(answered.body().path("coe").path("aggregator").asString()).isEqualTo("synthesis");
        assertThat(SYNTH.received()).isNotEmpty();
        namesOnly(answered.raw(), "generalist", "capitals-expert");
    }

    @Test
    void aKeyWhoseOnlyExpertIsDisabledIsToldOnlyAboutIt() throws Exception {
        String key = createKey("[\"units-expert\"]");
        assertThat(http.as(ADMIN_KEY)
                        .post("/admin/experts/units-expert/disable", null)
                        .status())
                .isEqualTo(200);
        try {
            for (String question : List.of("How many grams are in 3 kilograms?", "hello there")) {
                DemoHttp.Reply refused = http.as(key).post("/v1/chat/completions", chat("coe", question, null));
                assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
                assertThat(refused.body().path("error").path("code").asString()).isEqualTo("no_available_expert");
                assertThat(refused.raw()).contains("units-expert");
                namesOnly(refused.raw(), "units-expert");

                DemoHttp.Reply route = http.as(key).post("/v1/route", chat("coe", question, null));
                assertThat(route.status()).as(route.raw()).isEqualTo(503);
                namesOnly(route.raw(), "units-expert");
            }
        } finally {
            http.as(ADMIN_KEY).post("/admin/experts/units-expert/enable", null);
        }
    }

    @Test
    void anUnknownModelListsOnlyTheKeysExperts() throws Exception {
        DemoHttp.Reply created =
                http.as(ADMIN_KEY).post("/admin/keys", "{\"name\":\"ghost\",\"experts\":[\"echo\",\"ghost\"]}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);

        DemoHttp.Reply missing =
                http.as(created.body().path("key").asString()).post("/v1/chat/completions", chat("ghost", "hi", null));

        assertThat(missing.status()).as(missing.raw()).isEqualTo(404);
        assertThat(missing.body().path("error").path("message").asString()).contains("coe, echo.");
        namesOnly(missing.raw(), "echo");
    }
}
