package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.state.RedisTestServer;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * No secret reaches the log, in plain text or in any structured JSON format, while the router is started with every
 * kind of secret it holds and driven through the paths that log: a key in a request the servlet container cannot parse
 * (Tomcat logs the first malformed header line it meets in full), the admin, viewer and gateway keys in
 * {@code Authorization} (allowed and refused), an unknown key, an upstream provider's key on an {@code openai} expert
 * whose provider fails (and echoes the key back, as providers do), the password in a Redis URL, the usage datasource
 * password, and a Redis password the server refuses (the start fails and reports why). The router's own loggers are at
 * DEBUG; in the JSON formats every line must be one JSON object.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogSecrecyIT {

    @org.junit.jupiter.api.AfterEach
    void forgetTheLogFormat() {
        ConsoleLogs.forgetFormat();
    }

    /** Set for the failsafe run in router-service's pom: a variable the secret policy allows as a provider key. */
    private static final String PROVIDER_KEY_VARIABLE = "COE_PROVIDER_STUB_API_KEY";

    private static final String MALFORMED_HEADER_KEY = "coe-log-secrecy-0123456789abcdef";
    private static final String ADMIN_KEY = "coe-log-secrecy-admin-key-5a1f9c";
    private static final String VIEWER_KEY = "coe-log-secrecy-viewer-key-e27d04";
    private static final String UNKNOWN_KEY = "sk-coe-log-secrecy-unknown-key-77e1";
    private static final String REDIS_PASSWORD = "coe-log-secrecy-redis-pw-3c8b";
    private static final String WRONG_REDIS_PASSWORD = "coe-log-secrecy-wrong-redis-pw-d40e";
    private static final String DATABASE_PASSWORD = "coe-log-secrecy-db-pw-91b2";

    private static RedisTestServer redis;
    private static RecordingUpstream provider;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisTestServer.own(REDIS_PASSWORD);
        provider = new RecordingUpstream();
    }

    @AfterAll
    static void stop() {
        provider.close();
        redis.close();
    }

    @ParameterizedTest(name = "{0} console logs")
    @EnumSource(ConsoleLogs.class)
    void noSecretTheRouterHoldsOrIsSentIsEverLogged(ConsoleLogs format, CapturedOutput output) throws Exception {
        String providerKey = System.getenv(PROVIDER_KEY_VARIABLE);
        assertThat(providerKey)
                .as(PROVIDER_KEY_VARIABLE + " (set by router-service's pom)")
                .isNotBlank();
        List<String> secrets = new ArrayList<>(List.of(
                MALFORMED_HEADER_KEY,
                ADMIN_KEY,
                VIEWER_KEY,
                UNKNOWN_KEY,
                REDIS_PASSWORD,
                DATABASE_PASSWORD,
                providerKey));

        try (ConfigurableApplicationContext router = start(format, redis.url())) {
            int port = Routers.port(router);
            for (String tail : new String[] {"\u0001", "\u0000", "\u007f x"}) {
                String reply = send(port, "Authorization: Bearer " + MALFORMED_HEADER_KEY + tail);
                assertThat(reply)
                        .startsWith("HTTP/1.1 400")
                        .contains("\"error\"")
                        .doesNotContain(MALFORMED_HEADER_KEY);
            }

            DemoHttp admin = new DemoHttp(port, ADMIN_KEY);
            DemoHttp.Reply created = admin.post("/admin/keys", "{\"name\":\"log-secrecy\"}");
            assertThat(created.status())
                    .as("a write through the password-protected Redis")
                    .isEqualTo(201);
            String gatewayKey = created.body().path("key").asString();
            secrets.add(gatewayKey);
            assertThat(admin.get("/admin/experts").raw()).contains("\"provider\"");

            DemoHttp caller = new DemoHttp(port, gatewayKey);
            String echoed = "{\"error\":{\"message\":\"Incorrect API key provided: " + providerKey
                    + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
            // Two refusals (told to the client, not logged) and an answer that cannot be read (logged at WARN).
            for (RecordingUpstream.Answer answer : List.of(
                    new RecordingUpstream.Answer(401, "application/json", echoed, null),
                    new RecordingUpstream.Answer(500, "application/json", echoed, null),
                    new RecordingUpstream.Answer(200, "application/json", "{\"key\": \"" + providerKey, null))) {
                provider.answer(answer);
                DemoHttp.Reply failed = caller.post("/v1/chat/completions", DemoHttp.chat("provider", "hello", null));
                assertThat(failed.status()).as(failed.raw()).isEqualTo(502);
                assertThat(failed.raw()).doesNotContain(providerKey);
            }
            assertThat(provider.authorizations()).contains("Bearer " + providerKey);

            assertThat(new DemoHttp(port, VIEWER_KEY).get("/admin/keys").status())
                    .isEqualTo(200);
            assertThat(new DemoHttp(port, VIEWER_KEY)
                            .post("/admin/keys", "{\"name\":\"viewer\"}")
                            .status())
                    .isEqualTo(403);
            assertThat(new DemoHttp(port, UNKNOWN_KEY).get("/admin/experts").status())
                    .isEqualTo(401);
        }

        assertThat(LoggerFactory.getLogger("org.apache.coyote.http11.Http11Processor")
                        .isInfoEnabled())
                .isFalse();
        assertThat(output.getAll())
                .as("the unreadable answer is logged")
                .contains("expert 'provider' invalid response");
        assertNothingLogged(format, output.getAll(), secrets);
    }

    @ParameterizedTest(name = "{0} console logs")
    @EnumSource(
            value = ConsoleLogs.class,
            names = {"PLAIN", "ECS"})
    void aRedisPasswordTheServerRefusesIsNotInTheReportOfTheFailedStart(ConsoleLogs format, CapturedOutput output) {
        String url = redis.url().replace(REDIS_PASSWORD, WRONG_REDIS_PASSWORD);

        assertThatThrownBy(() -> start(format, url).close())
                .hasStackTraceContaining("cannot connect to Redis")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(WRONG_REDIS_PASSWORD));

        assertThat(output.getAll()).contains("cannot connect to Redis");
        assertNothingLogged(format, output.getAll(), List.of(WRONG_REDIS_PASSWORD, DATABASE_PASSWORD));
    }

    private static ConfigurableApplicationContext start(ConsoleLogs format, String redisUrl) {
        List<String> args = format.args(
                "--server.port=0",
                "--coe.skills.warm-up=false",
                // What an operator turns on to chase a problem: it logs what errors that are the client's carry.
                "--logging.level.io.coerouter=DEBUG",
                // The experts' HTTP client at DEBUG too: its header and wire loggers must stay quiet.
                "--logging.level.org.apache.hc=DEBUG",
                "--coe.redis.url=" + redisUrl,
                "--coe.redis.key-prefix=" + redis.prefix(),
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.auth.viewer-key=" + VIEWER_KEY,
                // The usage history's database (docs/operations.md): its password is a secret like any other.
                "--coe.usage.datasource.password=" + DATABASE_PASSWORD,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.experts[1].id=provider",
                "--coe.experts[1].adapter=openai",
                "--coe.experts[1].base-url=" + provider.baseUrl(),
                "--coe.experts[1].model=m",
                "--coe.experts[1].api-key-env=" + PROVIDER_KEY_VARIABLE,
                "--coe.experts[1].resilience.max-attempts=1",
                "--coe.experts[1].resilience.circuit-breaker=false");
        return new SpringApplicationBuilder(CoeRouterApplication.class).run(args.toArray(String[]::new));
    }

    private static void assertNothingLogged(ConsoleLogs format, String output, List<String> secrets) {
        assertThat(output).isNotBlank();
        if (format.json()) {
            ConsoleLogs.jsonLines(output);
        }
        for (String secret : secrets) {
            assertThat(output).as("the log holds a secret").doesNotContain(secret);
        }
    }

    private static String stackTrace(Throwable e) {
        var text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private static String send(int port, String header) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /admin/keys HTTP/1.1\r\nHost: 127.0.0.1\r\n" + header + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
