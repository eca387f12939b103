package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Console sessions over real HTTP with auth on, on two routers sharing one Redis ({@code brief} with a 2-second idle
 * timeout, trusting forwarded headers as behind a TLS proxy): signing in with the admin and viewer keys (never a gateway key), the cookie's attributes, the CSRF token
 * on every change, the viewer's read-only role, signing out, idle expiry, any replica serving any session, the cookie
 * never opening {@code /v1}, the console's headers, and failed sign-ins limited per address.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleSessionsIT {

    private static final String ADMIN_KEY = "admin-secret-0123456789";
    private static final String VIEWER_KEY = "viewer-secret-0123456789";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static ConfigurableApplicationContext router;
    private static ConfigurableApplicationContext brief;
    private static RawHttp http;
    private static RawHttp briefHttp;

    @BeforeAll
    static void start() {
        String[] args = {
            "--coe.auth.enabled=true",
            "--coe.auth.admin-key=" + ADMIN_KEY,
            "--coe.auth.viewer-key=" + VIEWER_KEY,
            "--coe.default-expert=echo",
            "--coe.experts[0].id=echo",
            "--coe.experts[0].adapter=echo"
        };
        router = Routers.start(REDIS, args);
        List<String> briefArgs = new ArrayList<>(List.of(args));
        briefArgs.add("--coe.console.session-idle-timeout=2s");
        briefArgs.add("--server.forward-headers-strategy=framework"); // as behind a TLS-terminating proxy
        brief = Routers.start(REDIS, briefArgs.toArray(String[]::new));
        http = new RawHttp(Routers.port(router));
        briefHttp = new RawHttp(Routers.port(brief));
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext r : new ConfigurableApplicationContext[] {router, brief}) {
            if (r != null) {
                r.close();
            }
        }
        REDIS.close();
    }

    /** A signed-in session: its cookie value and CSRF token. */
    record Session(String cookie, String csrf) {}

    private static RawHttp.Reply login(RawHttp on, String credential) throws IOException {
        return on.send("POST", "/console/login", Map.of(), "{\"credential\":\"" + credential + "\"}", false);
    }

    private static String cookieOf(RawHttp.Reply reply) {
        String header = reply.headers().get("set-cookie");
        assertThat(header).as("Set-Cookie").startsWith("COE_CONSOLE=");
        return header.substring("COE_CONSOLE=".length(), header.indexOf(';'));
    }

    private static Session signIn(RawHttp on, String credential) throws IOException {
        RawHttp.Reply reply = login(on, credential);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        String cookie = cookieOf(reply);
        RawHttp.Reply session =
                on.send("GET", "/admin/session", Map.of("Cookie", "COE_CONSOLE=" + cookie), null, false);
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        return new Session(cookie, session.json().path("csrf_token").asString());
    }

    private static RawHttp.Reply as(RawHttp on, Session session, String csrf, String method, String path, String body)
            throws IOException {
        Map<String, String> headers = new HashMap<>();
        headers.put("Cookie", "COE_CONSOLE=" + session.cookie());
        if (csrf != null) {
            headers.put("X-CSRF-Token", csrf);
        }
        return on.send(method, path, headers, body, false);
    }

    @Test
    void theAdminAndTheViewerSignInWithAnHttpOnlyStrictSiteWideCookie() throws Exception {
        RawHttp.Reply admin = login(http, ADMIN_KEY);
        RawHttp.Reply viewer = http.send(
                "POST",
                "/console/login",
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "credential=" + VIEWER_KEY,
                false);

        assertThat(admin.status()).as(admin.body()).isEqualTo(200);
        assertThat(admin.json().path("object").asString()).isEqualTo("console.session");
        assertThat(admin.json().path("role").asString()).isEqualTo("admin");
        assertThat(viewer.status()).as(viewer.body()).isEqualTo(200);
        assertThat(viewer.json().path("role").asString()).isEqualTo("viewer");
        String header = admin.headers().get("set-cookie");
        assertThat(header.split("; "))
                .contains("Path=/", "HttpOnly", "SameSite=Strict")
                .doesNotContain("Secure"); // plain HTTP
        assertThat(cookieOf(admin)).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(cookieOf(viewer));
        assertThat(admin.body() + header).doesNotContain(ADMIN_KEY);
    }

    @Test
    void behindATrustedTlsProxyTheCookieIsSecure() throws Exception {
        RawHttp.Reply reply = briefHttp.send(
                "POST",
                "/console/login",
                Map.of("X-Forwarded-Proto", "https"),
                "{\"credential\":\"" + ADMIN_KEY + "\"}",
                false);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.headers().get("set-cookie").split("; ")).contains("Secure", "HttpOnly", "SameSite=Strict");
    }

    @Test
    void aSessionReadsTheAdminApiAndShowsItsRoleAndCsrfToken() throws Exception {
        Session session = signIn(http, ADMIN_KEY);

        RawHttp.Reply shown = as(http, session, null, "GET", "/admin/session", null);
        RawHttp.Reply keys = as(http, session, null, "GET", "/admin/keys", null);

        assertThat(shown.json().path("object").asString()).isEqualTo("console.session");
        assertThat(shown.json().path("auth_enabled").asBoolean()).isTrue();
        assertThat(shown.json().path("role").asString()).isEqualTo("admin");
        assertThat(session.csrf()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(session.cookie());
        assertThat(shown.json().path("idle_timeout_seconds").asLong()).isEqualTo(1800);
        assertThat(shown.json().path("expires_at").asLong())
                .isBetween(
                        Instant.now().plusSeconds(12 * 3600 - 120).getEpochSecond(),
                        Instant.now().plusSeconds(12 * 3600).getEpochSecond());
        assertThat(shown.json().path("replica").asString()).startsWith("router-");
        assertThat(keys.status()).as(keys.body()).isEqualTo(200);
    }

    @Test
    void aChangeMadeWithTheCookieNeedsTheSessionsCsrfToken() throws Exception {
        Session session = signIn(http, ADMIN_KEY);
        String body = "{\"name\":\"made in the console\"}";

        RawHttp.Reply without = as(http, session, null, "POST", "/admin/keys", body);
        RawHttp.Reply wrong = as(http, session, session.csrf() + "x", "POST", "/admin/keys", body);
        RawHttp.Reply right = as(http, session, session.csrf(), "POST", "/admin/keys", body);

        for (RawHttp.Reply refused : new RawHttp.Reply[] {without, wrong}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.isOpenAiError()).isTrue();
            assertThat(refused.json().path("error").path("type").asString()).isEqualTo("permission_error");
            assertThat(refused.code()).isEqualTo("csrf_token_invalid");
        }
        assertThat(right.status()).as(right.body()).isEqualTo(201);
        RawHttp.Reply listed = http.send("GET", "/admin/keys", ADMIN_KEY, null);
        assertThat(listed.body()).as("exactly one key was made").containsOnlyOnce("made in the console");
    }

    @Test
    void theViewersSessionReadsButItsChangesAreRefusedEvenWithTheToken() throws Exception {
        Session viewer = signIn(http, VIEWER_KEY);

        RawHttp.Reply read = as(http, viewer, null, "GET", "/admin/experts", null);
        RawHttp.Reply write = as(http, viewer, viewer.csrf(), "POST", "/admin/experts/echo/disable", null);

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(as(http, viewer, null, "GET", "/admin/session", null)
                        .json()
                        .path("role")
                        .asString())
                .isEqualTo("viewer");
        assertThat(write.status()).as(write.body()).isEqualTo(403);
        assertThat(write.code()).isEqualTo("admin_key_required");
        assertThat(http.send("GET", "/admin/experts/echo", ADMIN_KEY, null)
                        .json()
                        .path("state")
                        .asString())
                .as("the expert is still enabled")
                .isEqualTo("enabled");
    }

    @Test
    void signingOutEndsTheSessionOnTheServerNotOnlyInTheBrowser() throws Exception {
        Session session = signIn(http, ADMIN_KEY);

        RawHttp.Reply noToken = as(http, session, null, "POST", "/console/logout", null);
        RawHttp.Reply out = as(http, session, session.csrf(), "POST", "/console/logout", null);
        RawHttp.Reply after = as(http, session, null, "GET", "/admin/session", null);

        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.code()).isEqualTo("csrf_token_invalid");
        assertThat(out.status()).as(out.body()).isEqualTo(200);
        assertThat(out.json().path("signed_out").asBoolean()).isTrue();
        assertThat(out.headers().get("set-cookie")).startsWith("COE_CONSOLE=;").contains("Max-Age=0");
        assertThat(after.status()).as("the old cookie, replayed").isEqualTo(401);
        assertThat(after.code()).isEqualTo("session_expired");
        assertThat(after.isOpenAiError()).isTrue();
    }

    @Test
    void theCookieNeverOpensTheGatewayApiNorTheActuator() throws Exception {
        Session session = signIn(http, ADMIN_KEY);

        RawHttp.Reply models = as(http, session, null, "GET", "/v1/models", null);
        RawHttp.Reply chat =
                as(http, session, session.csrf(), "POST", "/v1/chat/completions", DemoHttp.chat("echo", "hi", null));
        RawHttp.Reply metrics = as(http, session, null, "GET", "/actuator/metrics", null);

        assertThat(models.status()).isEqualTo(401);
        assertThat(chat.status()).isEqualTo(401);
        assertThat(metrics.status()).isEqualTo(401);
    }

    @Test
    void aKeyInTheAuthorizationHeaderWinsOverTheCookie() throws Exception {
        Session admin = signIn(http, ADMIN_KEY);
        Map<String, String> wrongKey =
                Map.of("Cookie", "COE_CONSOLE=" + admin.cookie(), "Authorization", "Bearer wrong-key-0123456789abcdef");
        Map<String, String> viewerKey =
                Map.of("Cookie", "COE_CONSOLE=" + admin.cookie(), "Authorization", "Bearer " + VIEWER_KEY);

        RawHttp.Reply wrong = http.send("GET", "/admin/session", wrongKey, null, false);
        RawHttp.Reply viewer = http.send("GET", "/admin/session", viewerKey, null, false);
        RawHttp.Reply bearerWrite = http.send(
                "POST", "/admin/keys", Map.of("Authorization", "Bearer " + ADMIN_KEY), "{\"name\":\"k\"}", false);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(viewer.status()).isEqualTo(200);
        assertThat(viewer.json().path("role").asString()).isEqualTo("viewer");
        assertThat(viewer.json().path("csrf_token").isNull())
                .as("no session, no token")
                .isTrue();
        assertThat(viewer.json().path("expires_at").isNull()).isTrue();
        assertThat(bearerWrite.status()).as("a bearer key needs no CSRF token").isEqualTo(201);
    }

    @Test
    void aGatewayKeyCannotSignIn() throws Exception {
        RawHttp.Reply created = http.send("POST", "/admin/keys", ADMIN_KEY, "{\"name\":\"no console\"}");
        String gatewayKey = created.json().path("key").asString();

        RawHttp.Reply refused = login(http, gatewayKey);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("invalid_credential");
        assertThat(refused.isOpenAiError()).isTrue();
        assertThat(refused.headers()).doesNotContainKey("set-cookie");
        assertThat(refused.body()).doesNotContain(gatewayKey);
    }

    @Test
    void aSessionMadeOnOneReplicaServesOnTheOtherAndEndsOnBoth() throws Exception {
        Session session = signIn(http, ADMIN_KEY);

        RawHttp.Reply elsewhere = as(briefHttp, session, null, "GET", "/admin/session", null);
        RawHttp.Reply writeElsewhere =
                as(briefHttp, session, session.csrf(), "POST", "/admin/keys", "{\"name\":\"from the other replica\"}");
        RawHttp.Reply out = as(briefHttp, session, session.csrf(), "POST", "/console/logout", null);

        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(200);
        assertThat(elsewhere.json().path("csrf_token").asString()).isEqualTo(session.csrf());
        assertThat(elsewhere.json().path("replica").asString())
                .isNotEqualTo(as(http, session, null, "GET", "/admin/session", null)
                        .json()
                        .path("replica")
                        .asString());
        assertThat(writeElsewhere.status()).as(writeElsewhere.body()).isEqualTo(201);
        assertThat(out.status()).isEqualTo(200);
        assertThat(as(http, session, null, "GET", "/admin/session", null).status())
                .as("signed out on the other replica")
                .isEqualTo(401);
    }

    @Test
    void aSessionIdleLongerThanItsTimeoutEnds() throws Exception {
        Session session = signIn(briefHttp, ADMIN_KEY);
        assertThat(as(briefHttp, session, null, "GET", "/admin/session", null)
                        .json()
                        .path("idle_timeout_seconds")
                        .asLong())
                .isEqualTo(2);

        Thread.sleep(3_000);

        RawHttp.Reply after = as(briefHttp, session, null, "GET", "/admin/session", null);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.code()).isEqualTo("session_expired");
        assertThat(after.headers().get("set-cookie"))
                .as("the browser is told to drop it")
                .contains("Max-Age=0");
    }

    @Test
    void theConsolePagesAreServedWithoutAuthAndCarryTheContentSecurityPolicy() throws Exception {
        RawHttp.Reply loginPage = http.send("GET", "/console/login", null, null);
        RawHttp.Reply index = http.send("GET", "/console/", null, null);
        RawHttp.Reply script = http.send("GET", "/console/js/login.js", null, null);
        RawHttp.Reply bare = http.send("GET", "/console", null, null);

        assertThat(loginPage.status()).isEqualTo(200);
        assertThat(loginPage.headers().get("content-type")).startsWith("text/html");
        assertThat(loginPage.body()).contains("id=\"login-form\"", "id=\"credential\"", "id=\"login-error\"");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("<main");
        assertThat(script.status()).isEqualTo(200);
        for (RawHttp.Reply page : new RawHttp.Reply[] {loginPage, index, script}) {
            assertThat(page.headers())
                    .containsEntry("content-security-policy", CSP)
                    .containsEntry("x-content-type-options", "nosniff")
                    .containsEntry("referrer-policy", "no-referrer");
        }
        assertThat(bare.status()).isEqualTo(302);
        assertThat(bare.headers().get("location")).endsWith("/console/");
        assertThat(http.send("GET", "/admin/keys", null, null).headers())
                .as("the API's responses are not the console's")
                .doesNotContainKey("content-security-policy");
    }

    @Test
    void aMalformedSignInIsA4xxNamingTheProblemAndNeverEchoesTheCredential() throws Exception {
        String[][] cases = {
            {"application/json", ""},
            {"application/json", "{"},
            {"application/json", "[]"},
            {"application/json", "{\"credential\":1}"},
            {"application/json", "{\"credential\":\"secret-typo-x\",\"role\":\"admin\"}"},
            {"application/x-www-form-urlencoded", "credential=%zzsecret-typo-x"},
            {"application/x-www-form-urlencoded", "credential=a&credential=b"},
            {"text/plain", "credential=secret-typo-x"},
            {"application/*", "{}"}
        };
        for (String[] c : cases) {
            RawHttp.Reply reply = http.send("POST", "/console/login", Map.of("Content-Type", c[0]), c[1], false);
            assertThat(reply.status()).as("%s %s: %s", c[0], c[1], reply.body()).isBetween(400, 415);
            assertThat(reply.isOpenAiError()).as(reply.body()).isTrue();
            assertThat(reply.body()).doesNotContain("secret-typo-x");
            assertThat(reply.headers()).doesNotContainKey("set-cookie");
        }
    }

    /** Last: it leaves this address refused on {@code brief} for a minute. */
    @Test
    @Order(Integer.MAX_VALUE)
    void failedSignInsAreLimitedPerAddressAndThenEvenTheRightKeyWaits() throws Exception {
        for (int i = 0; i < 10; i++) {
            RawHttp.Reply wrong = login(briefHttp, "not-the-admin-key-" + i);
            assertThat(wrong.status()).as("attempt %d: %s", i, wrong.body()).isEqualTo(401);
            assertThat(wrong.code()).isEqualTo("invalid_credential");
        }

        RawHttp.Reply limited = login(briefHttp, ADMIN_KEY);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("too_many_login_attempts");
        assertThat(limited.isOpenAiError()).isTrue();
        assertThat(Integer.parseInt(limited.headers().get("retry-after"))).isBetween(1, 60);
        assertThat(limited.headers()).doesNotContainKey("set-cookie");
        assertThat(login(http, ADMIN_KEY).status())
                .as("the other replica counts its own")
                .isEqualTo(200);
    }
}
