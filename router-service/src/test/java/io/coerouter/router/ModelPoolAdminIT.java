package io.coerouter.router;

import static io.coerouter.router.DemoHttp.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code /admin/pool} on a router with a demo-pack expert on DJL: the model shows after a call, with the load counted
 * (also in the overview), and unloading it takes it off the device; a model that is not loaded is a 404.
 */
@EnabledIf(value = "packComplete", disabledReason = "the demo expert pack is not complete")
class ModelPoolAdminIT {

    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static ConfigurableApplicationContext router;
    private static DemoHttp http;

    static boolean packComplete() {
        return ModelPoolAdminIT.class.getClassLoader().getResource("coe-demo-experts/capitals-expert/model.pt") != null;
    }

    @BeforeAll
    static void start() {
        router = Routers.start(
                REDIS,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.experts[1].id=capitals-expert",
                "--coe.experts[1].adapter=djl",
                "--coe.experts[1].model-path=classpath:coe-demo-experts/capitals-expert");
        http = Routers.http(router);
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
        REDIS.close();
    }

    private static JsonNode model(JsonNode pool, String id) {
        for (JsonNode m : pool.path("models")) {
            if (m.path("id").asString().equals(id)) {
                return m;
            }
        }
        return null;
    }

    @Test
    void aModelShowsAfterACallAndUnloadingTakesItOffTheDevice() throws Exception {
        DemoHttp.Reply answer =
                http.post("/v1/chat/completions", chat("capitals-expert", "What is the capital of Jamaica?", null));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);

        DemoHttp.Reply pool = http.get("/admin/pool");
        assertThat(pool.status()).as(pool.raw()).isEqualTo(200);
        JsonNode body = pool.body();
        assertThat(body.path("object").asString()).isEqualTo("model_pool");
        assertThat(body.path("replica").asString()).startsWith("router-");
        assertThat(body.path("device").path("budget_bytes").asLong()).isPositive();
        assertThat(body.path("device").path("used_bytes").asLong()).isPositive();
        JsonNode model = model(body, "capitals-expert");
        assertThat(model).as(pool.raw()).isNotNull();
        assertThat(model.path("tier").asString()).isEqualTo("device");
        assertThat(model.path("bytes").asLong()).isPositive();
        assertThat(model.path("in_use").asInt()).isZero();
        assertThat(model.path("pinned").asBoolean()).isFalse();
        assertThat(model.path("last_used_at").asLong()).isPositive();
        assertThat(body.path("totals").path("loads").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode series = body.path("series");
        assertThat(series.path("t").size()).isEqualTo(15);
        long loads = 0;
        for (JsonNode n : series.path("loads")) {
            loads += n.asLong();
        }
        assertThat(loads).isGreaterThanOrEqualTo(1);
        assertThat(http.get("/admin/overview")
                        .body()
                        .path("totals")
                        .path("model_loads")
                        .asLong())
                .isGreaterThanOrEqualTo(1);
        // The replica's heartbeat (every 5 s) reports the loaded model.
        int loaded = 0;
        for (int i = 0; i < 80 && loaded != 1; i++) {
            Thread.sleep(100);
            loaded = http.get("/admin/overview")
                    .body()
                    .path("replicas")
                    .get(0)
                    .path("loaded_models")
                    .asInt();
        }
        assertThat(loaded).isEqualTo(1);

        DemoHttp.Reply unloaded = http.send("DELETE", "/admin/pool/models/capitals-expert", null);
        assertThat(unloaded.status()).as(unloaded.raw()).isEqualTo(200);
        assertThat(unloaded.body().path("object").asString()).isEqualTo("model_pool.unloaded");
        assertThat(unloaded.body().path("id").asString()).isEqualTo("capitals-expert");
        assertThat(unloaded.body().path("unloaded").asBoolean()).isTrue();

        JsonNode after = http.get("/admin/pool").body();
        assertThat(model(after, "capitals-expert").path("tier").asString()).isNotEqualTo("device");
        assertThat(after.path("totals").path("evictions").asLong()).isGreaterThanOrEqualTo(1);

        DemoHttp.Reply again = http.send("DELETE", "/admin/pool/models/capitals-expert", null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body().path("error").path("param").asString()).isEqualTo("id");
    }

    @Test
    void unloadingAModelThePoolNeverSawIsNotFound() throws Exception {
        DemoHttp.Reply unknown = http.send("DELETE", "/admin/pool/models/no-such-model", null);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("error").path("type").asString()).isNotBlank();
        assertThat(unknown.raw()).contains("no-such-model");
    }
}
