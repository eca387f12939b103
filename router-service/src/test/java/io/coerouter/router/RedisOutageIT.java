package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Redis outage, on a real redis-server of the test's own that it stops and starts again: chat traffic keeps being
 * served for keys the router has seen, admin writes fail with a clear 503, and writes work again once Redis is back.
 */
class RedisOutageIT {

    private static final String ADMIN_KEY = "admin-secret-0123456789";
    private static final RedisTestServer REDIS = RedisTestServer.own();

    @AfterAll
    static void stop() {
        REDIS.close();
    }

    @Test
    void chatIsServedThroughAnOutageAdminWritesAre503AndBothRecover() throws Exception {
        try (ConfigurableApplicationContext router = Routers.start(
                REDIS,
                "--coe.redis.timeout=500ms",
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo")) {
            DemoHttp http = new DemoHttp(Routers.port(router));
            DemoHttp admin = http.as(ADMIN_KEY);
            String key = admin.post("/admin/keys", "{\"name\":\"outage\",\"requests_per_minute\":100}")
                    .body()
                    .path("key")
                    .asString();
            assertThat(http.as(key)
                            .post("/v1/chat/completions", DemoHttp.chat("echo", "before", null))
                            .status())
                    .isEqualTo(200);
            assertThat(admin.get("/actuator/prometheus").raw())
                    .contains("coe_state_redis_connected{application=\"coe-router\"} 1.0");

            REDIS.stop();

            DemoHttp.Reply during = http.as(key).post("/v1/chat/completions", DemoHttp.chat("echo", "during", null));
            assertThat(during.status()).as(during.raw()).isEqualTo(200);
            assertThat(during.raw()).contains("during");
            DemoHttp.Reply write = admin.post("/admin/keys", "{\"name\":\"while down\"}");
            assertThat(write.status()).isEqualTo(503);
            assertThat(write.body().path("error").path("code").asString()).isEqualTo("state_unavailable");
            DemoHttp.Reply expertWrite = admin.post("/admin/experts", "{\"id\":\"late\",\"adapter\":\"echo\"}");
            assertThat(expertWrite.status()).isEqualTo(503);
            assertThat(expertWrite.body().path("error").path("code").asString()).isEqualTo("state_unavailable");
            assertThat(admin.get("/admin/experts").raw())
                    .as("the last known registry is still shown")
                    .contains("\"echo\"");
            assertThat(http.as("coe-never-seen")
                            .post("/v1/chat/completions", DemoHttp.chat("echo", "x", null))
                            .status())
                    .as("an unknown key is still refused")
                    .isEqualTo(401);
            DemoHttp.Reply metrics = null;
            for (int i = 0;
                    i < 50
                            && (metrics == null
                                    || !metrics.raw()
                                            .contains("coe_state_redis_connected{application=\"coe-router\"} 0.0"));
                    i++) {
                Thread.sleep(100);
                metrics = admin.get("/actuator/prometheus");
            }
            assertThat(metrics.raw())
                    .as("the outage shows as a metric the chart's alert reads")
                    .contains("coe_state_redis_connected{application=\"coe-router\"} 0.0");

            REDIS.start(); // empty: this server keeps nothing on disk
            DemoHttp.Reply after = null;
            for (int i = 0; i < 100 && (after == null || after.status() != 201); i++) {
                Thread.sleep(100); // Lettuce reconnects by itself
                after = admin.post("/admin/keys", "{\"name\":\"after\"}");
            }
            assertThat(after.status()).isEqualTo(201);
            assertThat(admin.get("/actuator/prometheus").raw())
                    .contains("coe_state_redis_connected{application=\"coe-router\"} 1.0");
            String fresh = after.body().path("key").asString();
            assertThat(http.as(fresh)
                            .post("/v1/chat/completions", DemoHttp.chat("echo", "after", null))
                            .status())
                    .isEqualTo(200);
            assertThat(admin.post("/admin/experts", "{\"id\":\"late\",\"adapter\":\"echo\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(admin.get("/admin/experts").raw())
                    .as("a server that came back empty was seeded from coe.experts again")
                    .contains("\"echo\"")
                    .contains("\"late\"");
        }
    }
}
