package io.coerouter.router;

import static io.coerouter.router.DemoHttp.chat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Skill routing as the README's run command serves it: the demo taxonomy and profiles, MiniLM classification,
 * category routing by default, Symbolic-MoE on request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SkillRoutingIT {

    @LocalServerPort
    int port;

    DemoHttp http;

    @BeforeEach
    void client() {
        http = new DemoHttp(port);
    }

    @Test
    void routeExplainsWhichSkillAndExpertWithoutCallingIt() throws Exception {
        DemoHttp.Reply reply = http.post("/v1/route", chat("coe", "What is 17 + 6?", null));
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.body();
        assertThat(body.path("object").asString()).isEqualTo("coe.route");
        assertThat(body.path("method").asString()).isEqualTo("category");
        assertThat(body.path("skills").get(0).path("id").asString()).isEqualTo("arithmetic");
        assertThat(body.path("skills").get(0).path("score").asDouble()).isGreaterThan(0.5);
        assertThat(body.path("experts").get(0).path("id").asString()).isEqualTo("arithmetic-expert");
        assertThat(body.path("classification").asString()).isEqualTo("trained");
        assertThat(body.path("reason").asString()).contains("arithmetic");
        assertThat(body.path("candidates").size()).isGreaterThan(1);
    }

    @Test
    void theRequestMayAskForSymbolicMoeAndForSkills() throws Exception {
        JsonNode moe = http.post(
                        "/v1/route",
                        chat("coe", "What is the capital of Peru?", "{\"method\":\"symbolic-moe\",\"k\":2}"))
                .body();
        assertThat(moe.path("method").asString()).isEqualTo("symbolic-moe");
        // Both score positive on capitals; global competence favours the generalist (docs/benchmarks.md).
        assertThat(moe.path("experts")
                        .valueStream()
                        .map(e -> e.path("id").asString())
                        .toList())
                .containsExactly("generalist", "capitals-expert");
        JsonNode alone = http.post(
                        "/v1/route", chat("coe", "Spell cardboard backwards.", "{\"method\":\"symbolic-moe\",\"k\":2}"))
                .body();
        // Only the strings expert scores positive on string manipulation, so k = 2 still recruits one.
        assertThat(alone.path("experts").size()).isEqualTo(1);
        assertThat(alone.path("experts").get(0).path("id").asString()).isEqualTo("strings-expert");

        JsonNode named = http.post("/v1/route", chat("coe", "Anything at all", "{\"skills\":[\"calendar\"]}"))
                .body();
        assertThat(named.path("classification").asString()).isEqualTo("explicit");
        assertThat(named.path("experts").get(0).path("id").asString()).isEqualTo("calendar-expert");
    }

    @Test
    void aRoutedAnswerCarriesItsSkillsAndExplanation() throws Exception {
        JsonNode body = http.post(
                        "/v1/chat/completions",
                        chat("coe", "What is the capital of Saudi Arabia?", "{\"explain\":true}"))
                .body();
        assertThat(body.path("choices").get(0).path("message").path("content").asString())
                .isEqualTo("Riyadh");
        JsonNode coe = body.path("coe");
        assertThat(coe.path("route").asString()).isEqualTo("coe");
        assertThat(coe.path("skills").get(0).path("id").asString()).isEqualTo("capitals");
        assertThat(coe.path("experts").get(0).path("id").asString()).isEqualTo("capitals-expert");
        JsonNode why = coe.path("explanation");
        assertThat(why.path("method").asString()).isEqualTo("category");
        assertThat(why.path("classification").asString()).isEqualTo("trained");
        assertThat(why.path("confidence").asDouble()).isGreaterThan(0.5);
        assertThat(why.path("candidates").get(0).path("id").asString()).isEqualTo("capitals-expert");
    }

    @Test
    void badRoutingOptionsAreClientErrorsNamingTheParameter() throws Exception {
        DemoHttp.Reply unknownSkill =
                http.post("/v1/route", chat("coe", "hi", "{\"skills\":[\"arithmetic\",\"astrology\"]}"));
        assertThat(unknownSkill.status()).isEqualTo(400);
        assertThat(unknownSkill.body().path("error").path("param").asString()).isEqualTo("coe.skills[1]");
        assertThat(unknownSkill.body().path("error").path("message").asString())
                .contains("Unknown skill 'astrology'")
                .contains("capitals");

        DemoHttp.Reply badMethod = http.post("/v1/chat/completions", chat("coe", "hi", "{\"method\":\"magic\"}"));
        assertThat(badMethod.status()).isEqualTo(400);
        assertThat(badMethod.body().path("error").path("param").asString()).isEqualTo("coe.method");

        DemoHttp.Reply badBudget = http.post("/v1/route", chat("coe", "hi", "{\"max_cost_usd\":-1}"));
        assertThat(badBudget.status()).isEqualTo(400);
        assertThat(badBudget.body().path("error").path("param").asString()).isEqualTo("coe.max_cost_usd");

        DemoHttp.Reply tooFast = http.post("/v1/route", chat("coe", "What is 2 + 2?", "{\"max_latency_ms\":0.000001}"));
        assertThat(tooFast.status()).isEqualTo(400);
        assertThat(tooFast.body().path("error").path("code").asString()).isEqualTo("no_eligible_expert");
        assertThat(tooFast.body().path("error").path("message").asString()).contains("over the target");

        DemoHttp.Reply direct = http.post("/v1/route", chat("arithmetic-expert", "hi", "{\"method\":\"category\"}"));
        assertThat(direct.status()).isEqualTo(400);
        assertThat(direct.body().path("error").path("param").asString()).isEqualTo("coe");
    }

    @Test
    void aNamedExpertIsRoutedDirectly() throws Exception {
        JsonNode body = http.post("/v1/route", chat("units-expert", "How many grams are in 3 kilograms?", null))
                .body();
        assertThat(body.path("method").asString()).isEqualTo("direct");
        assertThat(body.path("experts").get(0).path("id").asString()).isEqualTo("units-expert");
    }
}
