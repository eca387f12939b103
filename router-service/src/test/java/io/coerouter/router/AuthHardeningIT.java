package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Authentication with auth on, beyond the path matrix: the refusal messages, the viewer's read-only access, the admin
 * and viewer keys refused on the gateway API, tokens charged for chunked bodies, {@code /v1/models} limited to what a
 * key may call, and errors Tomcat raises before any servlet runs answered as OpenAI-format JSON.
 */
class AuthHardeningIT {

    private static final String ADMIN_KEY = "admin-secret-0123456789";
    private static final String VIEWER_KEY = "viewer-secret-0123456789";
    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static ConfigurableApplicationContext router;
    private static RawHttp http;

    @BeforeAll
    static void start() {
        router = Routers.start(
                REDIS,
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.auth.viewer-key=" + VIEWER_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.experts[1].id=other",
                "--coe.experts[1].adapter=echo",
                "--coe.gateway.max-request-size=64KB");
        http = new RawHttp(Routers.port(router));
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
        REDIS.close();
    }

    private static String createKey(String body) throws Exception {
        RawHttp.Reply created = http.send("POST", "/admin/keys", ADMIN_KEY, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("key").asString();
    }

    private static String message(RawHttp.Reply reply) {
        return reply.json().path("error").path("message").asString();
    }

    @Test
    void aWrongKeyIsToldSoInPlainWords() throws Exception {
        RawHttp.Reply gateway = http.send("GET", "/v1/models", "coe-wrong-key-0123456789", null);
        RawHttp.Reply admin = http.send("GET", "/admin/keys", "wrong-admin-key-0123456789", null);

        assertThat(gateway.status()).isEqualTo(401);
        assertThat(gateway.code()).isEqualTo("invalid_api_key");
        assertThat(message(gateway)).isEqualTo("Incorrect API key provided.");
        assertThat(gateway.headers()).containsEntry("www-authenticate", "Bearer");
        assertThat(admin.status()).isEqualTo(401);
        assertThat(message(admin)).isEqualTo("Incorrect admin key provided.");
        assertThat(gateway.body() + admin.body()).doesNotContain("wrong-");
    }

    @Test
    void theViewerKeyReadsTheAdminApiAndChangesNothing() throws Exception {
        RawHttp.Reply read = http.send("GET", "/admin/keys", VIEWER_KEY, null);
        RawHttp.Reply write = http.send("POST", "/admin/keys", VIEWER_KEY, "{\"name\":\"by the viewer\"}");
        RawHttp.Reply delete = http.send("DELETE", "/admin/experts/echo", VIEWER_KEY, null);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("data").isArray()).isTrue();
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.code()).isEqualTo("admin_key_required");
        assertThat(message(write)).contains("viewer key may only read");
        assertThat(delete.status()).isEqualTo(403);
        assertThat(http.send("GET", "/admin/experts/echo", ADMIN_KEY, null).status())
                .as("the expert is still there")
                .isEqualTo(200);
    }

    @Test
    void theAdminAndViewerKeysAreRefusedOnTheGatewayApiWithAClearMessage() throws Exception {
        for (String key : List.of(ADMIN_KEY, VIEWER_KEY)) {
            RawHttp.Reply chat = http.send("POST", "/v1/chat/completions", key, DemoHttp.chat("echo", "hello", null));
            assertThat(chat.status()).isEqualTo(403);
            assertThat(chat.code()).isEqualTo("gateway_key_required");
            assertThat(message(chat)).contains("use a gateway API key");
        }
    }

    /** A body that is admitted and then refused by the parser, so only the admission estimate is charged. */
    private static String unparsableBodyOf(int bytes) {
        return "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(bytes);
    }

    private static List<Integer> twoCalls(String key, boolean chunked) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            statuses.add(http.send(
                            "POST",
                            "/v1/chat/completions",
                            Map.of("Authorization", "Bearer " + key),
                            unparsableBodyOf(8_000),
                            chunked)
                    .status());
        }
        return statuses;
    }

    @Test
    void aChunkedBodyIsChargedTokensLikeTheSameBodyWithAContentLength() throws Exception {
        // 8 000 bytes are estimated at 2 000 tokens: the first call puts a 1 000-token bucket in debt.
        String sized = createKey("{\"name\":\"sized\",\"tokens_per_minute\":1000}");
        String chunked = createKey("{\"name\":\"chunked\",\"tokens_per_minute\":1000}");

        List<Integer> withLength = twoCalls(sized, false);
        List<Integer> withChunks = twoCalls(chunked, true);

        assertThat(withLength).containsExactly(400, 429);
        assertThat(withChunks).isEqualTo(withLength);
    }

    @Test
    void aChunkedBodyIsStillReadWhole() throws Exception {
        String key = createKey("{\"name\":\"chunked reader\",\"tokens_per_minute\":100000}");

        RawHttp.Reply answer = http.send(
                "POST",
                "/v1/chat/completions",
                Map.of("Authorization", "Bearer " + key),
                DemoHttp.chat("echo", "y".repeat(3_000) + " the end", null),
                true);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains(" the end");
    }

    @Test
    void aChunkedBodyOverTheSizeLimitIsRefusedBeforeAdmission() throws Exception {
        String key = createKey("{\"name\":\"too large\"}");

        RawHttp.Reply refused = http.send(
                "POST",
                "/v1/chat/completions",
                Map.of("Authorization", "Bearer " + key),
                unparsableBodyOf(100_000),
                true);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.code()).isEqualTo("request_too_large");
    }

    @Test
    void aGatewayKeyStreamsAnAnswer() throws Exception {
        String key = createKey("{\"name\":\"streamer\"}");
        String body = "{\"model\":\"echo\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";

        RawHttp.Reply stream = http.send("POST", "/v1/chat/completions", key, body);

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.headers().get("content-type")).startsWith("text/event-stream");
        assertThat(stream.body()).contains("data: ").contains("ping").contains("[DONE]");
    }

    @Test
    void modelsListsOnlyWhatTheKeyMayCall() throws Exception {
        String echoOnly = createKey("{\"name\":\"echo only\",\"models\":[\"echo\"]}");
        String otherExpert = createKey("{\"name\":\"other expert\",\"experts\":[\"other\"]}");
        String any = createKey("{\"name\":\"any\"}");

        assertThat(ids(echoOnly)).containsExactly("echo");
        assertThat(ids(otherExpert)).containsExactlyInAnyOrder("coe", "other");
        assertThat(ids(any)).containsExactlyInAnyOrder("coe", "echo", "other");
        RawHttp.Reply forbidden = http.send("GET", "/v1/models/other", echoOnly, null);
        assertThat(forbidden.status()).isEqualTo(404);
        assertThat(forbidden.code()).isEqualTo("model_not_found");
        assertThat(http.send("GET", "/v1/models/echo", echoOnly, null).status()).isEqualTo(200);
    }

    private static List<String> ids(String key) throws Exception {
        RawHttp.Reply list = http.send("GET", "/v1/models", key, null);
        assertThat(list.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().path("data").forEach(m -> ids.add(m.path("id").asString()));
        return ids;
    }

    @Test
    void whatTomcatRefusesIsAnsweredAsOpenAiJson() throws Exception {
        List<RawHttp.Reply> replies = List.of(
                http.send("GET", "/v1/models/%", null, null),
                http.send("GET", "/admin%2fkeys", ADMIN_KEY, null),
                http.send("GET", "/v1/models/%zz", null, null),
                http.send("GET", "/v1/models", Map.of("X-Big", "a".repeat(20_000)), null, false));

        for (RawHttp.Reply reply : replies) {
            assertThat(reply.status()).as(reply.body()).isBetween(400, 431);
            assertThat(reply.isOpenAiError()).as(reply.body()).isTrue();
            assertThat(reply.body())
                    .doesNotContainIgnoringCase("tomcat")
                    .doesNotContain("<")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void anUnknownUrlAndAWrongMethodAreOpenAiJsonForTheRightCredential() throws Exception {
        RawHttp.Reply unknown = http.send("GET", "/v1/nowhere", createKey("{\"name\":\"lost\"}"), null);
        RawHttp.Reply method = http.send("PUT", "/admin/keys", ADMIN_KEY, "{}");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isOpenAiError()).isTrue();
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.isOpenAiError()).isTrue();
    }
}
