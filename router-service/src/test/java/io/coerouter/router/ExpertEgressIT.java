package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Provider credentials and where experts may connect, against a whole router and real HTTP stubs standing where
 * remote providers would: the router's own secrets and unlisted variables are refused as keys (alike, so the answer
 * does not tell whether a variable exists), an allowed key reaches only its expert's configured host (not a host a
 * redirect names, not a new base URL unless the key is stated again), metadata and link-local addresses are refused,
 * and a provider's raw error body never reaches the client. The stubs listen on 127.0.0.1, which this router allows
 * admin-created experts to reach through {@code coe.egress.allowed-networks}.
 */
class ExpertEgressIT {

    /** Set for the failsafe run in router-service's pom: a name the secret policy allows. */
    private static final String KEY_VARIABLE = "COE_PROVIDER_STUB_API_KEY";

    private static final String KEY_VALUE = "sk-stub-provider-key-4f2a";

    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static ConfigurableApplicationContext router;
    private static DemoHttp http;
    private static RecordingUpstream upstream;
    private static RecordingUpstream other;

    @BeforeAll
    static void start() throws Exception {
        upstream = new RecordingUpstream();
        other = new RecordingUpstream();
        router = Routers.start(
                REDIS,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.egress.allowed-networks[0]=127.0.0.1/32");
        http = Routers.http(router);
    }

    @AfterAll
    static void stop() {
        router.close();
        upstream.close();
        other.close();
        REDIS.close();
    }

    @AfterEach
    void clean() throws Exception {
        for (var e : http.get("/admin/experts").body().path("data")) {
            if (e.path("source").asString().equals("admin")) {
                http.send("DELETE", "/admin/experts/" + e.path("id").asString(), null);
            }
        }
        upstream.reset();
        other.reset();
    }

    private static String expert(String id, String baseUrl, String keyVariable) {
        return "{\"id\":\"" + id + "\",\"adapter\":\"openai\",\"model\":\"m\",\"base_url\":\"" + baseUrl + "\""
                + (keyVariable == null ? "" : ",\"api_key_env\":\"" + keyVariable + "\"")
                + ",\"resilience\":{\"max_attempts\":1,\"circuit_breaker\":false}}";
    }

    @Test
    void theRoutersOwnSecretsAndUnlistedVariablesAreRefusedAlikeAsKeys() throws Exception {
        Set<String> messages = new HashSet<>();
        for (String variable : List.of(
                "COE_ADMIN_KEY",
                "COE_VIEWER_KEY",
                "REDIS_URL",
                "REDIS_PASSWORD",
                "SPRING_DATASOURCE_PASSWORD",
                "SPRING_DATA_REDIS_PASSWORD",
                "PATH",
                "HOME",
                "NO_SUCH_VARIABLE_AT_ALL")) {
            DemoHttp.Reply created = http.post("/admin/experts", expert("thief", upstream.baseUrl(), variable));

            assertThat(created.status()).as(variable).isEqualTo(400);
            assertThat(created.body().path("error").path("param").asString()).isEqualTo("api_key_env");
            assertThat(created.raw()).doesNotContain(variable);
            messages.add(created.body().path("error").path("message").asString());
        }
        assertThat(messages)
                .as("one message whether the variable exists or not")
                .hasSize(1);

        // Neither can an existing expert be changed to use one.
        assertThat(http.post("/admin/experts", expert("plain", upstream.baseUrl(), null))
                        .status())
                .isEqualTo(201);
        DemoHttp.Reply patched = http.send("PATCH", "/admin/experts/plain", "{\"api_key_env\":\"COE_ADMIN_KEY\"}");
        assertThat(patched.status()).isEqualTo(400);
        assertThat(patched.body().path("error").path("param").asString()).isEqualTo("api_key_env");
        DemoHttp.Reply replaced =
                http.send("PUT", "/admin/experts/plain", expert("plain", upstream.baseUrl(), "COE_ADMIN_KEY"));
        assertThat(replaced.status()).isEqualTo(400);

        assertThat(http.post("/v1/chat/completions", DemoHttp.chat("plain", "hi", null))
                        .status())
                .isEqualTo(200);
        assertThat(upstream.authorizations()).isNotEmpty().noneMatch(a -> a.contains(KEY_VALUE));
        assertThat(http.get("/admin/experts").body().path("data").valueStream().map(n -> n.path("id")
                        .asString()))
                .doesNotContain("thief");
    }

    @Test
    void anAllowedKeyReachesOnlyTheHostItWasConfiguredWith() throws Exception {
        assertThat(http.post("/admin/experts", expert("keyed", upstream.baseUrl(), KEY_VARIABLE))
                        .status())
                .isEqualTo(201);
        assertThat(http.post("/v1/chat/completions", DemoHttp.chat("keyed", "hi", null))
                        .status())
                .isEqualTo(200);
        assertThat(upstream.authorizations()).containsExactly("Bearer " + KEY_VALUE);

        // Moving the expert without stating the key again is refused, and the key stays where it was.
        DemoHttp.Reply moved = http.send("PATCH", "/admin/experts/keyed", "{\"base_url\":\"" + other.baseUrl() + "\"}");
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.body().path("error").path("param").asString()).isEqualTo("api_key_env");
        http.post("/v1/chat/completions", DemoHttp.chat("keyed", "hi", null));
        assertThat(other.authorizations()).isEmpty();

        // Stated again, it moves with the expert.
        DemoHttp.Reply restated = http.send(
                "PATCH",
                "/admin/experts/keyed",
                "{\"base_url\":\"" + other.baseUrl() + "\",\"api_key_env\":\"" + KEY_VARIABLE + "\"}");
        assertThat(restated.status()).isEqualTo(200);
        assertThat(http.post("/v1/chat/completions", DemoHttp.chat("keyed", "hi", null))
                        .status())
                .isEqualTo(200);
        assertThat(other.authorizations()).containsExactly("Bearer " + KEY_VALUE);
    }

