package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import io.coerouter.router.testing.Eventually;
import io.coerouter.router.usage.UsageTestDatabase;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Cache hits in usage history, on a real PostgreSQL database of the test's own and a router with the response cache
 * on: {@value #N} identical requests are one miss and {@value #N}-1 hits; the rollups count {@value #N} requests and
 * the hits, tokens and cost of the miss only and what the hits saved; the key's budget counted what usage history
 * did (the hits nothing); the request log and the CSV export show the hits.
 */
class CacheUsageIT {

    private static final int N = 5;
    private static final String ADMIN_KEY = "admin-cache-usage-0123456789";
    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> STATUSES = new ArrayList<>();
    private static UsageTestDatabase db;
    private static ConfigurableApplicationContext router;
    private static String keyId;
    private static long missPromptTokens;
    private static long missCompletionTokens;
    private static BigDecimal missCost;

    @BeforeAll
    static void start() throws Exception {
        db = UsageTestDatabase.create();
        router = Routers.start(
                REDIS,
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.experts[0].input-price-per-1k=10",
                "--coe.experts[0].output-price-per-1k=20",
                "--coe.cache.enabled=true",
                // In memory: this test is about usage history, not the store.
                "--coe.cache.store=memory",
                "--coe.usage.datasource.url=" + db.url(),
                "--coe.usage.datasource.username=" + db.username(),
                "--coe.usage.datasource.password=" + db.password(),
                "--coe.usage.flush-interval=50ms",
                "--coe.usage.request-log.enabled=true");
        JsonNode created = send("POST", "/admin/keys", ADMIN_KEY, "{\"name\":\"cache-usage\"}");
        String key = created.path("key").asString();
        keyId = created.path("id").asString();
        for (int i = 0; i < N; i++) {
            HttpResponse<String> answer = raw(
                    "POST",
                    "/v1/chat/completions",
                    key,
                    "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"the same question, five times\"}]}");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            STATUSES.add(answer.headers().firstValue("x-coe-cache").orElse(""));
            if (i == 0) {
                JsonNode body = DemoHttp.JSON.readTree(answer.body());
                missPromptTokens = body.at("/usage/prompt_tokens").asLong();
                missCompletionTokens = body.at("/usage/completion_tokens").asLong();
                missCost = body.at("/coe/cost_usd").decimalValue();
            }
        }
        Eventually.until("every request counted", () -> {
            try {
                return byKey().path("requests").asLong() == N;
            } catch (Exception | AssertionError e) {
                // 503 until the router has migrated its database: not yet
                return false;
            }
        });
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
        REDIS.close();
        if (db != null) {
            db.close();
        }
    }

    private static HttpResponse<String> raw(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + Routers.port(router) + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode send(String method, String path, String key, String body) throws Exception {
        HttpResponse<String> response = raw(method, path, key, body);
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return DemoHttp.JSON.readTree(response.body());
    }

    /** The key's row of {@code GET /admin/usage} for the whole range. */
    private static JsonNode byKey() throws Exception {
        JsonNode report = send("GET", "/admin/usage?group_by=key&bucket=none", ADMIN_KEY, null);
        for (JsonNode row : report.path("data")) {
            if (keyId.equals(row.path("group").asString())) {
                return row;
            }
        }
        return tools.jackson.databind.node.MissingNode.getInstance();
    }

    @Test
    void identicalRequestsAreOneMissThenHits() {
        assertThat(STATUSES).containsExactly("miss", "hit", "hit", "hit", "hit");
        assertThat(missPromptTokens).isPositive();
        assertThat(missCost).isPositive();
    }

    @Test
    void theRollupsCountEveryRequestTheHitsAndOnlyTheMissesTokensAndCost() throws Exception {
        JsonNode row = byKey();

        assertThat(row.path("requests").asLong()).isEqualTo(N);
        assertThat(row.path("errors").asLong()).isZero();
        assertThat(row.path("cache_hits").asLong()).isEqualTo(N - 1);
        assertThat(row.path("cache_hit_rate").asDouble()).isEqualTo((N - 1) / (double) N);
        assertThat(row.path("input_tokens").asLong()).isEqualTo(missPromptTokens);
        assertThat(row.path("output_tokens").asLong()).isEqualTo(missCompletionTokens);
        assertThat(row.path("cost_usd").decimalValue()).isEqualByComparingTo(missCost);
        assertThat(row.path("cache_saved_usd").decimalValue())
                .as("each hit saved what the miss cost")
                .isEqualByComparingTo(missCost.multiply(BigDecimal.valueOf(N - 1)));

        JsonNode experts = send("GET", "/admin/usage?group_by=expert&bucket=none", ADMIN_KEY, null);
        assertThat(experts.path("data")).singleElement().satisfies(echo -> {
            assertThat(echo.path("group").asString()).isEqualTo("echo");
            assertThat(echo.path("requests").asLong())
                    .as("one expert call: the miss's")
                    .isEqualTo(1);
            assertThat(echo.path("cache_hits").asLong()).isZero();
        });
    }

    @Test
    void theKeysBudgetCountedWhatUsageHistoryDidTheHitsNothing() throws Exception {
        JsonNode key = send("GET", "/admin/keys/" + keyId, ADMIN_KEY, null);

        assertThat(key.path("spent_usd").decimalValue())
                .isEqualByComparingTo(byKey().path("cost_usd").decimalValue())
                .isEqualByComparingTo(missCost);
    }

    @Test
    void theRequestLogAndTheCsvShowTheHits() throws Exception {
        Eventually.until("every request logged", () -> {
            try {
                return send("GET", "/admin/requests?limit=50", ADMIN_KEY, null)
                                .path("data")
                                .size()
                        == N;
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
        JsonNode list = send("GET", "/admin/requests?limit=50", ADMIN_KEY, null);
        List<JsonNode> hits = new ArrayList<>();
        List<JsonNode> misses = new ArrayList<>();
        list.path("data").forEach(r -> (r.has("cache") ? hits : misses).add(r));
        assertThat(hits).hasSize(N - 1).allSatisfy(hit -> {
            assertThat(hit.path("cache").asString()).isEqualTo("exact");
            assertThat(hit.path("cache_similarity").asDouble()).isEqualTo(1.0);
            assertThat(hit.path("cost_usd").decimalValue()).isEqualByComparingTo("0");
            assertThat(hit.path("usage").path("total_tokens").asLong()).isZero();
            assertThat(hit.path("experts")).isEmpty();
        });
        assertThat(misses).singleElement().satisfies(miss -> {
            assertThat(miss.has("cache_similarity")).isFalse();
            assertThat(miss.path("experts")).hasSize(1);
        });
        JsonNode detail =
                send("GET", "/admin/requests/" + hits.getFirst().path("id").asString(), ADMIN_KEY, null);
        assertThat(detail.path("cache").asString()).isEqualTo("exact");

        HttpResponse<String> csv = raw("GET", "/admin/usage?group_by=key&bucket=none&format=csv", ADMIN_KEY, null);
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).endsWith(",cache_hits,cache_hit_rate,cache_saved_usd");
        String[] cells = lines[1].split(",");
        assertThat(cells[1]).isEqualTo(keyId);
        assertThat(Long.parseLong(cells[10])).isEqualTo(N - 1);
        assertThat(Double.parseDouble(cells[11])).isEqualTo((N - 1) / (double) N);
        assertThat(new BigDecimal(cells[12])).isEqualByComparingTo(missCost.multiply(BigDecimal.valueOf(N - 1)));
    }
}
