package io.coerouter.router;

import static io.coerouter.router.DemoHttp.chat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Cost–quality routing over real HTTP with the demo pack priced as in the tradeoff benchmark: the generalist is the
 * small cheap model, the specialists are dearer. The deployment asks for the best accuracy ({@code
 * coe.routing.tradeoff: 1}); requests set their own. On capitals the generalist is 83% right by its profile and the
 * capitals expert 99%: within the 0.2 margin, so tradeoff 0 sends capitals questions to the generalist.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "coe.routing.tradeoff=1",
            "coe.routing.tradeoff-rule=margin",
            "coe.routing.tradeoff-margin=0.2",
            "coe.routing.expected-output-tokens=24",
            "coe.experts[0].id=generalist",
            "coe.experts[0].adapter=djl",
            "coe.experts[0].model-path=classpath:coe-demo-experts/generalist",
            "coe.experts[0].input-price-per1k=0.00015",
            "coe.experts[0].output-price-per1k=0.0006",
            "coe.experts[1].id=arithmetic-expert",
            "coe.experts[1].adapter=djl",
            "coe.experts[1].model-path=classpath:coe-demo-experts/arithmetic-expert",
            "coe.experts[1].input-price-per1k=0.003",
            "coe.experts[1].output-price-per1k=0.015",
            "coe.experts[2].id=units-expert",
            "coe.experts[2].adapter=djl",
            "coe.experts[2].model-path=classpath:coe-demo-experts/units-expert",
            "coe.experts[2].input-price-per1k=0.001",
            "coe.experts[2].output-price-per1k=0.004",
            "coe.experts[3].id=strings-expert",
            "coe.experts[3].adapter=djl",
            "coe.experts[3].model-path=classpath:coe-demo-experts/strings-expert",
            "coe.experts[3].input-price-per1k=0.0025",
            "coe.experts[3].output-price-per1k=0.01",
            "coe.experts[4].id=calendar-expert",
            "coe.experts[4].adapter=djl",
            "coe.experts[4].model-path=classpath:coe-demo-experts/calendar-expert",
            "coe.experts[4].input-price-per1k=0.003",
            "coe.experts[4].output-price-per1k=0.015",
            "coe.experts[5].id=capitals-expert",
            "coe.experts[5].adapter=djl",
            "coe.experts[5].model-path=classpath:coe-demo-experts/capitals-expert",
            "coe.experts[5].input-price-per1k=0.0005",
            "coe.experts[5].output-price-per1k=0.0015"
        })
class CostQualityRoutingIT {

    private static final String CAPITAL = "What is the capital of Peru?";

    @LocalServerPort
    int port;

    DemoHttp http;

    @BeforeEach
    void client() {
        http = new DemoHttp(port);
    }

    private JsonNode route(String question, String coe) throws Exception {
        DemoHttp.Reply reply = http.post("/v1/route", chat("coe", question, coe));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.body();
    }

    @Test
    void routeExplainsEachCandidatesExpectedAccuracyCostAndUtilityAndTheRuleThatPicked() throws Exception {
        JsonNode body = route(CAPITAL, null);

        assertThat(body.path("method").asString()).isEqualTo("category");
        assertThat(body.path("experts").get(0).path("id").asString()).isEqualTo("capitals-expert");
        JsonNode tradeoff = body.path("tradeoff");
        assertThat(tradeoff.path("value").asDouble()).isEqualTo(1.0);
        assertThat(tradeoff.path("source").asString()).isEqualTo("deployment");
        assertThat(tradeoff.path("rule").asString()).isEqualTo("margin");
        assertThat(tradeoff.path("margin").asDouble()).isEqualTo(0.2);
        assertThat(tradeoff.path("output_tokens").asInt()).isEqualTo(24);
        assertThat(tradeoff.path("prompt_tokens").asInt()).isEqualTo(7); // 28 characters, four a token
        assertThat(tradeoff.path("reason").asString()).contains("rule margin").contains("cheapest expert");
        JsonNode winner = tradeoff.path("candidates").get(0);
        assertThat(winner.path("id").asString()).isEqualTo("capitals-expert");
        assertThat(winner.path("chosen").asBoolean()).isTrue();
        assertThat(winner.path("expected_accuracy").asDouble()).isGreaterThan(0.95);
        // 0.0005 x 7 + 0.0015 x 24, per 1,000 tokens.
        assertThat(winner.path("expected_cost_usd").decimalValue()).isEqualByComparingTo("0.0000395");
        assertThat(winner.has("utility")).isTrue();
        assertThat(tradeoff.path("candidates").size()).isEqualTo(6);
        JsonNode generalist = tradeoff.path("candidates").get(1);
        assertThat(generalist.path("id").asString()).isEqualTo("generalist");
        assertThat(generalist.path("expected_accuracy").asDouble()).isBetween(0.75, 0.9);
        assertThat(generalist.path("chosen").asBoolean()).isFalse();
        assertThat(generalist.has("utility"))
                .as("under the required accuracy at tradeoff 1")
                .isFalse();
    }

