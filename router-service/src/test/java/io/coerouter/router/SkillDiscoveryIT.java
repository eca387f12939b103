package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import io.coerouter.router.testing.Eventually;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /admin/skills/discover} over real HTTP, with auth on, on two routers sharing one real Redis: unlabelled
 * demo questions of three skills are proposed as three skills without changing anything, then applied on one router
 * and routed with on the other, and profiled in the same call; bad lines, bad parameters and callers without the
 * admin key are refused with OpenAI-format errors.
 */
class SkillDiscoveryIT {

    private static final String ADMIN_KEY = "admin-secret-0123456789";
    private static final String VIEWER_KEY = "viewer-secret-0123456789";
    private static final Set<String> TOPICS = Set.of("capitals", "arithmetic", "string-manipulation");
    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static final List<ConfigurableApplicationContext> ROUTERS = new ArrayList<>();
    private static RawHttp first;
    private static RawHttp second;
    private static String gatewayKey;
    /** 12 demo questions of each of three skills, labels dropped, with answers; and each question's skill. */
    private static String jsonl;

    private static final Map<String, String> SKILL_OF = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        StringBuilder lines = new StringBuilder();
        Map<String, Integer> taken = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                SkillDiscoveryIT.class.getResourceAsStream("/coe-demo-experts/eval/demo-eval.jsonl"),
                StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                JsonNode item = DemoHttp.JSON.readTree(line);
                String skill = item.path("skill").asString();
                if (TOPICS.contains(skill) && taken.merge(skill, 1, Integer::sum) <= 12) {
                    String question = item.path("question").asString();
                    SKILL_OF.put(question, skill);
                    lines.append(DemoHttp.JSON.writeValueAsString(Map.of(
                                    "question",
                                    question,
                                    "answer",
                                    item.path("answer").asString())))
                            .append('\n');
                }
            }
        }
        jsonl = lines.toString();
        for (int i = 0; i < 2; i++) {
            ROUTERS.add(Routers.start(
                    REDIS,
                    "--coe.auth.enabled=true",
                    "--coe.auth.admin-key=" + ADMIN_KEY,
                    "--coe.auth.viewer-key=" + VIEWER_KEY,
                    "--coe.profiles.location=",
                    "--coe.default-expert=echo",
                    "--coe.experts[0].id=echo",
                    "--coe.experts[0].adapter=echo"));
        }
        first = new RawHttp(Routers.port(ROUTERS.get(0)));
        second = new RawHttp(Routers.port(ROUTERS.get(1)));
        RawHttp.Reply created = first.send("POST", "/admin/keys", ADMIN_KEY, "{\"name\":\"discovery\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        gatewayKey = created.json().path("key").asString();
    }

    @AfterAll
    static void stop() {
        ROUTERS.forEach(ConfigurableApplicationContext::close);
        REDIS.close();
    }

    private static RawHttp.Reply discover(RawHttp router, String query, String key, String body) throws Exception {
        return router.send(
                "POST",
                "/admin/skills/discover" + query,
                key == null
                        ? Map.of()
                        : Map.of("Authorization", "Bearer " + key, "Content-Type", "application/x-ndjson"),
                body,
                false);
    }

    private static List<String> ids(JsonNode taxonomy) {
        return taxonomy.path("skills")
                .valueStream()
                .map(s -> s.path("id").asString())
                .toList();
    }

    /** The discovered skill each demo skill's questions went to, read from the evaluation set of the response. */
    private static Map<String, Set<String>> skillsByTopic(JsonNode discovery) {
        return discovery
                .path("eval_set")
                .asString()
                .lines()
                .map(DemoHttp.JSON::readTree)
                .collect(Collectors.groupingBy(
                        line -> SKILL_OF.get(line.path("question").asString()),
                        Collectors.mapping(line -> line.path("skill").asString(), Collectors.toSet())));
    }

    @Test
    void aProposalOfThreeSkillsChangesNothingAndLabelsTheAnsweredQuestionsByCluster() throws Exception {
        List<String> before =
                ids(first.send("GET", "/admin/skills", ADMIN_KEY, null).json());

        RawHttp.Reply reply = discover(first, "?k=3", ADMIN_KEY, jsonl);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.path("object").asString()).isEqualTo("coe.skills.discovery");
        assertThat(body.path("questions").asInt()).isEqualTo(36);
        assertThat(body.path("answered").asInt()).isEqualTo(36);
        assertThat(body.path("k").asInt()).isEqualTo(3);
        assertThat(body.path("k_chosen_by").asString()).isEqualTo("given");
        assertThat(body.path("applied").asBoolean()).isFalse();
        assertThat(body.has("revision")).isFalse();
        List<String> discovered = ids(body.path("taxonomy"));
        assertThat(discovered).hasSize(3).doesNotHaveDuplicates();
        assertThat(body.path("clusters")
                        .valueStream()
                        .mapToInt(c -> c.path("size").asInt())
                        .sum())
                .isEqualTo(36);
        // Each demo skill's questions are one discovered skill, a different one for each.
        Map<String, Set<String>> byTopic = skillsByTopic(body);
        assertThat(byTopic.keySet()).isEqualTo(TOPICS);
        assertThat(byTopic.values()).allSatisfy(s -> assertThat(s).hasSize(1));
        assertThat(byTopic.values().stream().flatMap(Set::stream).distinct()).hasSize(3);
        assertThat(ids(first.send("GET", "/admin/skills", ADMIN_KEY, null).json()))
                .isEqualTo(before);
    }

    @Test
    void withoutKTheSilhouetteChoosesAndEveryCandidateIsShown() throws Exception {
        RawHttp.Reply reply = discover(first, "?seed=7", ADMIN_KEY, jsonl);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.path("k_chosen_by").asString()).isEqualTo("silhouette");
        assertThat(body.path("candidates").size()).isEqualTo(19); // k from 2 to 20
        assertThat(body.path("candidates").valueStream().mapToInt(c -> c.path("k")
                        .asInt()))
                .contains(body.path("k").asInt());
    }

    @Test
    void appliedSkillsAreInForceOnEveryReplicaRouteQueriesAndAreProfiledInTheSameCall() throws Exception {
        RawHttp.Reply reply = discover(first, "?k=3&apply=true&profile=true", ADMIN_KEY, jsonl);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.path("applied").asBoolean()).isTrue();
        assertThat(body.path("revision").asLong()).isPositive();
        List<String> discovered = ids(body.path("taxonomy"));
        String capitals = skillsByTopic(body).get("capitals").iterator().next();

        Eventually.until("the other replica serves the discovered skills", () -> {
            try {
                return ids(second.send("GET", "/admin/skills", ADMIN_KEY, null).json())
                        .equals(discovered);
            } catch (Exception e) {
                return false;
            }
        });
        RawHttp.Reply route = second.send(
                "POST", "/v1/route", gatewayKey, DemoHttp.chat("coe", "What is the capital of Portugal?", null));
        assertThat(route.status()).as(route.body()).isEqualTo(200);
        assertThat(route.json().path("skills").get(0).path("id").asString()).isEqualTo(capitals);

        JsonNode job = body.path("profile_job");
        assertThat(job.path("object").asString()).isEqualTo("coe.profile_job");
        assertThat(job.path("total").asInt()).isEqualTo(36);
        String id = job.path("id").asString();
        Eventually.until("the profiling job succeeds", () -> {
            try {
                return first.send("GET", "/admin/profiles/jobs/" + id, ADMIN_KEY, null)
                        .json()
                        .path("state")
                        .asString()
                        .equals("succeeded");
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode profiles =
                first.send("GET", "/admin/profiles", ADMIN_KEY, null).json();
        assertThat(profiles.path("experts").path("echo").path("skills").propertyNames())
                .containsExactlyInAnyOrderElementsOf(discovered);
    }

    @Test
    void aBadLineIsA400NamingTheLineWithoutQuotingIt() throws Exception {
        String body = jsonl.lines().limit(3).collect(Collectors.joining("\n"))
                + "\n{\"question\": \"secret-text\", \"skill\": \"x\"}\n";

        RawHttp.Reply reply = discover(first, "?k=2", ADMIN_KEY, body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.isOpenAiError()).isTrue();
        JsonNode error = reply.json().path("error");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asString()).isEqualTo("line 4");
        assertThat(error.path("code").asString()).isEqualTo("invalid_line");
        assertThat(error.path("message").asString())
                .startsWith("line 4: unknown field")
                .doesNotContain("secret");

        RawHttp.Reply notJson = discover(first, "", ADMIN_KEY, "{\"question\": \"a\"}\nnot json secret-text\n");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("error").path("param").asString()).isEqualTo("line 2");
        assertThat(notJson.body()).doesNotContain("secret");
    }

    @Test
    void badParametersAndTooFewQuestionsAre400sNamingTheParameter() throws Exception {
        Map<String, String> cases = Map.of(
                "?k=1", "k",
                "?k=abc", "k",
                "?k=101", "k",
                "?apply=yes", "apply",
                "?profile=true", "profile",
                "?seed=x", "seed",
                "?k=50", "k");
        for (var c : cases.entrySet()) {
            RawHttp.Reply reply = discover(first, c.getKey(), ADMIN_KEY, jsonl);
            assertThat(reply.status()).as(c.getKey() + ": " + reply.body()).isEqualTo(400);
            assertThat(reply.isOpenAiError()).isTrue();
            assertThat(reply.json().path("error").path("param").asString())
                    .as(c.getKey())
                    .isEqualTo(c.getValue());
        }
        RawHttp.Reply empty = discover(first, "", ADMIN_KEY, "\n\n");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("error").path("param").asString()).isEqualTo("questions");
    }

    @Test
    void onlyTheAdminKeyMayDiscover() throws Exception {
        RawHttp.Reply none = discover(first, "?k=3", null, jsonl);
        RawHttp.Reply viewer = discover(first, "?k=3", VIEWER_KEY, jsonl);
        RawHttp.Reply gateway = discover(first, "?k=3", gatewayKey, jsonl);

        assertThat(none.status()).isEqualTo(401);
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(gateway.status()).isIn(401, 403);
        assertThat(List.of(none, viewer, gateway))
                .allSatisfy(r -> assertThat(r.isOpenAiError()).isTrue());
    }
}
