package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/files} under its limits, on a router with auth and a real Redis: one file too large is 413, a key
 * past its bytes or files and a full store are 429 in OpenAI's format, an upload cut off mid-stream leaves nothing
 * behind, deleting files frees their quota, and uploads beyond the concurrency limit get 429 with Retry-After. Every
 * body is generated as it is sent (chunked, no declared length), never held as one array.
 */
class FileUploadLimitsIT {

    private static final String ADMIN_KEY = "admin-secret-files-0123456789";
    private static final long MB = 1024 * 1024;
    private static final RedisTestServer REDIS = RedisTestServer.shared();
    // HTTP/1.1 as the uploads of most clients are; no h2c upgrade attempt in front of a streamed body.
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static ConfigurableApplicationContext router;
    private static DemoHttp admin;
    private static int port;
    private final java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();

    @BeforeAll
    static void start() {
        router = Routers.start(
                REDIS,
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.batch.max-file-size=2MB",
                "--coe.batch.max-key-bytes=3MB",
                "--coe.batch.max-stored-bytes=5MB",
                "--coe.batch.max-key-files=3",
                "--coe.batch.max-concurrent-uploads=1");
        port = Routers.port(router);
        admin = new DemoHttp(port, ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        router.close();
        REDIS.close();
    }

    /** Each test's keys delete their files, so every test starts with an empty store. */
    @AfterEach
    void deleteFiles() throws Exception {
        for (String key : keys.values()) {
            DemoHttp as = admin.as(key);
            for (JsonNode file : as.get("/v1/files").body().path("data")) {
                as.send("DELETE", "/v1/files/" + file.path("id").asString(), null);
            }
        }
    }

    private String key(String name) throws Exception {
        DemoHttp.Reply created = admin.post("/admin/keys", "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        keys.put(name, created.body().path("key").asString());
        return keys.get(name);
    }

    private record Reply(int status, JsonNode body, String retryAfter) {

        String code() {
            return body.path("error").path("code").asString();
        }
    }

    private static Reply upload(String key, String purpose, InputStream content) throws Exception {
        String boundary = "coe-test-boundary-7f3a";
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        InputStream body = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)),
                content,
                new ByteArrayInputStream(tail.getBytes(StandardCharsets.UTF_8)))));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/files"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isBlank() ? null : DemoHttp.JSON.readTree(response.body());
        return new Reply(
                response.statusCode(),
                json,
                response.headers().firstValue("Retry-After").orElse(null));
    }

    private static Reply upload(String key, long bytes) throws Exception {
        return upload(key, "batch", new Letters(bytes));
    }

    private static List<String> files(String key) throws Exception {
        return admin.as(key)
                .get("/v1/files")
                .body()
                .path("data")
                .valueStream()
                .map(f -> f.path("id").asString())
                .toList();
    }

    private static void assertQuota(Reply reply, String setting) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(429);
        assertThat(reply.code()).isEqualTo("insufficient_quota");
        assertThat(reply.body().path("error").path("type").asString()).isEqualTo("insufficient_quota");
        assertThat(reply.body().path("error").path("message").asString()).contains(setting);
    }

    @Test
    void oneFileOverTheSizeLimitIs413() throws Exception {
        String key = key("big");

        Reply reply = upload(key, 2 * MB + 100_000);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.code()).isEqualTo("file_too_large");
        assertThat(files(key)).isEmpty();
    }

    @Test
    void aKeyPastItsBytesIs429ItsCutOffUploadIsNotKeptAndADeleteFreesItsQuota() throws Exception {
        String key = key("bytes");
        Reply first = upload(key, 2 * MB);
        assertThat(first.status()).isEqualTo(200);

        Reply over = upload(key, 3 * MB / 2); // 3.5 MB in all, over the key's 3 MB

        assertQuota(over, "coe.batch.max-key-bytes");
        assertThat(files(key)).containsExactly(first.body().path("id").asString());
        assertThat(upload(key, 900_000).status()).isEqualTo(200); // the cut-off upload took none of the room
        admin.as(key).send("DELETE", "/v1/files/" + first.body().path("id").asString(), null);
        assertThat(upload(key, 3 * MB / 2).status()).isEqualTo(200);
    }

    @Test
    void aFullStoreIs429ForAnyKey() throws Exception {
        assertThat(upload(key("store-a"), 19 * MB / 10).status()).isEqualTo(200);
        assertThat(upload(key("store-b"), 19 * MB / 10).status()).isEqualTo(200);
        String third = key("store-c");

        Reply full = upload(third, 19 * MB / 10); // 5.7 MB in all, over the store's 5 MB

        assertQuota(full, "coe.batch.max-stored-bytes");
        assertThat(files(third)).isEmpty();
    }

    @Test
    void aKeyPastItsFileCountIs429UntilItDeletesOne() throws Exception {
        String key = key("count");
        for (int i = 0; i < 3; i++) {
            assertThat(upload(key, 10).status()).isEqualTo(200);
        }

        assertQuota(upload(key, 10), "coe.batch.max-key-files");

        admin.as(key).send("DELETE", "/v1/files/" + files(key).getFirst(), null);
        assertThat(upload(key, 10).status()).isEqualTo(200);
    }

    @Test
    void uploadsBeyondTheConcurrencyLimitAre429WithRetryAfterAndTheHeldOneStillSucceeds() throws Exception {
        String key = key("slow");
        String boundary = "coe-test-boundary-held";
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nx";
        String tail = "\n\r\n--" + boundary + "--\r\n";
        // The held upload goes over a socket of its own, so its head is on the wire (and the router reading its body)
        // before any probe: an HTTP client may keep a body's first bytes while it waits for more. A probe may still
        // take the only place first, and the held upload is then refused: it is sent again on a new socket.
        Socket held = holdUpload(key, boundary, head);
        try {
            OutputStream out = held.getOutputStream();
            // A probe the router admits is refused for its purpose and stores nothing; once the held upload has
            // the only place, probes are refused for concurrency.
            Reply probe = null;
            for (int i = 0; i < 400 && (probe == null || probe.status() != 429); i++) {
                if (held.getInputStream().available() > 0) {
                    held.close();
                    held = holdUpload(key, boundary, head);
                    out = held.getOutputStream();
                }
                probe = upload(key, "not-batch", new Letters(10));
                if (probe.status() != 429) {
                    assertThat(probe.status()).isEqualTo(400);
                    Thread.sleep(25);
                }
            }
            assertThat(probe.status()).as(probe.body().toString()).isEqualTo(429);
            assertThat(probe.code()).isEqualTo("too_many_concurrent_uploads");
            assertThat(probe.body().path("error").path("type").asString()).isEqualTo("rate_limit_error");
            assertThat(probe.retryAfter()).isNotNull();

            out.write((chunk(tail) + "0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String status =
                    new BufferedReader(new InputStreamReader(held.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(status).startsWith("HTTP/1.1 200");
        } finally {
            held.close();
        }
        assertThat(upload(key, 10).status()).isEqualTo(200);
    }

    private Socket holdUpload(String key, String boundary, String head) throws IOException {
        Socket held = new Socket("127.0.0.1", port);
        held.setSoTimeout(30_000);
        OutputStream out = held.getOutputStream();
        out.write(("POST /v1/files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                        + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk(head))
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        return held;
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }

    /** {@code size} letters and newlines, made as they are read. */
    private static final class Letters extends InputStream {

        private final long size;
        private long made;

        Letters(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return made < size ? letter(made++) : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (made >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - made);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) letter(made++);
            }
            return n;
        }

        private static int letter(long at) {
            return at % 80 == 79 ? '\n' : 'a' + (int) (at % 26);
        }
    }
}
