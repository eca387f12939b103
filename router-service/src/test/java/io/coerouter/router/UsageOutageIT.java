package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import io.coerouter.router.testing.Eventually;
import io.coerouter.router.usage.PostgresTestServer;
import io.coerouter.router.usage.UsageTestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A PostgreSQL outage under traffic, on a private server this test stops ({@code pg_ctl stop -m immediate}) and starts
 * again: every chat request is answered meanwhile, the usage API says the database is unavailable (503, never a 500),
 * the buffered requests arrive once the server is back, and a router with a tiny buffer drops what does not fit and
 * counts it. The database password is never logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class UsageOutageIT {

    private static final String DB_SECRET = "pg-secret-do-not-log-7f3c";
    private static final String ADMIN_KEY = "admin-outage-0123456789";
    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static PostgresTestServer server;
    private static UsageTestDatabase db;
    private static ConfigurableApplicationContext roomy;
    private static ConfigurableApplicationContext tiny;
    private static String gatewayKey;

    private static ConfigurableApplicationContext router(String schema, String bufferSize) {
        return Routers.start(
                REDIS,
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.usage.datasource.url=" + db.url(),
                "--coe.usage.datasource.username=" + db.username(),
                "--coe.usage.datasource.password=" + DB_SECRET,
                "--coe.usage.schema=" + schema,
                "--coe.usage.buffer-size=" + bufferSize,
                "--coe.usage.batch-size=1",
                "--coe.usage.flush-interval=20ms",
                "--coe.usage.max-backoff=200ms",
                "--coe.usage.request-log.enabled=true");
    }

    @BeforeAll
    static void start() {
        server = PostgresTestServer.start();
        db = UsageTestDatabase.on(server.url("postgres"), "postgres", "");
        roomy = router("coe_usage", "10000");
        tiny = router("coe_usage_tiny", "2");
        try {
            DemoHttp.Reply key = Routers.http(roomy).as(ADMIN_KEY).post("/admin/keys", "{\"name\":\"outage\"}");
            assertThat(key.status()).as(key.raw()).isEqualTo(201);
            gatewayKey = key.body().path("key").asString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext r : new ConfigurableApplicationContext[] {roomy, tiny}) {
            if (r != null) {
                r.close();
            }
        }
        REDIS.close();
        if (server != null) {
            server.close(); // the database goes with the server
        }
    }

    private static int chat(ConfigurableApplicationContext router) throws Exception {
        DemoHttp.Reply reply = Routers.http(router)
                .as(gatewayKey)
                .post(
                        "/v1/chat/completions",
                        "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        return reply.status();
    }

    /** The requests usage history holds for {@code router}, or -1 while it cannot say. */
    private static long counted(ConfigurableApplicationContext router) {
        try {
            DemoHttp.Reply usage = Routers.http(router).as(ADMIN_KEY).get("/admin/usage?bucket=none");
            if (usage.status() != 200) {
                return -1;
            }
            long sum = 0;
            for (var row : usage.body().path("data")) {
                sum += row.path("requests").asLong();
            }
            return sum;
        } catch (Exception e) {
            return -1;
        }
    }

    private static double meter(ConfigurableApplicationContext router, String name) {
        var counter = router.getBean(MeterRegistry.class).find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void chatKeepsAnsweringWhilePostgresIsDownAndTheBufferedRequestsArriveAfterwards(CapturedOutput output)
            throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(chat(roomy)).isEqualTo(200);
        }
        Eventually.until("the first five written", () -> counted(roomy) == 5);

        server.stop();
        int answered = 0;
        for (int i = 0; i < 20; i++) {
            answered += chat(roomy) == 200 ? 1 : 0;
            answered += chat(tiny) == 200 ? 1 : 0;
        }
        Eventually.until("a failed write counted", () -> meter(roomy, "coe.usage.write.failures") > 0);
        DemoHttp.Reply during = Routers.http(roomy).as(ADMIN_KEY).get("/admin/usage");

        assertThat(answered).as("every chat request answered during the outage").isEqualTo(40);
        assertThat(during.status()).as(during.raw()).isEqualTo(503);
        assertThat(during.body().path("error").path("code").asString()).isEqualTo("usage_history_unavailable");
        assertThat(meter(roomy, "coe.usage.records.dropped")).isZero();
        double dropped = meter(tiny, "coe.usage.records.dropped");
        assertThat(dropped).as("the tiny buffer (2) dropped some of 20").isPositive();

        server.startAgain();

        Eventually.until("the buffered requests written", () -> counted(roomy) == 25);
        Eventually.until("what the tiny buffer kept written", () -> counted(tiny) + (long) dropped == 20);
        assertThat(meter(roomy, "coe.usage.records.written")).isEqualTo(25);
        assertThat(output.getAll()).doesNotContain(DB_SECRET);
        assertThat(Routers.http(roomy).as(ADMIN_KEY).get("/actuator/env").raw()).doesNotContain(DB_SECRET);
    }
}
