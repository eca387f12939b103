package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The console with auth off (the quickstart): nobody signs in (200, no cookie), {@code /admin/session} says auth is
 * off, and the local-caller guard still refuses other origins while the console's own page is served; with
 * {@code coe.console.enabled=false} the console is gone.
 */
class ConsoleAuthOffIT {

    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static ConfigurableApplicationContext router;
    private static RawHttp http;
    private static int port;

    @BeforeAll
    static void start() {
        router = Routers.start(
                REDIS, "--coe.default-expert=echo", "--coe.experts[0].id=echo", "--coe.experts[0].adapter=echo");
        port = Routers.port(router);
        http = new RawHttp(port);
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
        REDIS.close();
    }

    @Test
    void signingInSucceedsWithoutACookieBecauseEveryCallerIsTheAdmin() throws Exception {
        RawHttp.Reply login = http.send("POST", "/console/login", Map.of(), "{\"credential\":\"anything\"}", false);
        RawHttp.Reply session = http.send("GET", "/admin/session", null, null);
        RawHttp.Reply logout = http.send("POST", "/console/logout", null, null);

        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().path("role").asString()).isEqualTo("admin");
        assertThat(login.headers()).doesNotContainKey("set-cookie");
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().path("auth_enabled").asBoolean(true)).isFalse();
        assertThat(session.json().path("role").asString()).isEqualTo("admin");
        assertThat(session.json().path("csrf_token").isNull()).isTrue();
        assertThat(logout.status()).isEqualTo(200);
    }

    @Test
    void theConsolesOwnPageMayCallTheRouterButAPageOfAnotherOriginMayNot() throws Exception {
        Map<String, String> sameOrigin = Map.of("Origin", "http://127.0.0.1:" + port, "Sec-Fetch-Site", "same-origin");
        Map<String, String> otherOrigin = Map.of("Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site");

        RawHttp.Reply own = http.send("GET", "/admin/session", sameOrigin, null, false);
        RawHttp.Reply ownLogin = http.send("POST", "/console/login", sameOrigin, "{\"credential\":\"x\"}", false);
        RawHttp.Reply foreign = http.send("GET", "/admin/session", otherOrigin, null, false);
        RawHttp.Reply foreignLogin = http.send("POST", "/console/login", otherOrigin, "{\"credential\":\"x\"}", false);

        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(ownLogin.status()).as(ownLogin.body()).isEqualTo(200);
        for (RawHttp.Reply refused : new RawHttp.Reply[] {foreign, foreignLogin}) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("cross_origin_refused");
        }
    }

    @Test
    void theLoginPageIsServedWithTheConsolesHeaders() throws Exception {
        RawHttp.Reply page = http.send("GET", "/console/login", null, null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"login-form\"");
        assertThat(page.headers().get("content-security-policy")).startsWith("default-src 'self'");
    }

    @Test
    void theConsolesFilesAreRevalidatedAndItsWebJarsKeptButNoDataIsCached() throws Exception {
        RawHttp.Reply script = http.send("GET", "/console/js/core.js", null, null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.headers().get("cache-control")).isEqualTo("no-cache");
        String lastModified = script.headers().get("last-modified");
        assertThat(lastModified).isNotBlank();
        assertThat(http.send("GET", "/console/js/core.js", Map.of("If-Modified-Since", lastModified), null, false)
                        .status())
                .isEqualTo(304);

        RawHttp.Reply chart = http.send("GET", "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", null, null);
        assertThat(chart.status()).isEqualTo(200);
        assertThat(chart.headers().get("cache-control")).contains("max-age=31536000", "immutable");

        RawHttp.Reply data = http.send("GET", "/admin/session", null, null);
        assertThat(data.status()).isEqualTo(200);
        assertThat(data.headers().get("cache-control")).contains("no-store");
    }

    @Test
    void aTurnedOffConsoleAnswers404AndItsCookieOpensNothing() throws Exception {
        try (ConfigurableApplicationContext off = Routers.start(
                REDIS,
                "--coe.console.enabled=false",
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=admin-secret-0123456789",
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo")) {
            RawHttp offHttp = new RawHttp(Routers.port(off));

            RawHttp.Reply page = offHttp.send("GET", "/console/login", null, null);
            RawHttp.Reply login = offHttp.send(
                    "POST", "/console/login", Map.of(), "{\"credential\":\"admin-secret-0123456789\"}", false);
            RawHttp.Reply cookie =
                    offHttp.send("GET", "/admin/keys", Map.of("Cookie", "COE_CONSOLE=" + "A".repeat(43)), null, false);

            assertThat(page.status()).isEqualTo(404);
            assertThat(page.code()).isEqualTo("console_disabled");
            assertThat(login.status()).isEqualTo(404);
            assertThat(login.headers()).doesNotContainKey("set-cookie");
            assertThat(cookie.status()).isEqualTo(401);
            assertThat(cookie.code()).isEqualTo("missing_api_key");
        }
    }
}