    @Test
    void aRequestsTradeoffChangesTheChoiceFromTheMostAccurateToTheCheapestLikelyRight() throws Exception {
        JsonNode cheap = route(CAPITAL, "{\"tradeoff\":0}");
        assertThat(cheap.path("experts").get(0).path("id").asString()).isEqualTo("generalist");
        JsonNode tradeoff = cheap.path("tradeoff");
        assertThat(tradeoff.path("source").asString()).isEqualTo("request");
        assertThat(tradeoff.path("value").asDouble()).isZero();
        assertThat(tradeoff.path("candidates").get(0).path("id").asString()).isEqualTo("generalist");
        assertThat(tradeoff.path("candidates").get(0).path("expected_cost_usd").decimalValue())
                .isLessThan(tradeoff.path("candidates")
                        .get(1)
                        .path("expected_cost_usd")
                        .decimalValue());
        assertThat(cheap.path("reason").asString()).contains("chosen by cost and quality");

        JsonNode moe = route(CAPITAL, "{\"tradeoff\":0,\"method\":\"symbolic-moe\",\"k\":1}");
        assertThat(moe.path("method").asString()).isEqualTo("symbolic-moe");
        assertThat(moe.path("experts").get(0).path("id").asString()).isEqualTo("generalist");
        JsonNode best = route(CAPITAL, "{\"tradeoff\":1,\"method\":\"symbolic-moe\",\"k\":1}");
        assertThat(best.path("experts").get(0).path("id").asString()).isEqualTo("capitals-expert");

        // Arithmetic: the generalist is right 40% of the time, never likely right, so even tradeoff 0 pays.
        JsonNode arithmetic = route("What is 17 + 6?", "{\"tradeoff\":0}");
        assertThat(arithmetic.path("experts").get(0).path("id").asString()).isEqualTo("arithmetic-expert");
    }

    @Test
    void aRoutedAnswerExplainsTheTradeoffAndCostsWhatTheCheaperExpertCharges() throws Exception {
        DemoHttp.Reply reply = http.post(
                "/v1/chat/completions",
                chat("coe", "What is the capital of Japan?", "{\"explain\":true,\"tradeoff\":0}"));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        JsonNode coe = reply.body().path("coe");
        assertThat(coe.path("experts").get(0).path("id").asString()).isEqualTo("generalist");
        assertThat(coe.path("cost_usd").decimalValue()).isPositive();
        JsonNode tradeoff = coe.path("explanation").path("tradeoff");
        assertThat(tradeoff.path("rule").asString()).isEqualTo("margin");
        assertThat(tradeoff.path("candidates").get(0).path("chosen").asBoolean())
                .isTrue();
    }

    @Test
    void aTradeoffThatIsNotANumberFromZeroToOneIsA400NamingIt() throws Exception {
        for (String bad : new String[] {"-0.5", "1.5", "\"cheap\"", "[0]", "true"}) {
            DemoHttp.Reply reply = http.post("/v1/route", chat("coe", CAPITAL, "{\"tradeoff\":" + bad + "}"));
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.body().path("error").path("param").asString()).isEqualTo("coe.tradeoff");
            assertThat(reply.body().path("error").path("type").asString()).isEqualTo("invalid_request_error");
        }
        DemoHttp.Reply chat = http.post("/v1/chat/completions", chat("coe", CAPITAL, "{\"tradeoff\":7}"));
        assertThat(chat.status()).isEqualTo(400);
        assertThat(chat.body().path("error").path("param").asString()).isEqualTo("coe.tradeoff");

        DemoHttp.Reply direct = http.post("/v1/route", chat("capitals-expert", CAPITAL, "{\"tradeoff\":0.5}"));
        assertThat(direct.status()).isEqualTo(400);
        assertThat(direct.body().path("error").path("param").asString()).isEqualTo("coe");
    }
}
