package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.testing.OpenAiStubServer;
import io.coerouter.router.state.RedisTestServer;
import io.coerouter.router.testing.Eventually;
import io.coerouter.router.usage.UsageTestDatabase;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Usage analytics across two routers sharing one PostgreSQL database (and one Redis): traffic through both, by two API
 * keys, whole and streamed, some of it failing, adds up exactly in {@code GET /admin/usage} (requests, errors,
 * tokens per key and per expert), cost per key equals what the keys' budgets counted, the CSV export says the same,
 * the request log finds what was sent, and the API is the admin's and checks its parameters. A router without a
 * database says usage history is off.
 */
class UsageAnalyticsIT {

    private static final String ADMIN_KEY = "admin-usage-0123456789";
    private static final String VIEWER_KEY = "viewer-usage-0123456789";
    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static final OpenAiStubServer STUB = OpenAiStubServer.start();
    private static final List<ConfigurableApplicationContext> ROUTERS = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static UsageTestDatabase db;
    private static String keyA;
    private static String keyB;
    private static String idA;
    private static String idB;

    /** What the test sent and saw, per key and per expert. */
    private static final Map<String, long[]> SENT_BY_KEY = new HashMap<>();

    private static final Map<String, long[]> SENT_BY_EXPERT = new HashMap<>();

