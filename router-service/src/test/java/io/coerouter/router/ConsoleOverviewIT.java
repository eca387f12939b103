package io.coerouter.router;

import static io.coerouter.router.DemoHttp.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /admin/overview} on two echo routers sharing one real Redis server: each chat completion (JSON or
 * stream, answered or failed) is counted once, in the minute under way, with its tokens and cost, and each router's
 * overview lists both replicas and sums both routers' requests.
 */
class ConsoleOverviewIT {

    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static final List<ConfigurableApplicationContext> ROUTERS = new ArrayList<>();
    private static DemoHttp first;
    private static DemoHttp second;

    private static DemoHttp start() {
        ConfigurableApplicationContext router = Routers.start(
                REDIS,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.experts[0].input-price-per-1k=0.01",
                "--coe.experts[0].output-price-per-1k=0.02");
        ROUTERS.add(router);
        return Routers.http(router);
    }

    @BeforeAll
    static void startRouters() {
        first = start();
        second = start();
    }

    @AfterAll
    static void stop() {
        ROUTERS.forEach(ConfigurableApplicationContext::close);
        REDIS.close();
    }

    private static JsonNode overview(DemoHttp router, String query) throws Exception {
        DemoHttp.Reply reply = router.get("/admin/overview" + query);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.body();
    }

    private static long total(JsonNode overview, String field) {
        return overview.path("totals").path(field).asLong();
    }

    /** Requests counted in each minute, by its start. */
    private static java.util.Map<Long, Long> perMinute(JsonNode overview, String field) {
        java.util.Map<Long, Long> counts = new java.util.HashMap<>();
        JsonNode t = overview.path("series").path("t");
        for (int i = 0; i < t.size(); i++) {
            counts.put(
                    t.get(i).asLong(),
                    overview.path("series").path(field).get(i).asLong());
        }
        return counts;
    }

    private static JsonNode awaitTotal(DemoHttp router, String field, long expected) throws Exception {
        JsonNode last = null;
        for (int i = 0; i < 100; i++) {
            last = overview(router, "");
            if (total(last, field) == expected) {
                return last;
            }
            Thread.sleep(100);
        }
        return last;
    }

    @Test
    void everyChatCompletionIsCountedOnceInTheMinuteUnderWayWithItsTokensAndCost() throws Exception {
        JsonNode before = overview(first, "?window=15m");
        long tokens = 0;
        for (int i = 0; i < 4; i++) {
            DemoHttp.Reply answer = first.post("/v1/chat/completions", chat("echo", "count me " + i, null));
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
            tokens += answer.body().path("usage").path("total_tokens").asLong();
        }
        var stream = first.stream(
                "{\"model\":\"echo\",\"stream\":true,\"messages\":[{\"role\":\"user\"," + "\"content\":\"and me\"}]}");
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).contains("[DONE]");

        JsonNode after = overview(first, "");
        assertThat(total(after, "requests") - total(before, "requests")).isEqualTo(5);
        assertThat(total(after, "errors") - total(before, "errors")).isZero();
        assertThat(total(after, "tokens") - total(before, "tokens")).isGreaterThanOrEqualTo(tokens + 1);
        assertThat(after.path("totals").path("cost_usd").asDouble())
                .isGreaterThan(before.path("totals").path("cost_usd").asDouble());
        assertThat(after.path("totals").path("p50_ms").isNumber()).isTrue();
        assertThat(after.path("totals").path("p99_ms").asDouble())
                .isGreaterThanOrEqualTo(after.path("totals").path("p50_ms").asDouble());

