package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.testing.OpenAiStubServer;
import io.coerouter.router.state.RedisTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The response cache in Redis, on a real redis-server of the test's own that it stops and starts again: two routers
 * share what either kept; while Redis is down every request is still answered (a bypass, never a 500); once it is back
 * the cache works again.
 */
class CacheRedisOutageIT {

    private static final RedisTestServer REDIS = RedisTestServer.own();
    private static final OpenAiStubServer STUB = OpenAiStubServer.start();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        REDIS.close();
        STUB.close();
    }

    private static ConfigurableApplicationContext router() {
        return Routers.start(
                REDIS,
                "--coe.redis.timeout=500ms",
                "--coe.cache.enabled=true",
                "--coe.default-expert=stub-gpt",
                "--coe.experts[0].id=stub-gpt",
                "--coe.experts[0].adapter=openai",
                "--coe.experts[0].base-url=" + STUB.baseUrl(),
                "--coe.experts[0].model=gpt-stub",
                "--coe.experts[0].resilience.max-attempts=1");
    }

    private static HttpResponse<String> ask(ConfigurableApplicationContext router, String question) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Routers.port(router) + "/v1/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(DemoHttp.chat("stub-gpt", question, null)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String cache(HttpResponse<String> response) {
        return response.headers().firstValue("x-coe-cache").orElse("none");
    }

    private static HttpResponse<String> answered(ConfigurableApplicationContext router, String question, String cache)
            throws Exception {
        HttpResponse<String> response = ask(router, question);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains(question);
        assertThat(cache(response)).as(question).isEqualTo(cache);
        return response;
    }

    /** Asks {@code question} until the answer is no longer a bypass (the router has reconnected), then returns it. */
    private static HttpResponse<String> afterReconnect(ConfigurableApplicationContext router, String question)
            throws Exception {
        HttpResponse<String> response = ask(router, question);
        for (int i = 0; i < 100 && cache(response).equals("bypass"); i++) {
            Thread.sleep(100); // Lettuce reconnects by itself
            response = ask(router, question);
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    @Test
    void routersShareTheCacheItIsBypassedWhileRedisIsDownAndWorksAgainOnceItIsBack() throws Exception {
        try (ConfigurableApplicationContext a = router();
                ConfigurableApplicationContext b = router()) {
            answered(a, "what is the capital of France", "miss");
            int calls = STUB.received().size();
            HttpResponse<String> hit = answered(a, "what is the capital of France", "hit");
            assertThat(hit.headers().firstValue("x-coe-cache-kind")).contains("exact");
            answered(b, "what is the capital of France", "hit");
            assertThat(STUB.received()).as("hits call no provider").hasSize(calls);

            REDIS.stop();

            for (String question : new String[] {"what is the capital of France", "name a prime above ten"}) {
                HttpResponse<String> during = answered(a, question, "bypass");
                assertThat(during.headers().firstValue("x-coe-cache-reason")).contains("store-unavailable");
                during = answered(b, question, "bypass");
                assertThat(during.headers().firstValue("x-coe-cache-reason")).contains("store-unavailable");
            }
            assertThat(STUB.received()).as("answered by the provider").hasSize(calls + 4);
            DemoHttp.Reply stats = Routers.http(a).get("/admin/cache");
            assertThat(stats.status()).isEqualTo(200);
            assertThat(stats.body().path("stats").path("store_available").asBoolean(true))
                    .isFalse();
            DemoHttp.Reply entries = Routers.http(a).get("/admin/cache/entries");
            assertThat(entries.status()).as(entries.raw()).isEqualTo(503);
            assertThat(entries.body().path("error").path("type").asString()).isNotBlank();
            assertThat(Routers.http(a)
                            .send("DELETE", "/admin/cache/entries?all=true", null)
                            .status())
                    .isEqualTo(503);

            REDIS.start(); // empty: this server keeps nothing on disk

            assertThat(cache(afterReconnect(a, "how far is the moon"))).isEqualTo("miss");
            answered(a, "how far is the moon", "hit");
            assertThat(cache(afterReconnect(b, "how far is the moon"))).isEqualTo("hit");
            answered(b, "what is the capital of France", "miss");
            answered(a, "what is the capital of France", "hit");
        }
    }
}