    static String[] args(String... more) {
        List<String> all = new ArrayList<>(List.of(
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.experts[0].input-price-per-1k=10",
                "--coe.experts[0].output-price-per-1k=20",
                "--coe.experts[1].id=stub-gpt",
                "--coe.experts[1].adapter=openai",
                "--coe.experts[1].base-url=" + STUB.baseUrl(),
                "--coe.experts[1].model=gpt-stub",
                "--coe.experts[1].input-price-per-1k=1",
                "--coe.experts[1].output-price-per-1k=2",
                "--coe.experts[1].resilience.max-attempts=1",
                "--coe.experts[1].resilience.circuit-breaker=false"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @BeforeAll
    static void start() throws Exception {
        db = UsageTestDatabase.create();
        String[] usage = args(
                "--coe.usage.datasource.url=" + db.url(),
                "--coe.usage.datasource.username=" + db.username(),
                "--coe.usage.datasource.password=" + db.password(),
                "--coe.usage.flush-interval=50ms",
                "--coe.usage.request-log.enabled=true",
                "--coe.usage.request-log.capture-content=true",
                "--coe.auth.viewer-key=" + VIEWER_KEY);
        ROUTERS.add(Routers.start(REDIS, usage));
        ROUTERS.add(Routers.start(REDIS, usage));
        JsonNode a = send(0, "POST", "/admin/keys", ADMIN_KEY, "{\"name\":\"usage-a\"}");
        JsonNode b = send(1, "POST", "/admin/keys", ADMIN_KEY, "{\"name\":\"usage-b\"}");
        keyA = a.path("key").asString();
        keyB = b.path("key").asString();
        idA = a.path("id").asString();
        idB = b.path("id").asString();
        sendTraffic();
    }

    @AfterAll
    static void stop() {
        ROUTERS.forEach(ConfigurableApplicationContext::close);
        STUB.close();
        REDIS.close();
        if (db != null) {
            db.close();
        }
    }

    private static HttpResponse<String> raw(int router, String method, String path, String key, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + Routers.port(ROUTERS.get(router)) + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode send(int router, String method, String path, String key, String body) throws Exception {
        HttpResponse<String> response = raw(router, method, path, key, body);
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return DemoHttp.JSON.readTree(response.body());
    }

    /** One chat completion; returns its tokens {prompt, completion} as the answer reported them (zero if it failed). */
    private static void chat(int router, String key, String keyId, String model, boolean stream, boolean fail)
            throws Exception {
        if (fail) {
            STUB.enqueue(OpenAiStubServer.status(500, "server_error", "provider failed"));
        }
        String body = "{\"model\":\"" + model + "\",\"stream\":" + stream
                + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "")
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"count these words for the usage test\"}]}";
        HttpResponse<String> response = raw(router, "POST", "/v1/chat/completions", key, body);
        long prompt = 0;
        long completion = 0;
        if (fail) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        } else {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode usage = null;
            if (stream) {
                for (String line : response.body().split("\n")) {
                    if (line.startsWith("data: {") && line.contains("\"usage\"")) {
                        JsonNode chunk = DemoHttp.JSON.readTree(line.substring(6));
                        if (!chunk.path("usage").isNull()
                                && !chunk.path("usage").isMissingNode()) {
                            usage = chunk.path("usage");
                        }
                    }
                }
            } else {
                usage = DemoHttp.JSON.readTree(response.body()).path("usage");
            }
            assertThat(usage).as(response.body()).isNotNull();
            prompt = usage.path("prompt_tokens").asLong();
            completion = usage.path("completion_tokens").asLong();
            assertThat(prompt).isPositive();
        }
        for (long[] counts : List.of(
                SENT_BY_KEY.computeIfAbsent(keyId, k -> new long[4]),
                SENT_BY_EXPERT.computeIfAbsent(model, k -> new long[4]))) {
            counts[0]++;
            counts[1] += fail ? 1 : 0;
            counts[2] += prompt;
            counts[3] += completion;
        }
    }

    private static void sendTraffic() throws Exception {
        for (int i = 0; i < 4; i++) {
            chat(i % 2, keyA, idA, "echo", false, false);
            chat((i + 1) % 2, keyA, idA, "echo", true, false);
            chat(i % 2, keyB, idB, "echo", i % 2 == 0, false);
        }
        chat(0, keyA, idA, "stub-gpt", false, false);
        chat(1, keyA, idA, "stub-gpt", true, false);
        chat(0, keyA, idA, "stub-gpt", false, true);
        chat(1, keyB, idB, "stub-gpt", false, false);
        chat(0, keyB, idB, "stub-gpt", false, true);
        chat(1, keyB, idB, "stub-gpt", true, true);
    }

    private static Map<String, JsonNode> usage(String groupBy) throws Exception {
        JsonNode report = send(0, "GET", "/admin/usage?group_by=" + groupBy + "&bucket=none", ADMIN_KEY, null);
        Map<String, JsonNode> byGroup = new HashMap<>();
        report.path("data").forEach(row -> byGroup.put(row.path("group").asString(), row));
        return byGroup;
    }

    private static long sent(Map<String, long[]> sent) {
        return sent.values().stream().mapToLong(c -> c[0]).sum();
    }

    private static void awaitEverything() {
        Eventually.until("every request counted", () -> {
            try {
                Map<String, JsonNode> byKey = usage("key");
                return byKey.values().stream()
                                .mapToLong(r -> r.path("requests").asLong())
                                .sum()
                        == sent(SENT_BY_KEY);
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void usageAddsUpExactlyToWhatWasSentThroughBothRouters() throws Exception {
        awaitEverything();

        Map<String, JsonNode> byKey = usage("key");
        Map<String, JsonNode> byExpert = usage("expert");

        assertThat(byKey).containsOnlyKeys(idA, idB);
        for (Map.Entry<String, long[]> sent : SENT_BY_KEY.entrySet()) {
            JsonNode row = byKey.get(sent.getKey());
            assertThat(row.path("requests").asLong())
                    .as("requests of %s", sent.getKey())
                    .isEqualTo(sent.getValue()[0]);
            assertThat(row.path("errors").asLong()).isEqualTo(sent.getValue()[1]);
            assertThat(row.path("input_tokens").asLong()).isEqualTo(sent.getValue()[2]);
            assertThat(row.path("output_tokens").asLong()).isEqualTo(sent.getValue()[3]);
            assertThat(row.path("latency_ms").path("p50").asDouble()).isPositive();
            assertThat(row.path("latency_ms").path("p99").asDouble())
                    .isGreaterThanOrEqualTo(row.path("latency_ms").path("p50").asDouble());
        }
        assertThat(byExpert).containsOnlyKeys("echo", "stub-gpt");
        for (Map.Entry<String, long[]> sent : SENT_BY_EXPERT.entrySet()) {
            JsonNode row = byExpert.get(sent.getKey());
            assertThat(row.path("requests").asLong())
                    .as("calls of %s", sent.getKey())
                    .isEqualTo(sent.getValue()[0]);
            assertThat(row.path("errors").asLong()).isEqualTo(sent.getValue()[1]);
            assertThat(row.path("input_tokens").asLong()).isEqualTo(sent.getValue()[2]);
            assertThat(row.path("output_tokens").asLong()).isEqualTo(sent.getValue()[3]);
        }
        BigDecimal byKeys = byKey.values().stream()
                .map(r -> r.path("cost_usd").decimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal byExperts = byExpert.values().stream()
                .map(r -> r.path("cost_usd").decimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(byKeys).isPositive().isEqualByComparingTo(byExperts);
    }

    @Test
    void eachKeysCostIsWhatItsBudgetCounted() throws Exception {
        awaitEverything();
        Map<String, JsonNode> byKey = usage("key");

        for (String id : List.of(idA, idB)) {
            JsonNode key = send(1, "GET", "/admin/keys/" + id, ADMIN_KEY, null);
            assertThat(byKey.get(id).path("cost_usd").decimalValue())
                    .as("key %s", id)
                    .isPositive()
                    .isEqualByComparingTo(key.path("spent_usd").decimalValue());
        }
    }

    @Test
    void theCsvExportHoldsTheSameFigures() throws Exception {
        awaitEverything();

        HttpResponse<String> csv = raw(1, "GET", "/admin/usage?group_by=key&bucket=none&format=csv", ADMIN_KEY, null);

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0])
                .isEqualTo("bucket,group,requests,errors,input_tokens,output_tokens,cost_usd,latency_p50_ms,"
                        + "latency_p95_ms,latency_p99_ms,cache_hits,cache_hit_rate,cache_saved_usd");
        assertThat(lines).hasSize(3);
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            assertThat(cells[0]).as("no bucket for bucket=none").isEmpty();
            assertThat(Long.parseLong(cells[2])).isEqualTo(SENT_BY_KEY.get(cells[1])[0]);
            assertThat(Long.parseLong(cells[3])).isEqualTo(SENT_BY_KEY.get(cells[1])[1]);
        }
    }

    @Test
    void theRequestLogFindsEachRequestByKeyExpertAndStatus() throws Exception {
        awaitEverything();
        Eventually.until("every request logged", () -> {
            try {
                return send(1, "GET", "/admin/requests?limit=500", ADMIN_KEY, null)
                                .path("data")
                                .size()
                        == sent(SENT_BY_KEY);
            } catch (Exception e) {
                return false;
            }
        });

        JsonNode failedOfB = send(0, "GET", "/admin/requests?key=" + idB + "&status=error", ADMIN_KEY, null);
        JsonNode stub = send(0, "GET", "/admin/requests?expert=stub-gpt&limit=2", ADMIN_KEY, null);

        assertThat(failedOfB.path("enabled").asBoolean()).isTrue();
        assertThat(failedOfB.path("data")).hasSize(2);
        failedOfB.path("data").forEach(r -> {
            assertThat(r.path("key_id").asString()).isEqualTo(idB);
            assertThat(r.path("status").asString()).isEqualTo("error");
            assertThat(r.path("error").path("kind").asString()).isEqualTo("upstream_failed");
            assertThat(r.has("messages") || r.has("answer"))
                    .as("a list never carries content")
                    .isFalse();
        });
        assertThat(stub.path("has_more").asBoolean()).isTrue();
        String last = stub.path("last_id").asString();
        JsonNode next = send(0, "GET", "/admin/requests?expert=stub-gpt&limit=500&before=" + last, ADMIN_KEY, null);
        assertThat(next.path("data")).hasSize((int) SENT_BY_EXPERT.get("stub-gpt")[0] - 2);
        JsonNode one = send(1, "GET", "/admin/requests/" + last, ADMIN_KEY, null);
        assertThat(one.path("model").asString()).isEqualTo("stub-gpt");
        HttpResponse<String> absent = raw(1, "GET", "/admin/requests/chatcmpl-nope", ADMIN_KEY, null);
        assertThat(absent.statusCode()).isEqualTo(404);
        assertThat(absent.body()).contains("\"request_not_found\"");
    }

    @Test
    void capturedContentIsTheAdminsOnlyAndNeverInAList() throws Exception {
        awaitEverything();
        String id = send(0, "GET", "/admin/requests?key=" + idA + "&status=ok&limit=1", ADMIN_KEY, null)
                .path("data")
                .get(0)
                .path("id")
                .asString();

        JsonNode asAdmin = send(1, "GET", "/admin/requests/" + id, ADMIN_KEY, null);
        JsonNode asViewer = send(1, "GET", "/admin/requests/" + id, VIEWER_KEY, null);
        JsonNode viewerList = send(1, "GET", "/admin/requests?limit=500", VIEWER_KEY, null);

        assertThat(asAdmin.path("messages").get(0).path("content").asString())
                .isEqualTo("count these words for the usage test");
        assertThat(asAdmin.has("answer")).isTrue();
        assertThat(asViewer.path("id").asString()).isEqualTo(id);
        assertThat(asViewer.path("model").asString())
                .isEqualTo(asAdmin.path("model").asString());
        assertThat(asViewer.has("messages") || asViewer.has("answer"))
                .as("the viewer never reads captured content")
                .isFalse();
        assertThat(viewerList.path("data")).isNotEmpty();
        viewerList.path("data").forEach(r -> assertThat(r.has("messages") || r.has("answer"))
                .isFalse());
    }

    @Test
    void onlyTheAdminMayReadUsage() throws Exception {
        for (String path : List.of("/admin/usage", "/admin/requests", "/admin/requests/x")) {
            assertThat(raw(0, "GET", path, null, null).statusCode()).as(path).isEqualTo(401);
            HttpResponse<String> gateway = raw(0, "GET", path, keyA, null);
            assertThat(gateway.statusCode()).as(path).isEqualTo(403);
            assertThat(gateway.body()).contains("\"error\"");
        }
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() throws Exception {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("/admin/usage?group_by=tenant", "group_by"),
                Map.entry("/admin/usage?bucket=week", "bucket"),
                Map.entry("/admin/usage?from=yesterday", "from"),
                Map.entry("/admin/usage?from=2026-12-03T00:00:00Z&to=2026-12-02T00:00:00Z", "from"),
                Map.entry("/admin/usage?from=1969-12-31T00:00:00Z&to=1970-01-02T00:00:00Z", "from"),
                Map.entry("/admin/usage?to=%2B100000-01-01T00:00:00Z", "to"),
                Map.entry("/admin/requests?to=-5000-01-01T00:00:00Z", "to"),
                Map.entry("/admin/usage?bucket=hour&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "bucket"),
                Map.entry("/admin/usage?format=xlsx", "format"),
                Map.entry("/admin/usage?groupby=key", "groupby"),
                Map.entry("/admin/requests?limit=501", "limit"),
                Map.entry("/admin/requests?limit=x", "limit"),
                Map.entry("/admin/requests?status=fine", "status"),
                Map.entry("/admin/requests?before=chatcmpl-unknown", "before"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = raw(1, "GET", c.getKey(), ADMIN_KEY, null);
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            JsonNode error = DemoHttp.JSON.readTree(response.body()).path("error");
            assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
            assertThat(error.path("param").asString()).as(c.getKey()).isEqualTo(c.getValue());
        }
    }

    @Test
    void withoutADatabaseUsageHistoryIsOffAndChatStillWorks() throws Exception {
        try (ConfigurableApplicationContext plain = Routers.start(REDIS, args())) {
            DemoHttp admin = Routers.http(plain).as(ADMIN_KEY);
            DemoHttp.Reply usage = admin.get("/admin/usage");
            DemoHttp.Reply requests = admin.get("/admin/requests");

            assertThat(usage.status()).isEqualTo(200);
            assertThat(usage.body().path("enabled").asBoolean()).isFalse();
            assertThat(usage.body().path("message").asString())
                    .isEqualTo("Usage history is off: set coe.usage.datasource.url.");
            assertThat(usage.body().path("data")).isEmpty();
            assertThat(requests.body().path("enabled").asBoolean()).isFalse();
            assertThat(admin.get("/admin/usage?bucket=week").status()).isEqualTo(400);
            DemoHttp.Reply chat = Routers.http(plain)
                    .as(keyA)
                    .post(
                            "/v1/chat/completions",
                            "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(chat.status()).as(chat.raw()).isEqualTo(200);
        }
    }
}