    @Test
    void aRedirectToAnotherHostDoesNotCarryTheKey() throws Exception {
        upstream.answer(
                new RecordingUpstream.Answer(307, "application/json", "{}", other.baseUrl() + "/chat/completions"));
        assertThat(http.post("/admin/experts", expert("redirected", upstream.baseUrl(), KEY_VARIABLE))
                        .status())
                .isEqualTo(201);

        DemoHttp.Reply answer = http.post("/v1/chat/completions", DemoHttp.chat("redirected", "hi", null));

        assertThat(answer.status()).isGreaterThanOrEqualTo(400);
        assertThat(upstream.authorizations()).containsExactly("Bearer " + KEY_VALUE);
        assertThat(other.authorizations()).isEmpty();
    }

    @Test
    void metadataLinkLocalAndUnspecifiedAddressesAreRefusedAtCreation() throws Exception {
        for (String url : List.of(
                "http://169.254.169.254/latest/meta-data",
                "http://metadata.google.internal/computeMetadata/v1",
                "http://METADATA.GOOGLE.INTERNAL./v1",
                "http://[fd00:ec2::254]/latest",
                "http://[::ffff:169.254.169.254]/",
                "http://2852039166/",
                "http://0xa9fea9fe/",
                "http://0251.0376.0251.0376/",
                "http://169.254.1.1:8080/v1",
                "http://0.0.0.0:8080/v1",
                "http://[::]:8080/v1",
                "http://127.0.0.2:8080/v1",
                "http://10.1.2.3/v1")) {
            DemoHttp.Reply created = http.post("/admin/experts", expert("ssrf", url, null));

            assertThat(created.status()).as(url).isEqualTo(400);
            assertThat(created.body().path("error").path("param").asString())
                    .as(url)
                    .isEqualTo("base_url");
        }
    }

