package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The response cache's admin API on a real router with the cache on (in memory), auth on, two gateway keys, the admin
 * and the viewer key: chat requests to the echo expert and through {@code coe} to the demo experts fill the cache;
 * the counts follow hits and misses; entries list with their metadata, their question and answer to the admin only,
 * filtered by key, expert and skill; a purge by key removes only that key's entries, one by id only that entry, a
 * purge of everything needs {@code all=true}; the roles and the parameters are checked. A router with the cache off
 * says so.
 */
class CacheAdminIT {

    private static final String ADMIN_KEY = "admin-cache-0123456789";
    private static final String VIEWER_KEY = "viewer-cache-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext router;
    private static ConfigurableApplicationContext offRouter;
    private static String keyA;
    private static String keyB;
    private static String idA;
    private static String idB;

    static ConfigurableApplicationContext start(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--coe.redis.url=",
                "--coe.skills.warm-up=false",
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.auth.viewer-key=" + VIEWER_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.experts[0].input-price-per-1k=10",
                "--coe.experts[0].output-price-per-1k=20"));
        String[] demo = {"generalist", "arithmetic-expert", "units-expert", "strings-expert", "calendar-expert"};
        for (int i = 0; i < demo.length; i++) {
            args.add("--coe.experts[" + (i + 1) + "].id=" + demo[i]);
            args.add("--coe.experts[" + (i + 1) + "].adapter=djl");
            args.add("--coe.experts[" + (i + 1) + "].model-path=classpath:coe-demo-experts/" + demo[i]);
        }
        args.add("--coe.experts[6].id=capitals-expert");
        args.add("--coe.experts[6].adapter=djl");
        args.add("--coe.experts[6].model-path=classpath:coe-demo-experts/capitals-expert");
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(CoeRouterApplication.class).run(args.toArray(String[]::new));
    }

    @BeforeAll
    static void startRouters() throws Exception {
        router = start("--coe.cache.enabled=true", "--coe.cache.store=memory");
        offRouter = start();
        JsonNode a = json(send(router, "POST", "/admin/keys", ADMIN_KEY, "{\"name\":\"cache-a\"}"), 201);
        JsonNode b = json(send(router, "POST", "/admin/keys", ADMIN_KEY, "{\"name\":\"cache-b\"}"), 201);
        keyA = a.path("key").asString();
        idA = a.path("id").asString();
        keyB = b.path("key").asString();
        idB = b.path("id").asString();
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
        if (offRouter != null) {
            offRouter.close();
        }
    }

    private static HttpResponse<String> send(
            ConfigurableApplicationContext to, String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Routers.port(to) + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return DemoHttp.JSON.readTree(response.body());
    }

    private static JsonNode admin(String method, String path) throws Exception {
        return json(send(router, method, path, ADMIN_KEY, null), 200);
    }

    /** A chat completion by {@code key}; returns its x-coe-cache header (hit, miss, bypass). */
    private static String chat(String key, String model, String question) throws Exception {
        HttpResponse<String> answer =
                send(router, "POST", "/v1/chat/completions", key, DemoHttp.chat(model, question, null));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.headers().firstValue("x-coe-cache").orElse("none");
    }

    /** A question no other test asks, on one topic (so no paraphrase of another test's question). */
    private static String unique(String question) {
        return question + " [" + UUID.randomUUID() + "]";
    }

    private static List<JsonNode> entries(String query, String key) throws Exception {
        JsonNode list = json(send(router, "GET", "/admin/cache/entries" + query, key, null), 200);
        List<JsonNode> all = new ArrayList<>();
        list.path("data").forEach(all::add);
        return all;
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode entryAsked(List<JsonNode> entries, String question) throws Exception {
        for (JsonNode e : entries) {
            JsonNode full = admin("GET", "/admin/cache/entries/" + e.path("id").asString());
            if (question.equals(full.path("question").asString())) {
                return full;
            }
        }
        throw new AssertionError("no entry asked '" + question + "' among " + entries);
    }

    @Test
    void theCountsFollowMissesAndExactHitsAndWhatTheHitsSaved() throws Exception {
        JsonNode before = admin("GET", "/admin/cache").path("stats");
        String question = unique("Repeat after me: the weather is fine today");

        assertThat(chat(keyA, "echo", question)).isEqualTo("miss");
        assertThat(chat(keyA, "echo", question)).isEqualTo("hit");
        assertThat(chat(keyA, "echo", question)).isEqualTo("hit");

        JsonNode report = admin("GET", "/admin/cache");
        assertThat(report.path("object").asString()).isEqualTo("cache");
        assertThat(report.path("enabled").asBoolean()).isTrue();
        assertThat(report.path("store").asString()).isEqualTo("memory");
        assertThat(report.path("scope").asString()).isEqualTo("key");
        JsonNode config = report.path("config");
        assertThat(config.path("ttl_seconds").asLong()).isEqualTo(3600);
        assertThat(config.path("max_entries").asInt()).isEqualTo(10_000);
        assertThat(config.path("semantic").asBoolean()).isTrue();
        assertThat(config.path("threshold").asDouble())
                .as("bge-small's measured threshold")
                .isEqualTo(0.94);
        assertThat(config.path("guard").asBoolean()).isTrue();
        assertThat(config.path("skill_thresholds").isObject()).isTrue();
        JsonNode stats = report.path("stats");
        assertThat(stats.path("exact_hits").asLong() - before.path("exact_hits").asLong())
                .isEqualTo(2);
        assertThat(stats.path("misses").asLong() - before.path("misses").asLong())
                .isEqualTo(1);
        assertThat(stats.path("hit_rate").asDouble()).isBetween(0.0, 1.0).isGreaterThan(0.0);
        assertThat(stats.path("store_errors").asLong()).isZero();
        assertThat(stats.path("entries").asLong()).isPositive();
        assertThat(stats.path("store_available").asBoolean()).isTrue();
        assertThat(stats.path("since").asString()).isNotBlank();
        // The echo expert is priced: two hits saved twice what the answer cost when it was made.
        BigDecimal saved = stats.path("saved_usd")
                .decimalValue()
                .subtract(before.path("saved_usd").decimalValue());
        JsonNode entry = entryAsked(entries("?key=" + idA + "&expert=echo&limit=500", ADMIN_KEY), question);
        BigDecimal cost = entry.path("cost_usd").decimalValue();
        assertThat(cost).isPositive();
        assertThat(saved).isEqualByComparingTo(cost.multiply(BigDecimal.valueOf(2)));
    }

    @Test
    void entriesListNewestFirstWithTheirMetadataAndOnlyTheAdminReadsTheirText() throws Exception {
        String first = unique("Please echo the name of a river");
        String second = unique("Please echo a colour of the rainbow");
        assertThat(chat(keyB, "echo", first)).isEqualTo("miss");
        assertThat(chat(keyB, "echo", second)).isEqualTo("miss");

        List<JsonNode> asAdmin = entries("?key=" + idB + "&limit=2", ADMIN_KEY);
        assertThat(asAdmin).hasSize(2);
        JsonNode newest = asAdmin.get(0);
        assertThat(newest.path("object").asString()).isEqualTo("cache.entry");
        assertThat(newest.path("id").asString()).startsWith("cache-");
        assertThat(newest.path("key_id").asString()).isEqualTo(idB);
        assertThat(newest.path("model").asString()).isEqualTo("echo");
        assertThat(newest.path("route").asString()).isEqualTo("direct");
        assertThat(newest.path("experts").get(0).asString()).isEqualTo("echo");
        assertThat(newest.path("created_at").asString()).isNotBlank();
        assertThat(newest.path("expires_at").asString())
                .isGreaterThan(newest.path("created_at").asString());
        assertThat(newest.path("age_seconds").asLong()).isNotNegative();
        assertThat(newest.path("usage").path("total_tokens").asLong()).isPositive();
        assertThat(newest.path("finish_reason").asString()).isEqualTo("stop");
        assertThat(newest.path("answer_chars").asInt()).isEqualTo(second.length());
        assertThat(newest.path("match").asString()).isEqualTo("semantic");
        assertThat(newest.path("question").asString()).isEqualTo(second);
        assertThat(newest.path("answer").asString()).isEqualTo(second);
        assertThat(asAdmin.get(1).path("question").asString()).isEqualTo(first);

        List<JsonNode> asViewer = entries("?key=" + idB + "&limit=2", VIEWER_KEY);
        assertThat(asViewer)
                .extracting(e -> e.path("id").asString())
                .containsExactly(
                        newest.path("id").asString(), asAdmin.get(1).path("id").asString());
        for (JsonNode e : asViewer) {
            assertThat(e.has("question")).as(e.toString()).isFalse();
            assertThat(e.has("answer")).as(e.toString()).isFalse();
            assertThat(e.toString()).doesNotContain(first).doesNotContain(second);
        }
        assertThat(asViewer.get(0).path("answer_chars").asInt()).isEqualTo(second.length());

        String id = newest.path("id").asString();
        JsonNode one = json(send(router, "GET", "/admin/cache/entries/" + id, ADMIN_KEY, null), 200);
        assertThat(one.path("answer").asString()).isEqualTo(second);
        HttpResponse<String> viewerOne = send(router, "GET", "/admin/cache/entries/" + id, VIEWER_KEY, null);
        JsonNode seen = json(viewerOne, 200);
        assertThat(seen.path("id").asString()).isEqualTo(id);
        assertThat(viewerOne.body()).doesNotContain(second).doesNotContain("\"answer\"");
    }

    @Test
    void entriesFilterByKeyExpertAndSkill() throws Exception {
        String capital = unique("What is the capital of Peru?");
        String sum = unique("What is 17 + 6?");
        String echoed = unique("Echo this sentence about filtering");
        chat(keyA, "coe", capital);
        chat(keyA, "coe", sum);
        chat(keyA, "echo", echoed);
        chat(keyB, "echo", unique("Echo this other sentence for key B"));

        List<JsonNode> all = entries("?limit=500", ADMIN_KEY);
        List<JsonNode> ofA = entries("?limit=500&key=" + q(idA), ADMIN_KEY);
        assertThat(ofA).isNotEmpty().allMatch(e -> e.path("key_id").asString().equals(idA));
        assertThat(ofA).hasSize((int) all.stream()
                .filter(e -> e.path("key_id").asString().equals(idA))
                .count());
        assertThat(entries("?limit=500&key=" + q(idB), ADMIN_KEY))
                .isNotEmpty()
                .allMatch(e -> e.path("key_id").asString().equals(idB));

        List<JsonNode> ofEcho = entries("?limit=500&expert=echo", ADMIN_KEY);
        assertThat(ofEcho).isNotEmpty().allMatch(e -> experts(e).contains("echo"));
        assertThat(ofEcho).hasSize((int)
                all.stream().filter(e -> experts(e).contains("echo")).count());

        JsonNode routed = entryAsked(entries("?limit=500&key=" + q(idA), ADMIN_KEY), capital);
        assertThat(routed.path("route").asString()).isEqualTo("coe");
        String skill = routed.path("skills").get(0).path("id").asString();
        assertThat(skill).isNotBlank();
        List<JsonNode> ofSkill = entries("?limit=500&skill=" + q(skill), ADMIN_KEY);
        assertThat(ofSkill)
                .isNotEmpty()
                .allMatch(e -> e.path("skills").get(0).path("id").asString().equals(skill));
        assertThat(ofSkill)
                .extracting(e -> e.path("id").asString())
                .contains(routed.path("id").asString());
        assertThat(ofSkill.size()).isLessThan(all.size());

        assertThat(entries("?limit=1", ADMIN_KEY)).hasSize(1);
    }

    private static List<String> experts(JsonNode entry) {
        List<String> ids = new ArrayList<>();
        entry.path("experts").forEach(x -> ids.add(x.asString()));
        return ids;
    }

    @Test
    void aPurgeByKeyRemovesOnlyThatKeysEntriesAndTheOtherKeyStillHits() throws Exception {
        String question = unique("Echo a sentence both keys ask");
        chat(keyA, "echo", question);
        chat(keyB, "echo", question);
        assertThat(chat(keyA, "echo", question)).isEqualTo("hit");
        assertThat(chat(keyB, "echo", question)).isEqualTo("hit");
        int ofB = entries("?limit=500&key=" + q(idB), ADMIN_KEY).size();

        JsonNode purged = admin("DELETE", "/admin/cache/entries?key=" + q(idA));
        assertThat(purged.path("object").asString()).isEqualTo("cache.purged");
        assertThat(purged.path("purged").asLong()).isPositive();
        assertThat(entries("?key=" + q(idA), ADMIN_KEY)).isEmpty();
        assertThat(entries("?limit=500&key=" + q(idB), ADMIN_KEY)).hasSize(ofB);

        assertThat(chat(keyB, "echo", question)).isEqualTo("hit");
        assertThat(chat(keyA, "echo", question)).isEqualTo("miss");
        assertThat(chat(keyA, "echo", question)).isEqualTo("hit");
    }

    @Test
    void oneEntryIsRemovedByItsIdAndAnUnknownIdIsA404() throws Exception {
        String question = unique("Echo the entry to remove by id");
        String kept = unique("Echo the entry that stays");
        assertThat(chat(keyA, "echo", question)).isEqualTo("miss");
        assertThat(chat(keyA, "echo", kept)).isEqualTo("miss");
        String id = entryAsked(entries("?limit=500&key=" + q(idA), ADMIN_KEY), question)
                .path("id")
                .asString();

        JsonNode deleted = admin("DELETE", "/admin/cache/entries/" + id);
        assertThat(deleted.path("id").asString()).isEqualTo(id);
        assertThat(deleted.path("deleted").asBoolean()).isTrue();
        assertThat(chat(keyA, "echo", question)).isEqualTo("miss");
        assertThat(chat(keyA, "echo", kept)).isEqualTo("hit");

        for (String method : List.of("GET", "DELETE")) {
            JsonNode error = json(send(router, method, "/admin/cache/entries/" + id + "x", ADMIN_KEY, null), 404)
                    .path("error");
            assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
            assertThat(error.path("code").asString()).isEqualTo("cache_entry_not_found");
            assertThat(error.path("param").asString()).isEqualTo("id");
        }
    }

    @Test
    void purgingEverythingNeedsAllTrueAndEmptiesTheCache() throws Exception {
        String question = unique("Echo the sentence purged with everything");
        chat(keyA, "echo", question);
        chat(keyB, "echo", unique("Echo another sentence purged with everything"));

        JsonNode refused = json(send(router, "DELETE", "/admin/cache/entries", ADMIN_KEY, null), 400)
                .path("error");
        assertThat(refused.path("param").asString()).isEqualTo("all");
        assertThat(refused.path("code").asString()).isEqualTo("missing_filter");
        assertThat(entries("?limit=500", ADMIN_KEY)).isNotEmpty();

        JsonNode purged = admin("DELETE", "/admin/cache/entries?all=true");
        assertThat(purged.path("purged").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(entries("?limit=500", ADMIN_KEY)).isEmpty();
        assertThat(admin("GET", "/admin/cache").path("stats").path("entries").asLong())
                .isZero();
        assertThat(chat(keyA, "echo", question)).isEqualTo("miss");
    }

    @Test
    void theApiIsTheAdminsAndTheViewerMayOnlyRead() throws Exception {
        for (String path : List.of("/admin/cache", "/admin/cache/entries", "/admin/cache/entries/cache-x")) {
            assertThat(send(router, "GET", path, null, null).statusCode())
                    .as(path)
                    .isEqualTo(401);
            assertThat(send(router, "GET", path, "wrong-key-0123456789", null).statusCode())
                    .as(path)
                    .isEqualTo(401);
            JsonNode forbidden = json(send(router, "GET", path, keyA, null), 403);
            assertThat(forbidden.path("error").path("type").asString()).isNotBlank();
        }
        assertThat(send(router, "GET", "/admin/cache", VIEWER_KEY, null).statusCode())
                .isEqualTo(200);
        int before = entries("?limit=500", ADMIN_KEY).size();
        for (String path : List.of("/admin/cache/entries?all=true", "/admin/cache/entries/cache-x")) {
            JsonNode refused = json(send(router, "DELETE", path, VIEWER_KEY, null), 403);
            assertThat(refused.path("error").path("code").asString()).isEqualTo("admin_key_required");
            assertThat(send(router, "DELETE", path, keyA, null).statusCode()).isEqualTo(403);
            assertThat(send(router, "DELETE", path, null, null).statusCode()).isEqualTo(401);
        }
        assertThat(entries("?limit=500", ADMIN_KEY)).hasSize(before);
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() throws Exception {
        record Case(String method, String path, String param) {}
        List<Case> cases = List.of(
                new Case("GET", "/admin/cache/entries?limit=0", "limit"),
                new Case("GET", "/admin/cache/entries?limit=501", "limit"),
                new Case("GET", "/admin/cache/entries?limit=ten", "limit"),
                new Case("GET", "/admin/cache/entries?key=" + "k".repeat(201), "key"),
                new Case("GET", "/admin/cache/entries?expert=a%01b", "expert"),
                new Case("GET", "/admin/cache/entries?skill=%20", "skill"),
                new Case("GET", "/admin/cache/entries?key=a&key=b", "key"),
                new Case("GET", "/admin/cache/entries?order=old", "order"),
                new Case("GET", "/admin/cache?verbose=true", "verbose"),
                new Case("GET", "/admin/cache/entries/" + "i".repeat(201), "id"),
                new Case("DELETE", "/admin/cache/entries?all=yes", "all"),
                new Case("DELETE", "/admin/cache/entries?all=false", "all"),
                new Case("DELETE", "/admin/cache/entries?all=true&key=" + q(idA), "all"),
                new Case("DELETE", "/admin/cache/entries?limit=5", "limit"),
                new Case("DELETE", "/admin/cache/entries?skill=%0A", "skill"),
                new Case("DELETE", "/admin/cache/entries/" + "x".repeat(201), "id"));
        int before = entries("?limit=500", ADMIN_KEY).size();
        for (Case c : cases) {
            HttpResponse<String> response = send(router, c.method(), c.path(), ADMIN_KEY, null);
            JsonNode error = json(response, 400).path("error");
            assertThat(error.path("type").asString()).as(c.toString()).isEqualTo("invalid_request_error");
            assertThat(error.path("param").asString()).as(c.toString()).isEqualTo(c.param());
            assertThat(error.path("message").asString()).as(c.toString()).isNotBlank();
        }
        assertThat(entries("?limit=500", ADMIN_KEY)).hasSize(before);
    }

    @Test
    void aRouterWithTheCacheOffSaysSo() throws Exception {
        JsonNode report = json(send(offRouter, "GET", "/admin/cache", ADMIN_KEY, null), 200);
        assertThat(report.path("enabled").asBoolean()).isFalse();
        assertThat(report.path("message").asString()).contains("coe.cache.enabled");
        assertThat(report.has("stats")).isFalse();

        JsonNode list = json(send(offRouter, "GET", "/admin/cache/entries", VIEWER_KEY, null), 200);
        assertThat(list.path("enabled").asBoolean()).isFalse();
        assertThat(list.path("data").size()).isZero();
        JsonNode purged = json(send(offRouter, "DELETE", "/admin/cache/entries?all=true", ADMIN_KEY, null), 200);
        assertThat(purged.path("enabled").asBoolean()).isFalse();
        assertThat(purged.path("purged").asLong()).isZero();
        assertThat(send(offRouter, "GET", "/admin/cache/entries/cache-x", ADMIN_KEY, null)
                        .statusCode())
                .isEqualTo(404);
        String gateway = json(send(offRouter, "POST", "/admin/keys", ADMIN_KEY, "{\"name\":\"off\"}"), 201)
                .path("key")
                .asString();
        HttpResponse<String> chat =
                send(offRouter, "POST", "/v1/chat/completions", gateway, DemoHttp.chat("echo", "no cache here", null));
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        assertThat(chat.headers().firstValue("x-coe-cache")).isEmpty();
    }
}