        // The minute under way is the last bucket, and the new requests are in it (or the one before, at a turn).
        JsonNode t = after.path("series").path("t");
        long now = System.currentTimeMillis() / 1000;
        assertThat(t.size()).isEqualTo(15);
        assertThat(t.get(14).asLong()).isBetween(now - 120, now).matches(s -> s % 60 == 0);
        assertThat(t.get(14).asLong() - t.get(13).asLong()).isEqualTo(60);
        var was = perMinute(before, "requests");
        var is = perMinute(after, "requests");
        long last = t.get(14).asLong();
        long inLastTwo =
                is.get(last) - was.getOrDefault(last, 0L) + is.get(last - 60) - was.getOrDefault(last - 60, 0L);
        assertThat(inLastTwo).isEqualTo(5);
        assertThat(after.path("series").path("p50_ms").get(14).isNumber() || is.get(last) == 0)
                .isTrue();
    }

    @Test
    void aFailedChatCompletionCountsAsAnError() throws Exception {
        JsonNode before = overview(first, "");

        DemoHttp.Reply unknown = first.post("/v1/chat/completions", chat("no-such-expert", "hello", null));
        assertThat(unknown.status()).isEqualTo(404);

        JsonNode after = overview(first, "");
        assertThat(total(after, "requests") - total(before, "requests")).isEqualTo(1);
        assertThat(total(after, "errors") - total(before, "errors")).isEqualTo(1);
        assertThat(after.path("totals").path("error_rate").asDouble()).isGreaterThan(0);
    }

    @Test
    void bothReplicasAreListedAndEachOverviewSumsBothRoutersRequests() throws Exception {
        JsonNode before = overview(first, "");
        for (int i = 0; i < 2; i++) {
            assertThat(first.post("/v1/chat/completions", chat("echo", "first " + i, null))
                            .status())
                    .isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(second.post("/v1/chat/completions", chat("echo", "second " + i, null))
                            .status())
                    .isEqualTo(200);
        }

        long expected = total(before, "requests") + 5;
        JsonNode onFirst = awaitTotal(first, "requests", expected);
        JsonNode onSecond = awaitTotal(second, "requests", expected);
        assertThat(total(onFirst, "requests")).isEqualTo(expected);
        assertThat(total(onSecond, "requests")).isEqualTo(expected);

        JsonNode replicas = onFirst.path("replicas");
        assertThat(replicas.size()).isEqualTo(2);
        List<String> ids = new ArrayList<>();
        replicas.forEach(r -> {
            ids.add(r.path("id").asString());
            assertThat(r.path("healthy").asBoolean()).isTrue();
            assertThat(r.path("experts").asInt()).isEqualTo(1);
            assertThat(r.path("version").asString()).isNotBlank();
            assertThat(r.path("last_seen").asLong())
                    .isGreaterThanOrEqualTo(r.path("started_at").asLong());
        });
        assertThat(ids)
                .contains(
                        onFirst.path("replica").asString(),
                        onSecond.path("replica").asString());
        assertThat(onFirst.path("replica").asString())
                .isNotEqualTo(onSecond.path("replica").asString());
        replicas.forEach(r -> assertThat(r.path("self").asBoolean())
                .isEqualTo(
                        r.path("id").asString().equals(onFirst.path("replica").asString())));
    }

    @Test
    void theWindowIsFifteenMinutesOrAnHourAndNothingElse() throws Exception {
        JsonNode fifteen = overview(first, "");
        assertThat(fifteen.path("object").asString()).isEqualTo("console.overview");
        assertThat(fifteen.path("window_seconds").asInt()).isEqualTo(900);
        assertThat(fifteen.path("step_seconds").asInt()).isEqualTo(60);
        JsonNode hour = overview(first, "?window=1h");
        assertThat(hour.path("window_seconds").asInt()).isEqualTo(3600);
        for (String series : List.of(
                "t", "requests", "errors", "p50_ms", "p99_ms", "tokens", "cost_usd", "model_loads", "model_swaps")) {
            assertThat(hour.path("series").path(series).size()).as(series).isEqualTo(60);
        }

        DemoHttp.Reply bad = first.get("/admin/overview?window=2h");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("error").path("param").asString()).isEqualTo("window");
        assertThat(bad.body().path("error").path("type").asString()).isEqualTo("invalid_request_error");
    }
}
