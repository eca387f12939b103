package io.coerouter.expert.lc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A remote expert's streams over the blocking client, against a loopback OpenAI-protocol stub that sends its chunks
 * one by one: pieces reach the listener on the caller's thread as they arrive, and a stalled stream, a failing
 * listener or an interrupt ends the call and closes the upstream connection. Waits are on latches, never on a time.
 */
class StreamedChatIT {

    private static final long PATIENCE_SECONDS = 20;

    private HttpServer server;
    private final CountDownLatch firstTokenSeen = new CountDownLatch(1);
    private final CountDownLatch serverSawClose = new CountDownLatch(1);
    private final CountDownLatch hold = new CountDownLatch(1);
    private final AtomicBoolean lastChunkSent = new AtomicBoolean();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            switch (exchange.getRequestURI().getPath()) {
                case "/paced/chat/completions" -> {
                    chunk(out, "Hello");
                    await(firstTokenSeen);
                    lastChunkSent.set(true);
                    chunk(out, " world");
                    finish(out);
                }
                case "/stalled/chat/completions" -> {
                    chunk(out, "Hello");
                    await(hold);
                }
                default -> endless(out);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        hold.countDown();
        server.stop(0);
    }

    @Test
    void piecesReachTheListenerOnTheCallersThreadAsTheyArrive() {
        List<String> pieces = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        AtomicBoolean lastSentBeforeFirstPiece = new AtomicBoolean(true);

        ExpertResponse response = expert("paced", Duration.ofSeconds(30)).chat(ExpertRequest.of("hi"), text -> {
            if (pieces.isEmpty()) {
                lastSentBeforeFirstPiece.set(lastChunkSent.get());
                firstTokenSeen.countDown();
            }
            pieces.add(text);
            threads.add(Thread.currentThread());
        });

        assertThat(response.text()).isEqualTo("Hello world");
        assertThat(pieces).containsExactly("Hello", " world");
        assertThat(threads).containsOnly(Thread.currentThread());
        // The stub sent " world" only once the listener had "Hello": each piece was passed on as it came.
        assertThat(lastSentBeforeFirstPiece.get()).isFalse();
    }

    @Test
    void aStreamThatStallsAfterItsFirstPiecesTimesOutAtTheRequestTimeout() {
        List<String> pieces = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> expert("stalled", Duration.ofMillis(500)).chat(ExpertRequest.of("hi"), pieces::add))
                .isInstanceOfSatisfying(ExpertException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExpertErrorKind.TIMEOUT);
                    assertThat(e.getMessage()).contains("stream did not finish within PT0.5S");
                });
        assertThat(pieces).containsExactly("Hello");
    }

    @Test
    void aFailingListenerEndsTheCallUnchangedAndClosesTheUpstreamConnection() throws InterruptedException {
        IllegalStateException clientGone = new IllegalStateException("client went away");

        assertThatThrownBy(() -> expert("endless", Duration.ofSeconds(30)).chat(ExpertRequest.of("hi"), text -> {
                    throw clientGone;
                }))
                .isSameAs(clientGone);
        assertThat(serverSawClose.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anInterruptedCallerCancelsTheStreamAndClosesTheUpstreamConnection() throws InterruptedException {
        try {
            assertThatThrownBy(() -> expert("endless", Duration.ofSeconds(30))
                            .chat(ExpertRequest.of("hi"), text -> Thread.currentThread()
                                    .interrupt()))
                    .isInstanceOfSatisfying(
                            ExpertException.class, e -> assertThat(e.kind()).isEqualTo(ExpertErrorKind.CANCELLED));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(serverSawClose.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    private Expert expert(String path, Duration requestTimeout) {
        return Expert.of(
                ExpertConfig.builder("paced-gpt", "openai")
                        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path)
                        .model("gpt-stub")
                        .requestTimeout(requestTimeout)
                        .build(),
                ExpertContext.withEnvironment(Map.of(), List.of()));
    }

    private void endless(OutputStream out) {
        try {
            for (int i = 0; i < 200_000 && hold.getCount() > 0; i++) {
                chunk(out, "tick ");
                Thread.sleep(1); // pace only: the assertion waits on the latch
            }
        } catch (IOException e) {
            serverSawClose.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        write(
                out,
                "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-stub\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text
                        + "\"},\"finish_reason\":null}]}");
    }

    private static void finish(OutputStream out) throws IOException {
        write(
                out,
                "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-stub\","
                        + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}");
        write(out, "[DONE]");
    }

    private static void write(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
