package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The actuator with auth on, on the application's port and on a separate management port: probes and metrics are
 * open, other endpoints need the admin key (reads also the viewer's), and unloading a model needs the admin key.
 */
class ActuatorSecurityIT {

    private static final String ADMIN_KEY = "admin-secret-0123456789";
    private static final String VIEWER_KEY = "viewer-secret-0123456789";
    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static ConfigurableApplicationContext samePort;
    private static ConfigurableApplicationContext ownPort;

    private static ConfigurableApplicationContext start(String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.auth.viewer-key=" + VIEWER_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo"));
        args.addAll(java.util.List.of(more));
        return Routers.start(REDIS, args.toArray(String[]::new));
    }

    @BeforeAll
    static void startRouters() {
        samePort = start();
        ownPort = start("--management.server.port=0");
    }

    @AfterAll
    static void stop() {
        for (var router : new ConfigurableApplicationContext[] {samePort, ownPort}) {
            if (router != null) {
                router.close();
            }
        }
        REDIS.close();
    }

    private static RawHttp management(ConfigurableApplicationContext router) {
        String port = router.getEnvironment().getProperty("local.management.port");
        return new RawHttp(port == null ? Routers.port(router) : Integer.parseInt(port));
    }

    private static void unloadingAModelNeedsTheAdminKey(RawHttp http) throws Exception {
        RawHttp.Reply anonymous = http.send("DELETE", "/actuator/modelpool/echo", null, null);
        RawHttp.Reply viewer = http.send("DELETE", "/actuator/modelpool/echo", VIEWER_KEY, null);
        RawHttp.Reply sneaky = http.send("DELETE", "/actuator;/modelpool/echo", null, null);
        RawHttp.Reply admin = http.send("DELETE", "/actuator/modelpool/echo", ADMIN_KEY, null);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.isOpenAiError()).isTrue();
        assertThat(anonymous.headers()).containsEntry("www-authenticate", "Bearer");
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.isOpenAiError()).isTrue();
        assertThat(sneaky.status()).isEqualTo(400);
        assertThat(sneaky.isOpenAiError()).isTrue();
        assertThat(admin.status()).as(admin.body()).isEqualTo(200);
        assertThat(admin.json().path("expert").asString()).isEqualTo("echo");
    }

    private static void probesAndMetricsAreOpenAndThePoolIsNot(RawHttp http, boolean ownPort) throws Exception {
        assertThat(http.send("GET", "/actuator/health", null, null).status()).isEqualTo(200);
        assertThat(http.send("GET", "/actuator/health/readiness", null, null).status())
                .isEqualTo(200);
        // Metrics name every expert: open only on the actuator's own port, else for the admin and viewer keys.
        assertThat(http.send("GET", "/actuator/prometheus", null, null).status())
                .isEqualTo(ownPort ? 200 : 401);
        assertThat(http.send("GET", "/actuator/metrics", null, null).status()).isEqualTo(ownPort ? 200 : 401);
        assertThat(http.send("GET", "/actuator/prometheus", VIEWER_KEY, null).status())
                .isEqualTo(200);
        assertThat(http.send("GET", "/actuator/modelpool", null, null).status()).isEqualTo(401);
        assertThat(http.send("GET", "/actuator/modelpool", VIEWER_KEY, null).status())
                .isEqualTo(200);
        RawHttp.Reply unknown = http.send("GET", "/actuator/nowhere", ADMIN_KEY, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isOpenAiError()).as(unknown.body()).isTrue();
        for (String bare : java.util.List.of("/actuator/health/nonexistent", "/actuator/metrics/nonexistent")) {
            RawHttp.Reply missing = http.send("GET", bare, ownPort ? null : VIEWER_KEY, null);
            assertThat(missing.status()).as(bare).isEqualTo(404);
            assertThat(missing.isOpenAiError()).as(bare + ": " + missing.body()).isTrue();
        }
        RawHttp.Reply malformed = http.send("GET", "/actuator/health/%", null, null);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.isOpenAiError()).as(malformed.body()).isTrue();
    }

    @Test
    void unloadingAModelNeedsTheAdminKeyOnTheApplicationPort() throws Exception {
        unloadingAModelNeedsTheAdminKey(management(samePort));
    }

    @Test
    void unloadingAModelNeedsTheAdminKeyOnTheManagementPort() throws Exception {
        assertThat(ownPort.getEnvironment().getProperty("local.management.port"))
                .isNotEqualTo(String.valueOf(Routers.port(ownPort)));
        unloadingAModelNeedsTheAdminKey(management(ownPort));
    }

    @Test
    void probesAndMetricsAreOpenOnTheApplicationPort() throws Exception {
        probesAndMetricsAreOpenAndThePoolIsNot(management(samePort), false);
    }

    @Test
    void probesAndMetricsAreOpenOnTheManagementPort() throws Exception {
        probesAndMetricsAreOpenAndThePoolIsNot(management(ownPort), true);
    }

    @Test
    void theActuatorIsNotServedOnTheApplicationPortWhenItHasItsOwn() throws Exception {
        RawHttp.Reply reply =
                new RawHttp(Routers.port(ownPort)).send("DELETE", "/actuator/modelpool/echo", ADMIN_KEY, null);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.isOpenAiError()).isTrue();
    }
}
