package io.coerouter.expert.lc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertErrors;
import io.coerouter.expert.egress.EgressPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the experts need of a LangChain4j {@link HttpClient}, checked on a loopback HTTP server standing in for a
 * provider: each implementation (LangChain4j's JDK client, our blocking one) runs these through {@link
 * GuardedHttpClient}, as the experts do. Waits are on latches the server and the listener share, never on a time.
 */
abstract class HttpClientContract {

    /** How long a latch is awaited before the test gives up: a hang guard, not an expectation. */
    static final long PATIENCE_SECONDS = 20;

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    /** A fresh builder of the client under test. */
    protected abstract HttpClientBuilder builder();

    /** Releases what {@link #builder} made (a pool); by default nothing. */
    protected void release() {}

    private HttpServer server;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Map<String, List<String>>> lastHeaders = new AtomicReference<>();
    private final CountDownLatch serverSawClose = new CountDownLatch(1);
    private final CountDownLatch firstEventSeen = new CountDownLatch(1);
    private final AtomicBoolean lastEventSent = new AtomicBoolean();
    private final CountDownLatch hold = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            lastHeaders.set(Map.copyOf(exchange.getRequestHeaders()));
            byte[] body = exchange.getRequestBody().readAllBytes();
            switch (exchange.getRequestURI().getPath()) {
                case "/echo" -> send(exchange, 200, new String(body, StandardCharsets.UTF_8));
                case "/missing" -> send(exchange, 404, "{\"error\":{\"message\":\"no such model\"}}");
                case "/broken" -> send(exchange, 503, "{\"error\":{\"message\":\"overloaded\"}}");
                case "/slow" -> {
                    await(hold);
                    send(exchange, 200, "late");
                }
                case "/redirect" -> {
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + elsewherePort() + "/echo");
                    send(exchange, 302, "moved");
                }
                case "/huge" -> {
                    // Announces far more than any answer may hold, then sends a little and waits.
                    exchange.sendResponseHeaders(200, 40L * 1024 * 1024);
                    exchange.getResponseBody().write("{\"id\":".getBytes(StandardCharsets.UTF_8));
                    exchange.getResponseBody().flush();
                    await(hold);
                    exchange.close();
                }
                case "/longline" -> {
                    // One event's line that never ends: 4 MB of it, then the server waits.
                    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    try {
                        out.write("data: ".getBytes(StandardCharsets.UTF_8));
                        byte[] xs = new byte[64 * 1024];
                        java.util.Arrays.fill(xs, (byte) 'x');
                        for (int i = 0; i < 64; i++) {
                            out.write(xs);
                        }
                        out.flush();
                        await(hold);
                    } catch (IOException e) {
                        serverSawClose.countDown();
                    }
                }
                case "/events" -> events(exchange);
                case "/endless" -> endless(exchange);
                case "/silent" -> {
                    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    event(exchange.getResponseBody(), "first");
                    await(hold);
                    exchange.close();
                }
                default -> send(exchange, 400, "unknown path");
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        hold.countDown();
        release();
        server.stop(0);
        if (elsewhere != null) {
            elsewhere.stop(0);
        }
    }

    @Test
    void answersA200WithItsBodyAndHeaders() {
        SuccessfulHttpResponse response = client().execute(post("/echo", "{\"hello\":\"world\"}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"hello\":\"world\"}");
        assertThat(response.headers().get("Content-Type")).containsExactly("application/json");
    }

    @Test
    void a4xxIsAnHttpExceptionWithTheStatusAndTheBody() {
        assertThatThrownBy(() -> client().execute(post("/missing", "{}")))
                .isInstanceOfSatisfying(HttpException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("{\"error\":{\"message\":\"no such model\"}}");
                });
    }

    @Test
    void a5xxIsAnHttpExceptionWithTheStatusAndTheBody() {
        assertThatThrownBy(() -> client().execute(post("/broken", "{}")))
                .isInstanceOfSatisfying(HttpException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("overloaded");
                });
    }

    @Test
    void aRefusedConnectionFailsWithAConnectExceptionTheMapperCallsAConnectionError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String base = "http://127.0.0.1:" + closedPort;
        HttpClient client = guarded(builder(), base);

        assertThatThrownBy(() -> client.execute(request(base + "/echo", "{}")))
                .isInstanceOf(RuntimeException.class)
                .satisfies(e -> {
                    assertThat(causes(e)).anyMatch(ConnectException.class::isInstance);
                    assertThat(ExpertErrors.map("x", e).kind()).isEqualTo(ExpertErrorKind.CONNECTION);
                });
    }

    @Test
    void noAnswerWithinTheReadTimeoutIsATimeoutException() {
        HttpClient client = guarded(builder().readTimeout(Duration.ofMillis(300)), base());

        assertThatThrownBy(() -> client.execute(post("/slow", "{}")))
                .isInstanceOf(TimeoutException.class)
                .satisfies(e -> assertThat(ExpertErrors.map("x", e).kind()).isEqualTo(ExpertErrorKind.TIMEOUT));
    }

    @Test
    void aRedirectIsNotFollowedButAnsweredAsAnError() throws IOException {
        AtomicInteger contacted = startElsewhere();

        assertThatThrownBy(() -> client().execute(post("/redirect", "{}")))
                .isInstanceOfSatisfying(
                        HttpException.class, e -> assertThat(e.statusCode()).isEqualTo(302));
        assertThat(contacted.get()).isZero();
    }

    @Test
    void sendsTheRequestsHeadersAndTheCallersTraceparent() {
        HttpRequest request = HttpRequest.builder()
                .method(HttpMethod.POST)
                .url(base() + "/echo")
                .addHeader("Authorization", "Bearer sk-test")
                .addHeader("Content-Type", "application/json")
                .addHeader("X-Custom", "a", "b")
                .body("{}")
                .build();

        client().execute(request);

        Map<String, List<String>> seen = lastHeaders.get();
        assertThat(seen.get("Authorization")).containsExactly("Bearer sk-test");
        assertThat(seen.get("Content-type")).containsExactly("application/json");
        assertThat(seen.get("X-custom")).containsExactly("a", "b");
        assertThat(seen.get("Traceparent")).containsExactly(TRACEPARENT);
    }

    @Test
    void reusesOneKeepAliveConnectionForSequentialRequests() {
        HttpClient client = client();
        for (int i = 0; i < 5; i++) {
            client.execute(post("/echo", "{\"n\":" + i + "}"));
        }
        Recorder stream = new Recorder();
        client.execute(post("/events", "{}"), new DefaultServerSentEventParser(), stream.releasingServer());
        stream.awaitEnd();
        client.execute(post("/echo", "{}"));

        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void streamsEventsInOrderEachAsItArrives() {
        Recorder stream = new Recorder();

        client().execute(post("/events", "{}"), new DefaultServerSentEventParser(), stream.releasingServer());
        stream.awaitEnd();

        assertThat(stream.error.get()).isNull();
        assertThat(stream.events).containsExactly("one", "two", "three");
        // The server sent "three" only after the listener had "one": the stream was not read whole first.
        assertThat(stream.lastSentWhenFirstArrived.get()).isFalse();
        assertThat(stream.opened.get()).isTrue();
        assertThat(stream.closed.get()).isTrue();
    }

    @Test
    void aStreamAnsweringWithAnErrorStatusReportsAnHttpException() {
        Recorder stream = new Recorder();

        client().execute(post("/broken", "{}"), new DefaultServerSentEventParser(), stream);
        stream.awaitEnd();

        assertThat(stream.error.get()).isInstanceOfSatisfying(HttpException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.getMessage()).contains("overloaded");
        });
        assertThat(stream.events).isEmpty();
    }

    @Test
    void cancellingAStreamMidWayClosesItsConnection() throws InterruptedException {
        Recorder stream = new Recorder() {
            @Override
            public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                super.onEvent(event, context);
                context.parsingHandle().cancel();
                end.countDown();
            }
        };

        client().execute(post("/endless", "{}"), new DefaultServerSentEventParser(), stream);

        assertThat(stream.end.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        // The server keeps writing until a write fails: the client closed the connection rather than draining it.
        assertThat(serverSawClose.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.events).startsWith("tick");
    }

    /** A client of the implementation under test, guarded as the experts' are, for this test's server. */
    protected HttpClient client() {
        return guarded(builder(), base());
    }

    private static HttpClient guarded(HttpClientBuilder builder, String base) {
        if (builder.connectTimeout() == null) {
            builder.connectTimeout(Duration.ofSeconds(5));
        }
        if (builder.readTimeout() == null) {
            builder.readTimeout(Duration.ofSeconds(PATIENCE_SECONDS));
        }
        return GuardedHttpClient.builder(
                        builder, URI.create(base), EgressPolicy.defaults(), () -> Map.of("traceparent", TRACEPARENT))
                .build();
    }

    protected String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The ports of the connections the server has seen. */
    protected Set<Integer> clientPorts() {
        return clientPorts;
    }

    protected HttpRequest post(String path, String body) {
        return request(base() + path, body);
    }

    private static HttpRequest request(String url, String body) {
        return HttpRequest.builder()
                .method(HttpMethod.POST)
                .url(url)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> all = new CopyOnWriteArrayList<>();
        for (Throwable c = t; c != null && !all.contains(c); c = c.getCause()) {
            all.add(c);
        }
        return all;
    }

    /** Three events; the last only once the client has the first (or the test gave up on it). */
    private void events(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            event(out, "one");
            event(out, "two");
            await(firstEventSeen);
            lastEventSent.set(true);
            event(out, "three");
        }
    }

    /** Events until a write fails: the client has closed the connection. */
    private void endless(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            for (int i = 0; i < 200_000 && hold.getCount() > 0; i++) {
                event(out, "tick");
                if (i > 0) {
                    Thread.sleep(1); // pace only: the assertion waits on the latch
                }
            }
        } catch (IOException e) {
            serverSawClose.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpServer elsewhere;
    private final AtomicInteger elsewhereHits = new AtomicInteger();

    private AtomicInteger startElsewhere() throws IOException {
        elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        elsewhere.createContext("/", exchange -> {
            elsewhereHits.incrementAndGet();
            send(exchange, 200, "followed");
        });
        elsewhere.start();
        return elsewhereHits;
    }

    private int elsewherePort() {
        return elsewhere == null ? 9 : elsewhere.getAddress().getPort();
    }

    /** A listener that records what it is told; {@link #awaitEnd} waits for the stream's close or error. */
    protected class Recorder implements ServerSentEventListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final AtomicReference<Boolean> lastSentWhenFirstArrived = new AtomicReference<>();
        final AtomicBoolean opened = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();
        final CountDownLatch end = new CountDownLatch(1);
        private boolean release;

        /** Lets the server send its last event once the first has arrived here. */
        Recorder releasingServer() {
            release = true;
            return this;
        }

        @Override
        public void onOpen(SuccessfulHttpResponse response) {
            opened.set(true);
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            threads.add(Thread.currentThread());
            if (events.isEmpty()) {
                lastSentWhenFirstArrived.set(lastEventSent.get());
                if (release) {
                    firstEventSeen.countDown();
                }
            }
            events.add(event.data());
        }

        @Override
        public void onError(Throwable throwable) {
            error.set(throwable);
            end.countDown();
        }

        @Override
        public void onClose() {
            closed.set(true);
            end.countDown();
        }

        void awaitEnd() {
            await(end);
            assertThat(end.getCount()).as("the stream ended").isZero();
        }
    }
}
