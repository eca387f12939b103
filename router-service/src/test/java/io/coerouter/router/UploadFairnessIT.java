package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A slow client cannot hold the upload places of {@code POST /v1/files}: one API key holds at most its share of them
 * (a second upload of the key is 429 while another key still uploads), an upload still arriving past {@code
 * coe.batch.upload-timeout} is cut off with 408 and its place is free again, one that went silent is cut off by the
 * container's read timeout, and the file names and part headers an
 * upload may send are bounded (400, not 413).
 */
class UploadFairnessIT {

    private static final String ADMIN_KEY = "admin-secret-fairness-0123456789";
    private static final String BOUNDARY = "coe-test-boundary-drip";
    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static ConfigurableApplicationContext router;
    private static DemoHttp admin;
    private static RawHttp raw;
    private static int port;

    @BeforeAll
    static void start() {
        router = Routers.start(
                REDIS,
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.batch.max-concurrent-uploads=2",
                "--coe.batch.max-concurrent-uploads-per-key=1",
                "--coe.batch.upload-timeout=3s",
                // A client that sends nothing at all is cut off by the container's read timeout.
                "--server.tomcat.connection-timeout=2s");
        port = Routers.port(router);
        admin = new DemoHttp(port, ADMIN_KEY);
        raw = new RawHttp(port);
    }

    @AfterAll
    static void stop() {
        router.close();
        REDIS.close();
    }

    private static String key(String name) throws Exception {
        DemoHttp.Reply created = admin.post("/admin/keys", "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().path("key").asString();
    }

    private static String form(String purpose, String fileHeaders, String content) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose + "\r\n--"
                + BOUNDARY + "\r\n" + fileHeaders + "\r\n\r\n" + content + "\r\n--" + BOUNDARY + "--\r\n";
    }

    private static RawHttp.Reply upload(String key, String purpose, String fileHeaders) throws IOException {
        return raw.send(
                "POST",
                "/v1/files",
                Map.of("Authorization", "Bearer " + key, "Content-Type", "multipart/form-data; boundary=" + BOUNDARY),
                form(purpose, fileHeaders, "{\"a\":1}\n"),
                false);
    }

    private static RawHttp.Reply upload(String key, String purpose) throws IOException {
        return upload(
                key,
                purpose,
                "Content-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
                        + "Content-Type: application/octet-stream");
    }

    /** An upload whose head is sent at once and whose file then arrives one byte every 100 ms, until stopped. */
    private static final class Drip implements AutoCloseable {

        final Socket socket;
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread thread;

        Drip(String key) throws IOException {
            this(key, true);
        }

        /** @param dripping whether to send a byte every 100 ms after the head (else nothing more) */
        Drip(String key, boolean dripping) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--"
                    + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\nx";
            out.write(("POST /v1/files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                            + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY
                            + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk(head))
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            thread = Thread.ofVirtual().start(() -> {
                try {
                    while (dripping && !stop.get()) {
                        Thread.sleep(100);
                        out.write(chunk("x").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // the router closed the connection
                }
            });
        }

        boolean answered() throws IOException {
            return socket.getInputStream().available() > 0;
        }

        String status() throws IOException {
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        }

        @Override
        public void close() throws IOException {
            stop.set(true);
            socket.close();
        }
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }

    @Test
    void aDrippingUploadHoldsOnlyItsKeysShareAndIsCutOffPastTheUploadTimeout() throws Exception {
        String slow = key("slow-dripper");
        String other = key("other-uploader");
        Drip drip = new Drip(slow);
        try {
            // A probe of the slow key the router admits is refused for its purpose and stores nothing; once the drip
            // holds the key's only place, the key's probes are refused for its share. A probe may take the place
            // first: the drip is then refused, and sent again.
            RawHttp.Reply probe = null;
            for (int i = 0; i < 400 && (probe == null || probe.status() != 429); i++) {
                if (drip.answered()) {
                    drip.close();
                    drip = new Drip(slow);
                }
                probe = upload(slow, "not-batch");
                if (probe.status() != 429) {
                    assertThat(probe.status()).isEqualTo(400);
                    Thread.sleep(25);
                }
            }
            assertThat(probe.status()).as(probe.body()).isEqualTo(429);
            assertThat(probe.code()).isEqualTo("too_many_concurrent_uploads");
            assertThat(probe.json().path("error").path("message").asString())
                    .contains("coe.batch.max-concurrent-uploads-per-key");

            RawHttp.Reply stored = upload(other, "batch");
            assertThat(stored.status()).as(stored.body()).isEqualTo(200);

            // Still dripping, the upload is cut off once it is past its deadline.
            assertThat(drip.status()).startsWith("HTTP/1.1 408");
        } finally {
            drip.close();
        }
        RawHttp.Reply after = upload(slow, "batch");
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        DemoHttp.Reply files = admin.as(slow).get("/v1/files");
        assertThat(files.body().path("data")).hasSize(1); // the cut-off upload kept nothing
    }

    @Test
    void aSilentUploadIsCutOffByTheReadTimeoutAndFreesItsPlace() throws Exception {
        String silent = key("silent-client");
        Drip held = new Drip(silent, false);
        try {
            RawHttp.Reply probe = null;
            for (int i = 0; i < 400 && (probe == null || probe.status() != 429); i++) {
                if (held.answered()) {
                    held.close();
                    held = new Drip(silent, false);
                }
                probe = upload(silent, "not-batch");
                if (probe.status() != 429) {
                    assertThat(probe.status()).isEqualTo(400);
                    Thread.sleep(25);
                }
            }
            assertThat(probe.status()).as(probe.body()).isEqualTo(429);

            // The client sends nothing more; the router gives up on it (a 408, or the connection closed) by itself.
            String status;
            try {
                status = held.status();
            } catch (java.net.SocketException closed) {
                status = null; // reset: closed without an answer
            }
            assertThat(status == null || status.startsWith("HTTP/1.1 408"))
                    .as(String.valueOf(status))
                    .isTrue();
        } finally {
            held.close();
        }
        RawHttp.Reply after = upload(silent, "batch");
        assertThat(after.status()).as(after.body()).isEqualTo(200);
    }

    @Test
    void aHugeFileNameIs400NotFileTooLarge() throws Exception {
        RawHttp.Reply reply = upload(
                key("long-name"),
                "batch",
                "Content-Disposition: form-data; name=\"file\"; filename=\"" + "n".repeat(20_000) + ".jsonl\"");

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().path("error").path("param").asString()).isEqualTo("file");
        assertThat(reply.json().path("error").path("message").asString()).contains("headers");
    }

    @Test
    void aFileNameWithControlCharactersIsRefused() throws Exception {
        String key = key("control-name");
        RawHttp.Reply reply =
                upload(key, "batch", "Content-Disposition: form-data; name=\"file\"; filename=\"in\u001b[31m.jsonl\"");

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().path("error").path("message").asString()).contains("control characters");
        assertThat(admin.as(key).get("/v1/files").body().path("data")).isEmpty();
    }
}
