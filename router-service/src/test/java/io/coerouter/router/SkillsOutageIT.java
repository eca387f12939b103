package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Redis outage, on a real redis-server of the test's own that it stops and starts again: routing keeps the profiles
 * and taxonomy it last read, taxonomy and profile writes answer 503, and writes work again once Redis is back.
 */
class SkillsOutageIT {

    private static final RedisTestServer REDIS = RedisTestServer.own();
    private static final String TAXONOMY =
            "{\"skills\": [{\"id\": \"capitals\", \"description\": \"The capital city of a country\"}]}";

    @AfterAll
    static void stop() {
        REDIS.close();
    }

    @Test
    void routingKeepsTheLastProfilesThroughAnOutageWhileWritesAre503UntilRedisIsBack() throws Exception {
        Path seed = Files.createTempFile("coe-profiles", ".json");
        Files.writeString(seed, SharedSkillsIT.profiles(9, 2));
        try (ConfigurableApplicationContext router = SharedSkillsIT.start(REDIS, seed, "--coe.redis.timeout=500ms")) {
            DemoHttp http = SharedSkillsIT.http(router);
            assertThat(http.send("PUT", "/admin/profiles", SharedSkillsIT.profiles(1, 9))
                            .status())
                    .isEqualTo(200);
            assertThat(SharedSkillsIT.expertFor(http)).isEqualTo("beta");
            int skills = http.get("/admin/skills").body().path("skills").size();

            REDIS.stop();

            assertThat(SharedSkillsIT.expertFor(http))
                    .as("routed with the cached profiles")
                    .isEqualTo("beta");
            assertThat(http.get("/admin/profiles").body().path("source").asString())
                    .isEqualTo("alpha 1, beta 9");
            DemoHttp.Reply taxonomy = http.send("PUT", "/admin/skills", TAXONOMY);
            assertThat(taxonomy.status()).as(taxonomy.raw()).isEqualTo(503);
            assertThat(taxonomy.body().path("error").path("code").asString()).isEqualTo("state_unavailable");
            assertThat(taxonomy.body().path("error").path("type").asString()).isEqualTo("api_error");
            DemoHttp.Reply profiles = http.send("PUT", "/admin/profiles", SharedSkillsIT.profiles(5, 5));
            assertThat(profiles.status()).isEqualTo(503);
            assertThat(profiles.body().path("error").path("code").asString()).isEqualTo("state_unavailable");
            assertThat(http.get("/admin/skills").body().path("skills").size())
                    .as("the old taxonomy stays in force")
                    .isEqualTo(skills);

            REDIS.start(); // empty: this server keeps nothing on disk
            DemoHttp.Reply after = null;
            for (int i = 0; i < 100 && (after == null || after.status() != 200); i++) {
                Thread.sleep(100); // Lettuce reconnects by itself
                after = http.send("PUT", "/admin/skills", TAXONOMY);
            }
            assertThat(after.status()).as(after.raw()).isEqualTo(200);
            assertThat(http.get("/admin/skills").body().path("skills").size()).isEqualTo(1);
            assertThat(SharedSkillsIT.expertFor(http))
                    .as("the emptied store does not unload the profiles in use")
                    .isEqualTo("beta");
        } finally {
            Files.deleteIfExists(seed);
        }
    }
}
