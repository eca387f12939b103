package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisState;
import io.coerouter.router.state.RedisTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A bad definition never reaches the shared registry, and one that is there anyway (written by hand, or by an older
 * version) does not take it down: every field is checked before storing (400 naming it), and an entry that cannot
 * be read is shown as {@code broken}, can be deleted, and blocks neither other writes nor a router's start.
 */
class ExpertRegistryPoisoningIT {

    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static final List<ConfigurableApplicationContext> ROUTERS = new ArrayList<>();
    private static DemoHttp http;

    private static ConfigurableApplicationContext start() {
        ConfigurableApplicationContext router = Routers.start(
                REDIS, "--coe.default-expert=echo", "--coe.experts[0].id=echo", "--coe.experts[0].adapter=echo");
        ROUTERS.add(router);
        return router;
    }

    @BeforeAll
    static void startRouter() {
        http = Routers.http(start());
    }

    @AfterAll
    static void stop() {
        ROUTERS.forEach(ConfigurableApplicationContext::close);
        REDIS.close();
    }

    private static String echo(String id, String extra) {
        return "{\"id\":" + DemoHttp.JSON.writeValueAsString(id) + ",\"adapter\":\"echo\"" + extra + "}";
    }

    @Test
    void everyFieldIsCheckedBeforeAnythingIsStored() throws Exception {
        String huge = "x".repeat(100_000);
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(echo("p1", ",\"input_price_per_1k\":\"1e999\""), "input_price_per_1k");
        cases.put(echo("p2", ",\"input_price_per_1k\":1e999"), "input_price_per_1k");
        cases.put(echo("p3", ",\"output_price_per_1k\":\"NaN\""), "output_price_per_1k");
        cases.put(echo("p4", ",\"input_price_per_1k\":-1"), "input_price_per_1k");
        cases.put(echo("p5", ",\"max_concurrency\":-3"), "max_concurrency");
        cases.put(echo("p6", ",\"model\":\"" + huge + "\""), "model");
        cases.put(echo("p7", ",\"resilience\":{\"jitter\":\"1e999\"}"), "resilience.jitter");
        cases.put(echo("p8", ",\"request_timeout\":\"99999h\""), "request_timeout");
        cases.put(echo("p9", ",\"options\":{\"k\":\"" + huge + "\"}"), "options.k");
        cases.put(echo("Infinity", ""), "id");
        cases.put(echo("NaN", ""), "id");
        cases.put(echo("1e5", ""), "id");
        cases.put(echo("../x", ""), "id");
        cases.put(echo("a".repeat(500), ""), "id");
        cases.put("{\"id\":\"x2\"}", "adapter");

        for (var c : cases.entrySet()) {
            DemoHttp.Reply reply = http.post("/admin/experts", c.getKey());

            String shown = c.getKey().substring(0, Math.min(80, c.getKey().length()));
            assertThat(reply.status()).as(shown).isEqualTo(400);
            assertThat(reply.body().path("error").path("param").asString())
                    .as(shown)
                    .isEqualTo(c.getValue());
            assertThat(reply.raw().length())
                    .as("the answer does not echo a huge value")
                    .isLessThan(2_000);
        }
        var ids = http.get("/admin/experts")
                .body()
                .path("data")
                .valueStream()
                .map(n -> n.path("id").asString())
                .toList();
        assertThat(ids).containsExactly("echo");
        assertThat(http.post("/admin/experts", echo("fine", "")).status()).isEqualTo(201);
        assertThat(http.send("DELETE", "/admin/experts/fine", null).status()).isEqualTo(200);
    }

    @Test
    void aStoredEntryThatCannotBeReadIsShownBrokenAndBlocksNothing() throws Exception {
        RedisState redis = REDIS.connect();
        String key = redis.key("experts");
        redis.call(c -> c.hset(key, "garbled", "{not json"));
        redis.call(c -> c.hset(
                key,
                "priced",
                "{\"definition\":{\"id\":\"priced\",\"adapter\":\"echo\",\"input_price_per_1k\":1E+999},"
                        + "\"state\":\"enabled\",\"source\":\"admin\",\"circuit\":\"automatic\"}"));

        // Other writes still work (each one reads the registry back).
        assertThat(http.post("/admin/experts", echo("after", "")).status()).isEqualTo(201);
        assertThat(http.send("PATCH", "/admin/experts/after", "{\"max_concurrency\":3}")
                        .status())
                .isEqualTo(200);

        var listed = http.get("/admin/experts").body().path("data");
        List<String> broken = new ArrayList<>();
        listed.forEach(e -> {
            if (e.path("state").asString().equals("broken")) {
                broken.add(e.path("id").asString());
                assertThat(e.path("reason").asString()).isNotBlank().doesNotContain("{not json");
            }
        });
        assertThat(broken).containsExactlyInAnyOrder("garbled", "priced");
        assertThat(http.get("/admin/experts/priced").body().path("state").asString())
                .isEqualTo("broken");

        // A router starts on the poisoned store and serves the rest.
        DemoHttp second = Routers.http(start());
        assertThat(second.post("/v1/chat/completions", DemoHttp.chat("after", "hi", null))
                        .status())
                .isEqualTo(200);

        assertThat(http.send("DELETE", "/admin/experts/garbled", null).status()).isEqualTo(200);
        assertThat(http.send("DELETE", "/admin/experts/priced", null).status()).isEqualTo(200);
        assertThat(http.send("DELETE", "/admin/experts/after", null).status()).isEqualTo(200);
        List<String> left = redis.call(c -> c.hkeys(key));
        assertThat(left).containsExactly("echo");
    }
}
