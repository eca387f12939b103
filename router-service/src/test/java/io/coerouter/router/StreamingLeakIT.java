package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many concurrent SSE streams through the packaged router, run as its own process, against a slow streaming provider,
 * then nothing left behind: 200 streams held for half a minute, a tenth of them slow readers (a tiny receive window and
 * pauses, so the router's writes back up) and a twentieth leaving after a few events; once every client is gone the
 * router's connections to clients and to the provider, its file descriptors and platform threads return to what it
 * held before, and its in-flight request and queue gauges to zero. The streams read to their end are whole. The
 * router does not cancel a provider's stream when its client leaves (docs/resilience.md): the provider's call runs to
 * its end, so what is checked is that each such call ended and nothing of it stays open. The figures under load, for
 * a thousand streams over ten minutes, are the benchmark's (benchmarks/sse-streams.sh, docs/benchmarks.md).
 */
class StreamingLeakIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int STREAMS = 200;
    private static final Duration LOAD = Duration.ofSeconds(30);
    /** Generous: idle threads of the JDK's pools (the common pool, the HTTP client's) end after 60 s. */
    private static final Duration SETTLE = Duration.ofSeconds(150);
    /** Platform threads and fds may exceed the baseline by this much afterwards: pools that keep a few. */
    private static final int TOLERANCE = 8;

    /** How a client reads. */
    private enum Kind {
        NORMAL,
        SLOW,
        LEAVING
    }

    @Test
    void twoHundredStreamsWithSlowAndVanishingClientsLeaveNoConnectionThreadOrDescriptorBehind() throws Exception {
        try (SlowSseUpstream upstream = SlowSseUpstream.start();
                RouterProcess router = RouterProcess.start(
                        "streams",
                        List.of(
                                "--coe.redis.url=",
                                "--coe.default-expert=slow",
                                "--coe.experts[0].id=slow",
                                "--coe.experts[0].adapter=openai",
                                "--coe.experts[0].base-url=http://127.0.0.1:" + upstream.port() + "/v1",
                                "--coe.experts[0].model=slow-model",
                                "--coe.experts[0].max-concurrency=" + (2 * STREAMS),
                                "--coe.experts[0].request-timeout=60s"))) {
            router.awaitReady(Duration.ofSeconds(180));
            long pid = router.pid();
            Load load = new Load(router.port());
            // A few whole streams first, so the router's lazily made pools and connections exist in the baseline.
            List<Thread> warmUp = new ArrayList<>();
            for (long n = 1; n <= 10; n++) {
                long stream = n;
                warmUp.add(Thread.ofVirtual().start(() -> load.stream(stream, Kind.NORMAL)));
            }
            for (Thread t : warmUp) {
                t.join();
            }
            assertThat(load.whole).as(load.problems.toString()).hasValue(10);
            ProcessHoldings baseline = awaitHoldings(
                    pid,
                    router.port(),
                    upstream.port(),
                    h -> h.clientConnections() == 0 && h.upstreamConnections() == 0);
            double abandonedBefore = metric(router, "coe_stream_abandoned_total{", "reason=\"client_gone\"");

            load.run(STREAMS, LOAD);

            assertThat(load.problems)
                    .as("streams that failed or were not whole")
                    .isEmpty();
            assertThat(load.whole.get()).as("streams read whole").isGreaterThan(STREAMS);
            assertThat(load.left).as("streams left on purpose").isNotEmpty();
            assertThat(load.slow.get()).as("streams read slowly to their end").isPositive();
            ProcessHoldings after = awaitHoldings(
                    pid,
                    router.port(),
                    upstream.port(),
                    h -> h.clientConnections() <= baseline.clientConnections()
                            && h.upstreamConnections() <= baseline.upstreamConnections()
                            && h.closeWait() == 0
                            && h.fds() <= baseline.fds() + TOLERANCE
                            && h.threads() <= baseline.threads() + TOLERANCE
                            && upstream.streaming().isEmpty());
            String holdings = "baseline " + baseline + ", after " + after;
            assertThat(after.clientConnections()).as(holdings).isLessThanOrEqualTo(baseline.clientConnections());
            assertThat(after.upstreamConnections()).as(holdings).isLessThanOrEqualTo(baseline.upstreamConnections());
            assertThat(after.closeWait()).as(holdings).isZero();
            assertThat(after.fds()).as(holdings).isLessThanOrEqualTo(baseline.fds() + TOLERANCE);
            assertThat(after.threads()).as(holdings).isLessThanOrEqualTo(baseline.threads() + TOLERANCE);
            assertThat(upstream.streaming())
                    .as("provider streams still being written")
                    .isEmpty();
            assertThat(upstream.connections())
                    .as("connections the provider still holds")
                    .isZero();
            assertThat(load.left)
                    .as("every stream whose client left ended at the provider")
                    .allMatch(upstream::ended);
            assertThat(metric(router, "http_server_requests_active_seconds_count{", "method=\"POST\""))
                    .as("chat requests still in flight")
                    .isZero();
            assertThat(metric(router, "coe_scheduler_queue_depth{", "expert=\"slow\""))
                    .as("calls queued for the expert")
                    .isZero();
            assertThat(metric(router, "coe_stream_abandoned_total{", "reason=\"client_gone\"") - abandonedBefore)
                    .as("streams given up on because their client left (each left with events still to come)")
                    .isGreaterThanOrEqualTo(load.left.size());
        }
    }

    /** Polls until {@code settled} holds, or the settle time is up; returns the last reading either way. */
    private static ProcessHoldings awaitHoldings(
            long pid, int serverPort, int upstreamPort, Predicate<ProcessHoldings> settled)
            throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        ProcessHoldings h = ProcessHoldings.of(pid, serverPort, upstreamPort);
        while (!settled.test(h) && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            h = ProcessHoldings.of(pid, serverPort, upstreamPort);
        }
        return h;
    }

    /** The sum of the Prometheus series that start with {@code prefix} and contain {@code label}. */
    private static double metric(RouterProcess router, String prefix, String label) throws Exception {
        // Its own connection, closed at once, so it leaves no keep-alive connection among the router's clients.
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), router.port()), 5_000);
            s.setSoTimeout(30_000);
            s.getOutputStream()
                    .write("GET /actuator/prometheus HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200");
            double sum = 0;
            for (String line : response.split("\n")) {
                if (line.startsWith(prefix) && line.contains(label)) {
                    sum += Double.parseDouble(
                            line.substring(line.lastIndexOf(' ') + 1).trim());
                }
            }
            return sum;
        }
    }

    /** Clients that keep {@code n} streams open, each replaced when it ends, and what they saw. */
    private static final class Load {
        private final int port;
        private final AtomicLong next = new AtomicLong(1_000);
        private final AtomicInteger whole = new AtomicInteger();
        private final AtomicInteger slow = new AtomicInteger();
        private final Set<Long> left = ConcurrentHashMap.newKeySet();
        private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private volatile boolean running = true;

        Load(int port) {
            this.port = port;
        }

        void run(int streams, Duration duration) throws InterruptedException {
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                long delay = 5_000L * i / streams; // opened over five seconds
                clients.add(Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        return;
                    }
                    while (running) {
                        long n = next.getAndIncrement();
                        int bucket = (int) Math.floorMod(n * 37, 100L);
                        stream(n, bucket < 10 ? Kind.SLOW : bucket < 15 ? Kind.LEAVING : Kind.NORMAL);
                    }
                }));
            }
            Thread.sleep(duration.toMillis());
            running = false;
            // Every client still streaming goes away at once.
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(60));
            }
        }

        /** One stream, read as {@code kind}. */
        void stream(long n, Kind kind) {
            String body = "{\"model\":\"slow\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\""
                    + SlowSseUpstream.question(n) + "\"}]}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            try (Socket s = new Socket()) {
                open.add(s);
                if (kind == Kind.SLOW) {
                    s.setReceiveBufferSize(1024);
                }
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
                s.setSoTimeout(60_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                + "Content-Length: " + bytes.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
                InputStream in = kind == Kind.SLOW ? new Slow(s.getInputStream()) : s.getInputStream();
                read(n, kind, new java.io.BufferedInputStream(in, kind == Kind.SLOW ? 128 : 8192));
            } catch (IOException | RuntimeException e) {
                if (running) {
                    problems.add("stream " + n + " (" + kind + "): " + e);
                }
            } finally {
                open.removeIf(Socket::isClosed);
            }
        }

        private void read(long n, Kind kind, InputStream in) throws IOException {
            String status = line(in);
            if (!status.startsWith("HTTP/1.1 200")) {
                problems.add("stream " + n + ": " + status);
                return;
            }
            boolean chunked = false;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                chunked |= h.equalsIgnoreCase("Transfer-Encoding: chunked");
            }
            if (!chunked) {
                problems.add("stream " + n + ": not chunked");
                return;
            }
            StringBuilder events = new StringBuilder();
            StringBuilder text = new StringBuilder();
            String finish = null;
            boolean done = false;
            int content = 0;
            while (true) {
                int size = Integer.parseInt(line(in).trim(), 16);
                if (size == 0) {
                    break;
                }
                events.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                line(in);
                int end;
                while ((end = events.indexOf("\n\n")) >= 0) {
                    String event = events.substring(0, end);
                    events.delete(0, end + 2);
                    if (event.startsWith(":")) {
                        continue; // keep-alive
                    }
                    if (!event.startsWith("data: ") || done) {
                        problems.add("stream " + n + ": unexpected event " + event);
                        return;
                    }
                    String data = event.substring(6);
                    if (data.equals("[DONE]")) {
                        done = true;
                        continue;
                    }
                    JsonNode chunk = JSON.readTree(data);
                    if (!chunk.path("object").asString("").equals("chat.completion.chunk")) {
                        problems.add("stream " + n + ": not a chunk: " + data);
                        return;
                    }
                    JsonNode choice = chunk.path("choices").path(0);
                    String piece = choice.path("delta").path("content").asString("");
                    if (!piece.isEmpty()) {
                        text.append(piece);
                        content++;
                    }
                    if (choice.path("finish_reason").isString()) {
                        finish = choice.path("finish_reason").asString();
                    }
                }
                if (kind == Kind.LEAVING && content >= 2 + n % 4) {
                    left.add(n);
                    return; // the socket closes with the try
                }
            }
            line(in); // the end of the chunked body
            if (!done || finish == null || !text.toString().equals(SlowSseUpstream.text(n)) || events.length() > 0) {
                problems.add("stream " + n + " not whole: done " + done + ", finish " + finish + ", text [" + text
                        + "], expected [" + SlowSseUpstream.text(n) + "]");
                return;
            }
            whole.incrementAndGet();
            if (kind == Kind.SLOW) {
                slow.incrementAndGet();
            }
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed in a line");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
                if (b.length() > 64 * 1024) {
                    throw new IOException("line too long");
                }
            }
            return b.toString();
        }
    }

    /** A reader that takes 128 bytes at a time with a pause before each: slower than the stream is written. */
    private static final class Slow extends FilterInputStream {
        Slow(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return super.read(b, off, Math.min(len, 128));
        }
    }
}