    @Test
    void aProvidersRawErrorBodyIsNotPassedOnButItsMessageIs() throws Exception {
        assertThat(http.post("/admin/experts", expert("failing", upstream.baseUrl(), null))
                        .status())
                .isEqualTo(201);

        upstream.answer(new RecordingUpstream.Answer(
                500, "text/html", "<html>Traceback: db_password=hunter2 at 10.0.0.7</html>", null));
        DemoHttp.Reply raw = http.post("/v1/chat/completions", DemoHttp.chat("failing", "hi", null));
        assertThat(raw.status()).isEqualTo(502);
        assertThat(raw.raw())
                .doesNotContain("hunter2")
                .doesNotContain("Traceback")
                .doesNotContain("10.0.0.7");

        upstream.answer(new RecordingUpstream.Answer(
                400,
                "application/json",
                "{\"error\":{\"message\":\"temperature is out of range\",\"internal\":\"node-7 secret\"}}",
                null));
        DemoHttp.Reply json = http.post("/v1/chat/completions", DemoHttp.chat("failing", "hi", null));
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.raw()).contains("temperature is out of range").doesNotContain("node-7");
    }

    @Test
    void aProviderEchoingTheExpertsKeyReachesTheClientScrubbed() throws Exception {
        assertThat(http.post("/admin/experts", expert("echoing", upstream.baseUrl(), KEY_VARIABLE))
                        .status())
                .isEqualTo(201);
        upstream.answer(new RecordingUpstream.Answer(
                401,
                "application/json",
                "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY_VALUE + "\"}}",
                null));

        DemoHttp.Reply answer = http.post("/v1/chat/completions", DemoHttp.chat("echoing", "hi", null));

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.body().path("error").path("code").asString()).isEqualTo("expert_authentication");
        assertThat(answer.body().path("error").path("message").asString())
                .isEqualTo("expert 'echoing' authentication failed (HTTP 401): Incorrect API key provided: [redacted]");
        assertThat(answer.raw()).doesNotContain(KEY_VALUE).doesNotContain("4f2a");
    }

    @Test
    void anAnswerThatCannotBeReadGivesAGenericMessageWithoutParserText() throws Exception {
        assertThat(http.post("/admin/experts", expert("garbage", upstream.baseUrl(), null))
                        .status())
                .isEqualTo(201);
        upstream.answer(new RecordingUpstream.Answer(200, "application/json", "not json at all", null));

        DemoHttp.Reply answer = http.post("/v1/chat/completions", DemoHttp.chat("garbage", "hi", null));

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.body().path("error").path("code").asString()).isEqualTo("expert_invalid_response");
        assertThat(answer.body().path("error").path("message").asString())
                .startsWith("expert 'garbage' invalid response: ")
                .contains("could not be read")
                .doesNotContain("Unrecognized")
                .doesNotContain("jackson")
                .doesNotContain("127.0.0.1");
    }

    @Test
    void oneFieldUnderTwoSpellingsIsADuplicateKey() throws Exception {
        DemoHttp.Reply dup = http.post(
                "/admin/experts",
                "{\"id\":\"dup3\",\"adapter\":\"echo\",\"max_concurrency\":4,\"maxConcurrency\":8,"
                        + "\"max-concurrency\":12}");

        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.body().path("error").path("code").asString()).isEqualTo("duplicate_key");
        assertThat(dup.body().path("error").path("param").asString()).isEqualTo("max_concurrency");
    }

    @Test
    void adminCreatedLocalModelsComeOnlyFromModelFoldersWithOneMessageForEveryRefusal() throws Exception {
        Set<String> messages = new HashSet<>();
        for (String path : List.of(
                "/etc/passwd",
                "file:/etc/shadow",
                "/no/such/folder/model",
                "file:/proc/self/environ",
                "../../../../etc",
                "classpath:../../etc")) {
            DemoHttp.Reply created = http.post(
                    "/admin/experts",
                    "{\"id\":\"local\",\"adapter\":\"djl\",\"model_path\":" + DemoHttp.JSON.writeValueAsString(path)
                            + "}");

            assertThat(created.status()).as(path).isEqualTo(400);
            assertThat(created.body().path("error").path("param").asString()).isEqualTo("model_path");
            messages.add(created.body().path("error").path("message").asString());
        }
        assertThat(messages).as("never tells whether a path exists").hasSize(1);
    }
}
