package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Where admin jobs may read evaluation sets from: the request's own lines, a file named inside {@code
 * coe.profiles.eval-dir}, or a built-in set; every other location (files, URLs, jars, paths, links out of the folder)
 * gets one and the same 400, which quotes nothing and tells nothing about what exists.
 */
class EvalSetSourcesIT {

    private static final String SET = "{\"question\":\"What is 2 + 2?\",\"answer\":\"4\",\"skill\":\"arithmetic\"}\n"
            + "{\"question\":\"What is 3 + 3?\",\"answer\":\"6\",\"skill\":\"arithmetic\"}\n";

    private static Path root;
    private static ConfigurableApplicationContext router;
    private static DemoHttp http;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("coe-evals");
        Path folder = Files.createDirectory(root.resolve("evals"));
        Files.writeString(folder.resolve("mine.jsonl"), SET);
        Files.writeString(root.resolve("outside.jsonl"), SET);
        Files.createSymbolicLink(folder.resolve("escape.jsonl"), root.resolve("outside.jsonl"));
        Files.createSymbolicLink(folder.resolve("passwd.jsonl"), Path.of("/etc/passwd"));
        Files.createDirectory(folder.resolve("sub"));
        router = new SpringApplicationBuilder(CoeRouterApplication.class)
                .run(
                        "--server.port=0",
                        "--coe.redis.url=",
                        "--coe.skills.warm-up=false",
                        "--coe.default-expert=echo",
                        "--coe.experts[0].id=echo",
                        "--coe.experts[0].adapter=echo",
                        "--coe.profiles.eval-dir=" + folder,
                        "--coe.profiles.eval-max-size=400KB",
                        "--coe.profiles.eval-max-lines=2000");
        http = Routers.http(router);
    }

    @AfterAll
    static void stop() throws Exception {
        if (router != null) {
            router.close();
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    private static DemoHttp.Reply profile(String fields) throws Exception {
        return http.post("/admin/profiles/jobs", "{" + fields + ",\"experts\":[\"echo\"]}");
    }

    private static String quoted(String text) {
        return DemoHttp.JSON.writeValueAsString(text);
    }

    private static JsonNode await(String path) throws Exception {
        for (int i = 0; i < 1200; i++) {
            JsonNode job = http.get(path).body();
            if (!job.path("state").asString().equals("running")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " still running after 120 s");
    }

    @Test
    void everyLocationOutsideTheFolderGetsOneAnswerThatQuotesNothing() throws Exception {
        List<String> hostile = List.of(
                "file:/etc/passwd",
                "file:/proc/self/environ",
                "http://127.0.0.1:1/x",
                "jar:file:/tmp/x.jar!/a.jsonl",
                "../../../../etc/passwd",
                "/etc/passwd",
                root.resolve("outside.jsonl").toString(),
                "classpath:application.yaml",
                "classpath:coe-demo-experts/profiles.json",
                "escape.jsonl",
                "passwd.jsonl",
                "sub",
                "sub/../mine.jsonl",
                "..",
                "missing.jsonl");
        String first = null;
        for (String path : hostile) {
            DemoHttp.Reply reply = profile("\"eval_path\":" + quoted(path));
            assertThat(reply.status()).as(path + ": " + reply.raw()).isEqualTo(400);
            JsonNode error = reply.body().path("error");
            assertThat(error.path("param").asString()).as(path).isEqualTo("eval_path");
            assertThat(error.path("code").asString()).as(path).isEqualTo("eval_set_not_found");
            assertThat(reply.raw())
                    .as(path)
                    .doesNotContain("root")
                    .doesNotContain("PATH")
                    .doesNotContain("token");
            if (first == null) {
                first = error.toString();
            }
            assertThat(error.toString()).as(path).isEqualTo(first);
        }
    }

    @Test
    void aMalformedUploadIsRefusedNamingTheLineAndItsProblemButNotItsContent() throws Exception {
        String jsonl = SET + "root:x:0:0:root:/root:/bin/bash\n{\"question\":\"q\"}\n";

        DemoHttp.Reply rejected = profile("\"on_error\":\"reject\",\"eval_set\":" + quoted(jsonl));
        DemoHttp.Reply missing =
                profile("\"on_error\":\"reject\",\"eval_set\":" + quoted(SET + "{\"question\":\"q\"}"));

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.body().path("error").path("param").asString()).isEqualTo("eval_set");
        assertThat(rejected.body().path("error").path("message").asString()).contains("line 3: not valid JSON");
        assertThat(rejected.raw()).doesNotContain("root");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("error").path("message").asString()).contains("line 3: 'answer' is missing");
    }

    @Test
    void aSetOverTheLineLimitIsRefused() throws Exception {
        String big = SET.repeat(1001); // 2002 lines, over the limit of 2000

        DemoHttp.Reply reply = profile("\"eval_set\":" + quoted(big));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("error").path("code").asString()).isEqualTo("eval_set_too_large");
    }

    @Test
    void aSetNamedInTheFolderAndAnUploadedSetEachRunAProfilingJob() throws Exception {
        for (String source : List.of("\"eval_path\":\"mine.jsonl\"", "\"eval_set\":" + quoted(SET))) {
            DemoHttp.Reply started = profile(source);
            assertThat(started.status()).as(started.raw()).isEqualTo(202);

            JsonNode done =
                    await("/admin/profiles/jobs/" + started.body().path("id").asString());

            assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("succeeded");
            assertThat(done.path("total").asInt()).isEqualTo(2);
            assertThat(done.path("profile_version").asInt()).isPositive();
        }
    }

    @Test
    void theReadmeProfilingExampleStillWorks() throws Exception {
        // README.md: curl .../admin/profiles/jobs -d '{"eval_path": "classpath:coe-demo-experts/eval/demo-eval.jsonl",
        // "split": "profile"}'
        DemoHttp.Reply started = http.post(
                "/admin/profiles/jobs",
                "{\"eval_path\": \"classpath:coe-demo-experts/eval/demo-eval.jsonl\", \"split\": \"profile\"}");
        assertThat(started.status()).as(started.raw()).isEqualTo(202);

        JsonNode done =
                await("/admin/profiles/jobs/" + started.body().path("id").asString());

        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.path("total").asInt()).isGreaterThan(100);
    }
}
