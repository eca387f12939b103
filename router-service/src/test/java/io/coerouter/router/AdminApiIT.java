package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The admin API on the demo configuration: taxonomy, profiling jobs, profile versions, import and evaluations. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminApiIT {

    @LocalServerPort
    int port;

    DemoHttp http;

    @BeforeEach
    void client() {
        http = new DemoHttp(port);
    }

    private JsonNode await(String path) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            JsonNode job = http.get(path).body();
            if (!job.path("state").asString().equals("running") || Instant.now().isAfter(deadline)) {
                return job;
            }
            Thread.sleep(100);
        }
    }

    private static String inline(String jsonl) {
        return DemoHttp.JSON.writeValueAsString(jsonl);
    }

    @Test
    void theTaxonomyCanBeReadAndABadReplacementChangesNothing() throws Exception {
        JsonNode skills = http.get("/admin/skills").body();
        assertThat(skills.path("skills").size()).isEqualTo(5);

        DemoHttp.Reply empty = http.send("PUT", "/admin/skills", "{\"skills\": []}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().path("error").path("message").asString()).contains("the skill taxonomy is empty");
        DemoHttp.Reply duplicate = http.send(
                "PUT",
                "/admin/skills",
                "{\"skills\": [{\"id\":\"a\",\"description\":\"x\"},{\"id\":\"a\",\"description\":\"y\"}]}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.body().path("error").path("message").asString()).contains("declared twice");
        assertThat(http.get("/admin/skills").body().path("skills").size()).isEqualTo(5);
    }

    @Test
    void aProfilingJobRunsTheExpertsReportsSkippedLinesAndPublishesANewVersion() throws Exception {
        int before = http.get("/admin/profiles/versions").body().path("current").asInt();
        String jsonl = String.join(
                "\n",
                "{\"question\":\"What is 12 + 9?\",\"answer\":\"21\",\"skill\":\"arithmetic\"}",
                "{\"question\": oops",
                "{\"question\":\"What is the capital of Chile?\",\"answer\":\"Santiago\",\"skill\":\"capitals\"}",
                "{\"question\":\"Spell lemon backwards.\",\"answer\":\"nomel\"}");
        DemoHttp.Reply started = http.post(
                "/admin/profiles/jobs",
                "{\"eval_set\":" + inline(jsonl)
                        + ",\"experts\":[\"arithmetic-expert\",\"capitals-expert\",\"strings-expert\"]}");
        assertThat(started.status()).isEqualTo(202);
        String id = started.body().path("id").asString();
        JsonNode done = await("/admin/profiles/jobs/" + id);
        assertThat(done.path("state").asString()).isEqualTo("succeeded");
        assertThat(done.path("done").asInt()).isEqualTo(9);
        assertThat(done.path("skipped_lines").get(0).asString()).startsWith("line 2: not valid JSON");
        assertThat(done.path("profile_version").asInt()).isEqualTo(before + 1);

        JsonNode current = http.get("/admin/profiles").body();
        assertThat(current.path("version").asInt()).isEqualTo(before + 1);
        JsonNode arithmetic =
                current.path("experts").path("arithmetic-expert").path("skills").path("arithmetic");
        assertThat(arithmetic.path("correct").asInt()).isEqualTo(1);
        // The untagged line was tagged by the classifier.
        assertThat(current.path("experts").path("strings-expert").path("skills").has("string-manipulation"))
                .isTrue();

        // Put the demo profiles back as the newest version, through export and import.
        String demo = http.get("/admin/profiles/versions/" + before).raw();
        DemoHttp.Reply restored = http.send("PUT", "/admin/profiles", demo);
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.body().path("version").asInt()).isEqualTo(before + 2);
    }

    @Test
    void aNullProfileSetIsRefusedAsInvalid() throws Exception {
        DemoHttp.Reply refused = http.send("PUT", "/admin/profiles", "null");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("error").path("code").asString()).isEqualTo("invalid_profiles");
        assertThat(refused.body().path("error").path("message").asString())
                .isEqualTo("the profile set is not valid: it must be a JSON object, not null.");
    }

    @Test
    void aNullTaxonomyIsRefusedAsInvalid() throws Exception {
        DemoHttp.Reply refused = http.send("PUT", "/admin/skills", "null");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("error").path("code").asString()).isEqualTo("invalid_taxonomy");
        assertThat(refused.body().path("error").path("message").asString())
                .isEqualTo("the skill taxonomy is not valid: it must be a mapping with 'skills'.");
    }

    @Test
    void badEvaluationSetsAreRefusedNamingTheLine() throws Exception {
        DemoHttp.Reply rejected = http.post(
                "/admin/profiles/jobs",
                "{\"on_error\":\"reject\",\"eval_set\":"
                        + inline("{\"question\":\"q\",\"answer\":\"a\",\"skill\":\"arithmetic\"}\n[1,2]") + "}");
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.body().path("error").path("message").asString())
                .isEqualTo("line 2: expected a JSON object");
        assertThat(rejected.body().path("error").path("param").asString()).isEqualTo("eval_set");

        DemoHttp.Reply unknownSkill = http.post(
                "/admin/profiles/jobs",
                "{\"eval_set\":" + inline("{\"question\":\"q\",\"answer\":\"a\",\"skill\":\"astrology\"}") + "}");
        assertThat(unknownSkill.status()).isEqualTo(400);
        assertThat(unknownSkill.body().path("error").path("message").asString())
                .contains("Line 1 names skill 'astrology'");

        DemoHttp.Reply unknownExpert = http.post(
                "/admin/profiles/jobs",
                "{\"experts\":[\"gpt-9\"],\"eval_set\":"
                        + inline("{\"question\":\"q\",\"answer\":\"a\",\"skill\":\"arithmetic\"}") + "}");
        assertThat(unknownExpert.status()).isEqualTo(400);
        assertThat(unknownExpert.body().path("error").path("param").asString()).isEqualTo("experts[0]");

        DemoHttp.Reply neither = http.post("/admin/profiles/jobs", "{}");
        assertThat(neither.status()).isEqualTo(400);

        DemoHttp.Reply noJob = http.get("/admin/profiles/jobs/profile-999999");
        assertThat(noJob.status()).isEqualTo(404);
    }

    @Test
    void importingProfilesOfUnconfiguredExpertsIsRefusedUnlessAllowed() throws Exception {
        String ghost =
                """
                {"version":0,"createdAt":"2026-11-22T10:00:00Z","source":"x","questions":1,
                 "experts":{"ghost":{"expertId":"ghost","skills":{"arithmetic":{"correct":1,"wrong":0,"failed":0}},
                 "meanLatencyMs":1.0,"meanCostUsd":0}}}
                """;
        DemoHttp.Reply refused = http.send("PUT", "/admin/profiles", ghost);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("error").path("message").asString()).contains("[ghost]");
        DemoHttp.Reply invalid = http.send("PUT", "/admin/profiles", "{\"experts\": 3}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("error").path("message").asString()).startsWith("the profile set is not valid");
    }

    @Test
    void anEvaluationReportsEveryMethodAgainstSingleExpertsRandomAndTheOracle() throws Exception {
        DemoHttp.Reply started = http.post(
                "/admin/evaluations",
                "{\"eval_path\":\"classpath:coe-demo-experts/eval/demo-eval.jsonl\",\"split\":\"test\","
                        + "\"experts\":[\"generalist\",\"arithmetic-expert\",\"capitals-expert\"],\"max_tokens\":24}");
        assertThat(started.status()).isEqualTo(202);
        JsonNode done = await("/admin/evaluations/" + started.body().path("id").asString());
        assertThat(done.path("state").asString()).isEqualTo("succeeded");
        JsonNode rows = done.path("report").path("rows");
        assertThat(rows.valueStream().map(r -> r.path("method").asString()).toList())
                .contains("routed: symbolic-moe", "routed: category", "single: generalist", "random 3 of 3")
                .contains("oracle (best expert per question)");
        assertThat(done.path("markdown").asString()).contains("| routed: category |");
    }

    @Test
    void anEvaluationScoresTheAggregatorsItNamesAndRefusesUnknownOnes() throws Exception {
        DemoHttp.Reply unknown = http.post(
                "/admin/evaluations",
                "{\"eval_path\":\"classpath:coe-demo-experts/eval/demo-eval.jsonl\",\"aggregators\":[\"vote\",\"nope\"]}");
        assertThat(unknown.status()).as(unknown.raw()).isEqualTo(400);
        assertThat(unknown.body().path("error").path("param").asString()).isEqualTo("aggregators[1]");

        DemoHttp.Reply started = http.post(
                "/admin/evaluations",
                "{\"eval_path\":\"classpath:coe-demo-experts/eval/demo-eval.jsonl\",\"split\":\"test\","
                        + "\"experts\":[\"generalist\",\"capitals-expert\"],\"aggregators\":[\"vote\",\"first\"],"
                        + "\"methods\":[\"category\"],\"max_tokens\":24}");
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        JsonNode done = await("/admin/evaluations/" + started.body().path("id").asString());
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("succeeded");
    }
}
