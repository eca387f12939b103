package io.coerouter.router;

import static io.coerouter.router.DemoHttp.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Feedback across two routers on one real Redis server: a completion made through one can be given feedback through
 * the other, and feedback given through either changes how both route (alpha right 9 of 10 on capitals, beta 2 of 10;
 * weight 20, so two wrong answers of alpha send capitals to beta).
 */
class FeedbackReplicasIT {

    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static final List<ConfigurableApplicationContext> ROUTERS = new ArrayList<>();
    private static final String CAPITALS = "{\"skills\":[\"capitals\"]}";
    private static Path seed;
    private static DemoHttp first;
    private static DemoHttp second;

    @BeforeAll
    static void startTwoRouters() throws Exception {
        seed = Files.createTempFile("coe-profiles", ".json");
        Files.writeString(seed, SharedSkillsIT.profiles(9, 2));
        String[] feedback = {"--coe.feedback.enabled=true", "--coe.feedback.weight=20"};
        ROUTERS.add(SharedSkillsIT.start(REDIS, seed, feedback));
        ROUTERS.add(SharedSkillsIT.start(REDIS, seed, feedback));
        first = Routers.http(ROUTERS.get(0));
        second = Routers.http(ROUTERS.get(1));
    }

    @AfterAll
    static void stop() throws Exception {
        ROUTERS.forEach(ConfigurableApplicationContext::close);
        REDIS.close();
        Files.deleteIfExists(seed);
    }

    private static String completion(DemoHttp router) throws Exception {
        DemoHttp.Reply answer =
                router.post("/v1/chat/completions", chat("coe", "What is the capital of Peru?", CAPITALS));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(DemoHttp.experts(answer)).containsExactly("alpha:ok");
        return answer.body().path("id").asString();
    }

    private static String routedTo(DemoHttp router) throws Exception {
        DemoHttp.Reply route = router.post("/v1/route", chat("coe", "What is the capital of Peru?", CAPITALS));
        assertThat(route.status()).as(route.raw()).isEqualTo(200);
        return route.body().path("experts").get(0).path("id").asString();
    }

    /** Polls {@link #routedTo} on {@code router} until it is {@code expert}, for up to 10 seconds; returns the last. */
    private static String awaitRoutedTo(DemoHttp router, String expert) throws Exception {
        String routed = routedTo(router);
        for (int i = 0; i < 100 && !routed.equals(expert); i++) {
            Thread.sleep(100); // the other replica reads the shared feedback every coe.feedback.refresh (1 s)
            routed = routedTo(router);
        }
        return routed;
    }

    @Test
    void feedbackThroughEitherRouterChangesHowBothRoute() throws Exception {
        assertThat(routedTo(second)).isEqualTo("alpha");
        String madeOnFirst = completion(first);
        String madeOnSecond = completion(second);

        DemoHttp.Reply onSecond = second.post("/v1/feedback", "{\"id\":\"" + madeOnFirst + "\",\"score\":0}");
        DemoHttp.Reply onFirst = first.post("/v1/feedback", "{\"id\":\"" + madeOnSecond + "\",\"score\":0}");

        assertThat(onSecond.status()).as(onSecond.raw()).isEqualTo(200);
        assertThat(onFirst.status()).as(onFirst.raw()).isEqualTo(200);
        assertThat(onFirst.body().path("updated").get(0).path("feedback_wrong").asDouble())
                .as("both feedbacks count, whichever router took them")
                .isBetween(39.99, 40.0);
        assertThat(routedTo(first))
                .as("the router that took the last feedback routes by it at once")
                .isEqualTo("beta");
        assertThat(awaitRoutedTo(second, "beta")).isEqualTo("beta");
        JsonNode learnt = second.get("/admin/feedback").body();
        assertThat(learnt.path("data").get(0).path("expert").asString()).isEqualTo("alpha");

        DemoHttp.Reply cleared = second.send("DELETE", "/admin/feedback", null);

        assertThat(cleared.status()).as(cleared.raw()).isEqualTo(200);
        assertThat(awaitRoutedTo(first, "alpha")).isEqualTo("alpha");
    }
}
