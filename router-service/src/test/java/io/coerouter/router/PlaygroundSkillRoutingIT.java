package io.coerouter.router;

import static io.coerouter.router.DemoHttp.chat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin playground on the demo pack's skill routing (the README's run command, as {@link SkillRoutingIT}): the
 * same decision as {@code /v1/route} with the plan's call count and aggregator, and every recruited expert's answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlaygroundSkillRoutingIT {

    @LocalServerPort
    int port;

    DemoHttp http;

    @BeforeEach
    void client() {
        http = new DemoHttp(port);
    }

    private static ObjectNode withoutTimings(JsonNode route) {
        ObjectNode copy = (ObjectNode) route.deepCopy();
        copy.remove(java.util.List.of("routing_ms", "k", "aggregator"));
        return copy;
    }

    @Test
    void thePlaygroundRoutesAsV1RouteDoesAndAddsTheCallsAndTheAggregator() throws Exception {
        for (String body : java.util.List.of(
                chat("coe", "What is 17 + 6?", null),
                chat("coe", "What is the capital of Peru?", "{\"method\":\"symbolic-moe\",\"k\":2}"))) {
            JsonNode v1 = http.post("/v1/route", body).body();
            JsonNode playground = http.post("/admin/playground/route", body).body();

            assertThat(withoutTimings(playground)).isEqualTo(withoutTimings(v1));
            assertThat(playground.path("k").asInt())
                    .isEqualTo(v1.path("experts").size());
        }
        JsonNode single = http.post("/admin/playground/route", chat("coe", "What is 17 + 6?", null))
                .body();
        assertThat(single.path("k").asInt()).isEqualTo(1);
        assertThat(single.has("aggregator")).isFalse();
        JsonNode two = http.post(
                        "/admin/playground/route",
                        chat("coe", "What is the capital of Peru?", "{\"method\":\"symbolic-moe\",\"k\":2}"))
                .body();
        assertThat(two.path("k").asInt()).isEqualTo(2);
        assertThat(two.path("aggregator").asString()).isNotBlank();
    }

    @Test
    void thePlaygroundAnswersWithEveryRecruitedExpertsOwnAnswer() throws Exception {
        JsonNode body = http.post(
                        "/admin/playground/chat",
                        chat("coe", "What is the capital of Peru?", "{\"method\":\"symbolic-moe\",\"k\":2}"))
                .body();

        JsonNode coe = body.path("coe");
        assertThat(coe.path("explanation").path("method").asString()).isEqualTo("symbolic-moe");
        assertThat(coe.path("experts")
                        .valueStream()
                        .map(e -> e.path("id").asString())
                        .toList())
                .containsExactly("generalist", "capitals-expert");
        for (JsonNode call : coe.path("experts")) {
            assertThat(call.path("status").asString()).isEqualTo("ok");
            assertThat(call.path("answer").asString()).isNotBlank();
        }
        assertThat(body.path("choices").get(0).path("message").path("content").asString())
                .isNotBlank();

        JsonNode alone = http.post("/admin/playground/chat", chat("coe", "What is the capital of Saudi Arabia?", null))
                .body();
        assertThat(alone.path("coe").path("experts").get(0).path("answer").asString())
                .isEqualTo("Riyadh");
        assertThat(alone.path("choices").get(0).path("message").path("content").asString())
                .isEqualTo("Riyadh");
    }
}
