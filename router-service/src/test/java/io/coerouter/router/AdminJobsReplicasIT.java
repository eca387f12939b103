package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.testing.OpenAiStubServer;
import io.coerouter.router.state.RedisTestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Admin jobs across two routers sharing one real Redis server, the profiled expert a slow loopback OpenAI stub: a
 * profiling job started on one router shows its progress on the other, is listed there by {@code GET /admin/jobs}, and
 * when its router stops it is shown failed there with the progress it had made, never left running.
 */
class AdminJobsReplicasIT {

    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static final OpenAiStubServer STUB = OpenAiStubServer.start();
    private static final List<ConfigurableApplicationContext> ROUTERS = new ArrayList<>();

    private static DemoHttp start() {
        ConfigurableApplicationContext router = Routers.start(
                REDIS,
                "--coe.default-expert=echo",
                "--coe.batch.lease=2s",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.experts[1].id=stub-gpt",
                "--coe.experts[1].adapter=openai",
                "--coe.experts[1].base-url=" + STUB.baseUrl(),
                "--coe.experts[1].model=gpt-stub",
                "--coe.experts[1].request-timeout=20s",
                "--coe.experts[1].resilience.max-attempts=1",
                "--coe.experts[1].resilience.circuit-breaker=false");
        ROUTERS.add(router);
        return new DemoHttp(Routers.port(router));
    }

    @AfterAll
    static void stop() {
        ROUTERS.forEach(ConfigurableApplicationContext::close);
        STUB.close();
        REDIS.close();
    }

    private static JsonNode await(DemoHttp router, String path, Predicate<JsonNode> until) throws Exception {
        for (int i = 0; i < 1200; i++) {
            DemoHttp.Reply reply = router.get(path);
            if (reply.status() == 200 && until.test(reply.body())) {
                return reply.body();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                path + " did not get there in 120 s: " + router.get(path).raw());
    }

    @Test
    void aProfilingJobWhoseRouterStopsIsShownFailedOnTheOtherWithItsProgress() throws Exception {
        DemoHttp first = start();
        DemoHttp second = start();
        StringBuilder jsonl = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            jsonl.append("{\"question\":\"What is ")
                    .append(i)
                    .append(" + 1?\",\"answer\":\"")
                    .append(i + 1)
                    .append("\",\"skill\":\"arithmetic\"}\n");
            STUB.enqueue(new OpenAiStubServer.Delay(Duration.ofMillis(400)));
        }
        DemoHttp.Reply started = first.post(
                "/admin/profiles/jobs",
                "{\"eval_set\":" + DemoHttp.JSON.writeValueAsString(jsonl.toString())
                        + ",\"experts\":[\"stub-gpt\"],\"batch_size\":1}");
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String id = started.body().path("id").asString();

        JsonNode progressing =
                await(second, "/admin/profiles/jobs/" + id, j -> j.path("done").asInt() >= 2);
        assertThat(progressing.path("state").asString()).isEqualTo("running");
        assertThat(progressing.path("total").asInt()).isEqualTo(20);
        JsonNode listed = await(second, "/admin/jobs", l -> l.path("data").size() > 0);
        assertThat(listed.path("data").get(0).path("id").asString()).isEqualTo(id);
        assertThat(listed.path("data").get(0).path("kind").asString()).isEqualTo("profiling");
        assertThat(listed.path("data").get(0).path("progress").path("total").asInt())
                .isEqualTo(20);

        ROUTERS.getFirst().close();

        JsonNode failed = await(second, "/admin/profiles/jobs/" + id, j -> !j.path("state")
                .asString()
                .equals("running"));
        assertThat(failed.path("state").asString()).isEqualTo("failed");
        assertThat(failed.path("error").asString()).isEqualTo("the router running this job stopped");
        assertThat(failed.path("done").asInt()).isGreaterThanOrEqualTo(2).isLessThan(20);
        JsonNode list = second.get("/admin/jobs").body();
        assertThat(list.path("data").get(0).path("state").asString()).isEqualTo("failed");
        assertThat(list.path("data").get(0).path("progress").path("done").asInt())
                .isGreaterThanOrEqualTo(2);
    }
}
