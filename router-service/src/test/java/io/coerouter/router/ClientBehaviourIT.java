package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A client's behaviour never counts against an expert, and a slow client never holds an expert's slot: clients that
 * drop their streams mid-way or read nothing, on raw sockets, against a real router. Its two echo experts (one per
 * test, so neither test sees the other's effects) have circuit breakers that judge four calls, and two slots each.
 */
class ClientBehaviourIT {

    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static final Pattern CALLS = Pattern.compile("(?m)^coe_expert_calls_total\\{([^}]*)} ([0-9.E]+)$");

    /** Long enough that its stream (one event a word) fills any socket buffer many times over. */
    private static final String LONG = "word ".repeat(100_000);

    private static ConfigurableApplicationContext router;
    private static DemoHttp http;

    @BeforeAll
    static void start() {
        router = Routers.start(
                REDIS,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.experts[0].max-concurrency=2",
                "--coe.experts[0].request-timeout=60s",
                "--coe.experts[0].resilience.sliding-window-size=4",
                "--coe.experts[0].resilience.minimum-calls=4",
                "--coe.experts[0].resilience.open-wait=60s",
                "--coe.experts[1].id=reader-echo",
                "--coe.experts[1].adapter=echo",
                "--coe.experts[1].max-concurrency=2",
                "--coe.experts[1].request-timeout=60s",
                "--coe.experts[1].resilience.sliding-window-size=4",
                "--coe.experts[1].resilience.minimum-calls=4",
                "--coe.experts[1].resilience.open-wait=60s");
        http = Routers.http(router);
    }

    @AfterAll
    static void stop() {
        router.close();
        REDIS.close();
    }

    @Test
    void clientsDroppingTheirStreamsMidWayNeverOpenTheExpertsCircuit() throws Exception {
        double before = calls();
        int dropped = 8; // twice the breaker's minimum calls
        for (int i = 0; i < dropped; i++) {
            try (Socket client = streamingClient("echo", 64 * 1024)) {
                readUntilFirstEvent(client);
                client.setSoLinger(true, 0); // a reset, as a client killed mid-stream sends
            }
        }
        // Every dropped call has finished, one way or the other, before the circuit is judged.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (calls() < before + dropped && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(calls()).isGreaterThanOrEqualTo(before + dropped);

        assertThat(http.get("/admin/experts/echo").body().path("circuit").asString())
                .isEqualTo("closed");
        assertThat(prometheus())
                .doesNotContainPattern("coe_expert_calls_total\\{[^}]*error=\"connection\",expert=\"echo\"");
        DemoHttp.Reply normal = http.post("/v1/chat/completions", DemoHttp.chat("echo", "still here", null));
        assertThat(normal.status()).isEqualTo(200);
        assertThat(normal.body().at("/choices/0/message/content").asString()).isEqualTo("still here");
        assertThat(prometheus()).containsPattern("coe_stream_abandoned_total\\{[^}]*reason=\"client_gone\"} [1-9]");
    }

    @Test
    void clientsThatReadNothingNeverHoldTheExpertsSlots() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) { // as many as the expert has slots, each streaming by now
                Socket client = streamingClient("reader-echo", 1024);
                readUntilFirstEvent(client); // then reads nothing more
                slow.add(client);
            }
            for (int i = 0; i < 2; i++) { // and more than it has
                slow.add(streamingClient("reader-echo", 1024));
            }
            HttpClient normal = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> answer = normal.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + Routers.port(router) + "/v1/chat/completions"))
                            .header("Content-Type", "application/json")
                            // Well under the expert's 60 s request timeout, which a starved request would wait out.
                            .timeout(Duration.ofSeconds(20))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    DemoHttp.chat("reader-echo", "served anyway", null)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(DemoHttp.JSON
                            .readTree(answer.body())
                            .at("/choices/0/message/content")
                            .asString())
                    .isEqualTo("served anyway");
        } finally {
            for (Socket s : slow) {
                s.setSoLinger(true, 0);
                s.close();
            }
        }
    }

    /** A raw client with a small receive buffer that has asked for a long streamed answer. */
    private static Socket streamingClient(String expert, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", Routers.port(router)), 5_000);
        socket.setSoTimeout(30_000);
        byte[] body = ("{\"model\":\"" + expert + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\""
                        + LONG + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    /** Reads until the first server-sent event has begun, proving the stream started. */
    private static void readUntilFirstEvent(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[256];
        while (!seen.toString().contains("data: ")) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the router closed the stream before any event: " + seen);
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
        assertThat(seen.toString()).startsWith("HTTP/1.1 200");
    }

    /** All calls of {@code echo} the router has counted, whatever their outcome. */
    private static double calls() throws Exception {
        Matcher m = CALLS.matcher(prometheus());
        double total = 0;
        while (m.find()) {
            if (m.group(1).contains("expert=\"echo\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    private static String prometheus() throws Exception {
        return http.get("/actuator/prometheus").raw();
    }
}
