package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Ids and names from clients on a router with auth and a real Redis: a file or batch id that is not one the router
 * makes (one naming another Redis key, say) is 404, never an outage; a key's name is short and has no control
 * characters (it is logged); and an id or model echoed in a 404 is cut short.
 */
class UntrustedIdsAndNamesIT {

    private static final String ADMIN_KEY = "admin-secret-untrusted-0123456789";
    private static final String BOUNDARY = "coe-test-boundary-ids";
    private static final String LONG = "B".repeat(3000);
    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static ConfigurableApplicationContext router;
    private static DemoHttp admin;
    private static RawHttp raw;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        router = Routers.start(
                REDIS,
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo");
        admin = new DemoHttp(Routers.port(router), ADMIN_KEY);
        raw = new RawHttp(Routers.port(router));
        DemoHttp.Reply created = admin.post("/admin/keys", "{\"name\":\"ids\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        key = created.body().path("key").asString();
    }

    @AfterAll
    static void stop() {
        router.close();
        REDIS.close();
    }

    private static String upload(String content) throws Exception {
        String form = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--"
                + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n\r\n"
                + content + "\r\n--" + BOUNDARY + "--\r\n";
        RawHttp.Reply reply = raw.send(
                "POST",
                "/v1/files",
                Map.of("Authorization", "Bearer " + key, "Content-Type", "multipart/form-data; boundary=" + BOUNDARY),
                form,
                false);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("id").asString();
    }

    private static void assertNotFound(RawHttp.Reply reply, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(404);
        assertThat(reply.isOpenAiError()).isTrue();
        assertThat(reply.code()).isEqualTo(code);
    }

    @Test
    void aFileIdNamingAnotherRedisKeyIsNotFound() throws Exception {
        String id = upload("{\"a\":1}");

        for (String target : new String[] {
            "/v1/files/" + id + ":chunks", "/v1/files/" + id + ":chunks/content", "/v1/files/" + id + "%3Achunks"
        }) {
            assertNotFound(raw.send("GET", target, key, null), "file_not_found");
        }
        assertNotFound(raw.send("DELETE", "/v1/files/" + id + ":chunks", key, null), "file_not_found");
        assertThat(raw.send("GET", "/v1/files/" + id, key, null).status()).isEqualTo(200);
    }

    @Test
    void aBatchIdNamingAnotherRedisKeyIsNotFound() throws Exception {
        String file = upload("{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                + "\"body\":{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}");
        DemoHttp.Reply created = admin.as(key)
                .post(
                        "/v1/batches",
                        "{\"input_file_id\":\"" + file
                                + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        String id = created.body().path("id").asString();
        JsonNode batch = created.body();
        for (int i = 0; i < 300 && !batch.path("status").asString().equals("completed"); i++) {
            Thread.sleep(100);
            batch = admin.as(key).get("/v1/batches/" + id).body();
        }
        assertThat(batch.path("status").asString()).isEqualTo("completed");

        for (String suffix : new String[] {":output", ":errors", ":lease", ":"}) {
            assertNotFound(raw.send("GET", "/v1/batches/" + id + suffix, key, null), "batch_not_found");
            assertNotFound(raw.send("POST", "/v1/batches/" + id + suffix + "/cancel", key, null), "batch_not_found");
        }
    }

    @Test
    void aKeyNameWithControlCharactersOrOver200CharactersIs400() throws Exception {
        for (String name : new String[] {
            "a\\n2026-12-02 ERROR FORGED LOG LINE",
            "\\u001b[31mred",
            "evil\\u202eexe.txt",
            "a\\u2028b",
            "x".repeat(201),
            "tab\\there"
        }) {
            DemoHttp.Reply reply = admin.post("/admin/keys", "{\"name\":\"" + name + "\"}");
            assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
            assertThat(reply.body().path("error").path("param").asString()).isEqualTo("name");
        }
        DemoHttp.Reply created = admin.post("/admin/keys", "{\"name\":\"" + "x".repeat(200) + "\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);

        DemoHttp.Reply renamed =
                admin.send("PATCH", "/admin/keys/" + created.body().path("id").asString(), "{\"name\":\"a\\nb\"}");
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(400);
        assertThat(renamed.body().path("error").path("param").asString()).isEqualTo("name");
    }

    @Test
    void idsAndModelsEchoedInA404AreCutShort() throws Exception {
        for (String target : new String[] {
            "/v1/models/" + LONG,
            "/v1/files/file-" + LONG,
            "/v1/batches/batch_" + LONG,
            "/admin/experts/" + LONG,
            "/admin/keys/" + LONG,
            "/admin/evaluations/" + LONG
        }) {
            RawHttp.Reply reply = raw.send("GET", target, target.startsWith("/v1/") ? key : ADMIN_KEY, null);
            assertThat(reply.status()).as(target).isEqualTo(404);
            assertThat(reply.json().path("error").path("message").asString())
                    .as(target)
                    .doesNotContain("B".repeat(41));
        }
        RawHttp.Reply chat = raw.send(
                "POST",
                "/v1/chat/completions",
                key,
                "{\"model\":\"" + "B".repeat(256) + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(chat.status()).as(chat.body()).isEqualTo(404);
        assertThat(chat.json().path("error").path("message").asString()).doesNotContain("B".repeat(41));
    }
}
