package io.coerouter.router;

import static io.coerouter.router.DemoHttp.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The skill taxonomy and the expert profiles across two router instances sharing one real Redis server: what is put
 * through one is what the other serves and routes with, and a router started on the same Redis adds no version.
 */
class SharedSkillsIT {

    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static final List<ConfigurableApplicationContext> ROUTERS = new ArrayList<>();
    private static Path seed;
    private static DemoHttp first;
    private static DemoHttp second;

    /** A profile set in the export format: {@code alpha} and {@code beta} right this often of 10 on capitals. */
    static String profiles(int alpha, int beta) {
        return """
                {"version": 0, "createdAt": "2026-01-01T00:00:00Z", "source": "alpha %d, beta %d", "questions": 10,
                 "experts": {
                   "alpha": {"expertId": "alpha", "skills": {"capitals": {"correct": %d, "wrong": %d, "failed": 0}},
                             "meanLatencyMs": 1.0, "meanCostUsd": 0},
                   "beta": {"expertId": "beta", "skills": {"capitals": {"correct": %d, "wrong": %d, "failed": 0}},
                            "meanLatencyMs": 1.0, "meanCostUsd": 0}}}
                """
                .formatted(alpha, beta, alpha, 10 - alpha, beta, 10 - beta);
    }

    static ConfigurableApplicationContext start(RedisTestServer redis, Path profiles, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--coe.profiles.location=file:" + profiles,
                "--coe.default-expert=alpha",
                "--coe.experts[0].id=alpha",
                "--coe.experts[0].adapter=echo",
                "--coe.experts[1].id=beta",
                "--coe.experts[1].adapter=echo"));
        args.addAll(List.of(more));
        return Routers.start(redis, args.toArray(String[]::new));
    }

    static DemoHttp http(ConfigurableApplicationContext context) {
        return Routers.http(context);
    }

    /** The expert {@code router} answers a capitals question with, the skill named so no classifier is involved. */
    static String expertFor(DemoHttp router) throws Exception {
        DemoHttp.Reply reply = router.post(
                "/v1/chat/completions", chat("coe", "What is the capital of Peru?", "{\"skills\":[\"capitals\"]}"));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.body().path("coe").path("experts").get(0).path("id").asString();
    }

    /** Polls {@code path} on {@code router} until {@code done} holds, for up to 10 seconds; returns the last body. */
    static JsonNode await(DemoHttp router, String path, Predicate<JsonNode> done) throws Exception {
        JsonNode body = router.get(path).body();
        for (int i = 0; i < 100 && !done.test(body); i++) {
            Thread.sleep(100); // the other replica hears of the change on its own thread
            body = router.get(path).body();
        }
        return body;
    }

    @BeforeAll
    static void startTwoRouters() throws Exception {
        seed = Files.createTempFile("coe-profiles", ".json");
        Files.writeString(seed, profiles(9, 2));
        ROUTERS.add(start(REDIS, seed));
        ROUTERS.add(start(REDIS, seed));
        first = http(ROUTERS.get(0));
        second = http(ROUTERS.get(1));
    }

    @AfterAll
    static void stop() throws Exception {
        ROUTERS.forEach(ConfigurableApplicationContext::close);
        REDIS.close();
        Files.deleteIfExists(seed);
    }

    @Test
    void twoRoutersStartingOnOneRedisSeedOneProfileVersion() throws Exception {
        JsonNode versions = second.get("/admin/profiles/versions").body();

        assertThat(versions.path("versions").get(0).asInt()).isEqualTo(1);
        assertThat(first.get("/admin/profiles/versions/1").body().path("source").asString())
                .isEqualTo("alpha 9, beta 2");
    }

    @Test
    void aTaxonomyPutThroughOneRouterIsWhatTheOtherServes() throws Exception {
        String taxonomy =
                """
                {"skills": [
                  {"id": "capitals", "description": "The capital city of a country", "examples": ["Capital of Peru?"]},
                  {"id": "geology", "description": "Rocks, minerals and the structure of the earth"}]}
                """;

        DemoHttp.Reply put = first.send("PUT", "/admin/skills", taxonomy);

        assertThat(put.status()).as(put.raw()).isEqualTo(200);
        long revision = put.body().path("revision").asLong();
        assertThat(revision).isGreaterThan(1);
        JsonNode served = await(second, "/admin/skills", b -> b.path("skills").size() == 2);
        assertThat(served.path("skills").valueStream().map(s -> s.path("id").asString()))
                .containsExactly("capitals", "geology");
        assertThat(served.path("skills").get(1).path("description").asString()).startsWith("Rocks");
    }

    @Test
    void profilesImportedThroughOneRouterAreTheOthersAndItRoutesWithThem() throws Exception {
        DemoHttp.Reply imported = first.send("PUT", "/admin/profiles", profiles(1, 9));

        assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
        int version = imported.body().path("version").asInt();
        JsonNode served =
                await(second, "/admin/profiles", b -> b.path("version").asInt() == version);
        assertThat(served.path("source").asString()).isEqualTo("alpha 1, beta 9");
        assertThat(second.get("/admin/profiles/versions").body().path("current").asInt())
                .isEqualTo(version);
        assertThat(expertFor(second)).isEqualTo("beta");
        assertThat(expertFor(first)).isEqualTo("beta");
    }

    @Test
    void aRouterStartedOnTheSameRedisKeepsTheVersionsAndTaxonomyAndSeedsNothing() throws Exception {
        JsonNode before = first.get("/admin/profiles/versions").body();

        try (ConfigurableApplicationContext restarted = start(REDIS, seed)) {
            DemoHttp third = http(restarted);

            assertThat(third.get("/admin/profiles/versions").body()).isEqualTo(before);
            assertThat(first.get("/admin/profiles/versions").body()).isEqualTo(before);
            assertThat(third.get("/admin/profiles").body().path("version").asInt())
                    .isEqualTo(before.path("current").asInt());
            assertThat(third.get("/admin/skills").body())
                    .isEqualTo(first.get("/admin/skills").body());
        }
    }
}
