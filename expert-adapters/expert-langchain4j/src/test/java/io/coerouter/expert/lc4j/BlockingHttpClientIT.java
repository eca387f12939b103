package io.coerouter.expert.lc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The experts' blocking client over one pool: the contract, and what only a caller-thread client can promise. */
class BlockingHttpClientIT extends HttpClientContract {

    private final HttpPool pool = HttpPool.create(Duration.ofSeconds(5));

    @Override
    protected HttpClientBuilder builder() {
        return pool.builder();
    }

    @Override
    protected void release() {
        pool.close();
    }

    @Test
    void streamsEveryEventOnTheCallersThreadAndReturnsOnlyAtTheEnd() {
        Recorder stream = new Recorder();

        client().execute(post("/events", "{}"), new DefaultServerSentEventParser(), stream.releasingServer());

        assertThat(stream.end.getCount()).as("ended before execute returned").isZero();
        assertThat(stream.events).containsExactly("one", "two", "three");
        assertThat(stream.threads).containsOnly(Thread.currentThread());
    }

    @Test
    void refusesAWholeBodyLargerThanItsLimitWithoutReadingItAndClosesTheConnection() {
        assertThatThrownBy(() -> client().execute(post("/huge", "{}")))
                .hasRootCauseInstanceOf(java.io.IOException.class)
                .hasStackTraceContaining("more than the " + ResponseBody.MAX_BYTES + " allowed");
        assertThat(pool.openConnections()).isZero();
    }

    @Test
    void endsAStreamWhoseLineNeverEndsWithAnErrorAndClosesItsConnection() {
        Recorder stream = new Recorder();

        client().execute(post("/longline", "{}"), new DefaultServerSentEventParser(), stream);

        assertThat(stream.events).isEmpty();
        assertThat(stream.error.get())
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("longer than " + ResponseBody.MAX_STREAM_LINE);
        assertThat(pool.openConnections()).isZero();
    }

    @Test
    void sendsARequestAgainOnANewConnectionWhenThePooledOneWasClosedBeforeAnyResponse() throws Exception {
        // A server that answers one request per connection, keep-alive in its headers, then closes it at once: the
        // client pools the connection, and the next request finds it closed before any byte of a response.
        try (java.net.ServerSocket server =
                new java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (java.net.Socket socket = server.accept()) {
                        connections.incrementAndGet();
                        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                                socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                        int length = 0;
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                                length = Integer.parseInt(line.substring(15).trim());
                            }
                        }
                        in.skip(length);
                        socket.getOutputStream()
                                .write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                                                + "Connection: keep-alive\r\n\r\n{}")
                                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        socket.getOutputStream().flush();
                        Thread.sleep(50); // the client has read the answer and pooled the connection
                    } catch (java.io.IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            HttpClient client = GuardedHttpClient.builder(
                            pool.builder(),
                            java.net.URI.create("http://127.0.0.1:" + server.getLocalPort()),
                            io.coerouter.expert.egress.EgressPolicy.defaults())
                    .build();
            HttpRequest request = HttpRequest.builder()
                    .method(HttpMethod.POST)
                    .url("http://127.0.0.1:" + server.getLocalPort() + "/v1/chat/completions")
                    .body("{}")
                    .build();

            assertThat(client.execute(request).body()).isEqualTo("{}");
            while (connections.get() < 1 || server.isClosed()) {
                Thread.onSpinWait();
            }
            Thread.sleep(200); // the server has closed the first connection
            assertThat(client.execute(request).body()).isEqualTo("{}");

            assertThat(connections.get()).isEqualTo(2);
            acceptor.interrupt();
        }
    }

    @Test
    void closesAConnectionLeftIdleInThePoolLongerThanItsIdleTime() throws InterruptedException {
        try (HttpPool briefPool = HttpPool.create(Duration.ofSeconds(5), 1, Duration.ofMillis(300))) {
            HttpClient brief = GuardedHttpClient.builder(
                            briefPool.builder(),
                            java.net.URI.create(base()),
                            io.coerouter.expert.egress.EgressPolicy.defaults())
                    .build();
            brief.execute(post("/echo", "{}"));
            assertThat(briefPool.openConnections()).isEqualTo(1);

            // Polled, not timed: the evictor runs every 100 ms here; give it up to the test's patience.
            long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
            while (briefPool.openConnections() > 0 && System.nanoTime() < giveUp) {
                Thread.sleep(50);
            }
            assertThat(briefPool.openConnections()).isZero();
        }
    }

    @Test
    void keepsAStreamReadToItsEndsConnectionButNotACancelledOnes() {
        client().execute(post("/events", "{}"), new DefaultServerSentEventParser(), new Recorder().releasingServer());
        assertThat(pool.openConnections()).isEqualTo(1);

        Recorder cancelling = new Recorder() {
            @Override
            public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                super.onEvent(event, context);
                context.parsingHandle().cancel();
            }
        };
        client().execute(post("/endless", "{}"), new DefaultServerSentEventParser(), cancelling);

        assertThat(cancelling.events).containsExactly("tick");
        assertThat(pool.openConnections()).isZero();
    }

    @Test
    void aStreamSilentPastItsFirstTokenDeadlineFailsWithAReadTimeoutAndClosesItsConnection() {
        Recorder stream = new Recorder();
        StreamDeadline limits = StreamDeadline.startingNow(Duration.ofSeconds(30), Duration.ofMillis(300));

        limits.during(() -> {
            client().execute(post("/silent", "{}"), new DefaultServerSentEventParser(), stream);
            return null;
        });

        assertThat(stream.events).containsExactly("first");
        assertThat(stream.error.get()).isInstanceOf(SocketTimeoutException.class);
        assertThat(limits.remainingNanos()).isNotPositive();
        assertThat(pool.openConnections()).isZero();
    }

    @Test
    void aCancelledStreamStopsAtItsNextRead() {
        StreamDeadline limits = StreamDeadline.startingNow(Duration.ofSeconds(30), Duration.ofSeconds(30));
        Recorder cancelling = new Recorder() {
            @Override
            public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                super.onEvent(event, context);
                limits.cancel();
            }
        };

        limits.during(() -> {
            client().execute(post("/endless", "{}"), new DefaultServerSentEventParser(), cancelling);
            return null;
        });

        assertThat(cancelling.events).isNotEmpty();
        assertThat(cancelling.error.get()).isInstanceOf(java.io.InterruptedIOException.class);
        assertThat(pool.openConnections()).isZero();
    }

    @Test
    void refusesMultipartFormDataNamingIt() {
        HttpClient client = client();
        HttpRequest upload = HttpRequest.builder()
                .method(HttpMethod.POST)
                .url(base() + "/echo")
                .addFormDataField("purpose", "fine-tune")
                .build();

        assertThatThrownBy(() -> client.execute(upload))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multipart form data is not supported");
        assertThat(clientPorts()).isEmpty();
    }

    @Test
    void aClosedPoolClosesItsConnections() {
        client().execute(post("/echo", "{}"));
        assertThat(pool.openConnections()).isEqualTo(1);

        pool.close();

        assertThat(pool.openConnections()).isZero();
        assertThatThrownBy(() -> client().execute(post("/echo", "{}"))).isInstanceOf(RuntimeException.class);
    }
}
