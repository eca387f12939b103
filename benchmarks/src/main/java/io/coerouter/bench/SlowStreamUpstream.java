package io.coerouter.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A slow OpenAI-compatible streaming upstream: every {@code POST /v1/chat/completions} is answered with server-sent
 * {@code chat.completion.chunk} events, one HTTP chunk each, paced by a {@link StreamScript} from the stream number
 * in the question. HTTP/1.1 on blocking sockets, one virtual thread per connection (a sleeping virtual thread costs a
 * few hundred bytes, so thousands of streams are cheap), keep-alive with an idle timeout as real servers have. It
 * counts streams that ran to the end and streams whose connection the router closed before the end (cancelled).
 */
final class SlowStreamUpstream implements AutoCloseable {

    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 1024 * 1024;
    private static final long MAX_REQUESTS_PER_CONNECTION = 1_000_000L;

    private final StreamScript script;
    private final int idleTimeoutMs;
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();
    private final Set<Long> cancelledStreams = ConcurrentHashMap.newKeySet();
    private final LoopbackServer server;

    private SlowStreamUpstream(StreamScript script, int idleTimeoutMs) throws IOException {
        this.script = script;
        this.idleTimeoutMs = idleTimeoutMs;
        this.server = LoopbackServer.start(0, 4096, "slow-upstream", this::serve);
    }

    /**
     * Starts on a free loopback port.
     *
     * @param idleTimeoutMs how long an idle keep-alive connection stays open waiting for the next request
     */
    static SlowStreamUpstream start(StreamScript script, int idleTimeoutMs) throws IOException {
        return new SlowStreamUpstream(script, idleTimeoutMs);
    }

    int port() {
        return server.port();
    }

    /** Streams begun. */
    long started() {
        return started.get();
    }

    /** Streams that sent everything through {@code [DONE]}. */
    long completed() {
        return completed.get();
    }

    /** Streams whose connection the router closed before the end. */
    long cancelled() {
        return cancelled.get();
    }

    /** Whether the stream numbered {@code n} was cut by the router closing its connection. */
    boolean wasCancelled(long n) {
        return cancelledStreams.contains(n);
    }

    /** Requests without a stream number (answered 400). */
    long unknown() {
        return unknown.get();
    }

    /** Streams being written now. */
    int active() {
        return active.get();
    }

    /** Connections open now. */
    int connections() {
        return server.connections();
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(idleTimeoutMs);
            ByteLines in = new ByteLines(socket.getInputStream(), "request");
            OutputStream out = socket.getOutputStream();
            for (long served = 0; served < MAX_REQUESTS_PER_CONNECTION && !server.isClosed(); served++) {
                String body;
                try {
                    body = readRequest(in);
                } catch (SocketTimeoutException idle) {
                    return; // keep-alive timeout
                }
                if (body == null) {
                    return;
                }
                long n = StreamScript.streamNumber(body);
                if (n < 0) {
                    unknown.incrementAndGet();
                    byte[] reply = ("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 68"
                                    + "\r\nConnection: close\r\n\r\n"
                                    + "{\"error\":{\"message\":\"no stream number\",\"type\":\"invalid_request\"}}")
                            .getBytes(StandardCharsets.US_ASCII);
                    out.write(reply);
                    out.flush();
                    return;
                }
                if (!stream(n, body.contains("\"include_usage\":true"), out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the router reset or closed the connection between requests
        } catch (RuntimeException e) {
            if (!server.isClosed()) {
                System.err.println("slow upstream: connection failed: " + e);
            }
        }
    }

    /** Writes stream {@code n}; false when the router closed the connection before its end. */
    private boolean stream(long n, boolean usage, OutputStream out) throws IOException {
        started.incrementAndGet();
        active.incrementAndGet();
        try {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String id = "chatcmpl-slow" + n;
            String prefix = "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                    + "\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"delta\":";
            event(out, prefix + "{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
            List<String> chunks = script.chunks(n);
            int i = 0;
            for (String chunk : chunks) {
                Thread.sleep(script.pauseMs(n, i++));
                event(out, prefix + "{\"content\":\"" + chunk + "\"},\"finish_reason\":null}]}");
            }
            event(out, prefix + "{},\"finish_reason\":\"stop\"}]}");
            if (usage) {
                event(
                        out,
                        String.format(
                                Locale.ROOT,
                                "{\"id\":\"%s\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                                        + "\"model\":\"bench-model\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,"
                                        + "\"completion_tokens\":%d,\"total_tokens\":%d}}",
                                id,
                                chunks.size(),
                                chunks.size() + 12));
            }
            event(out, "[DONE]");
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            completed.incrementAndGet();
            return true;
        } catch (IOException e) {
            cancelled.incrementAndGet();
            cancelledStreams.add(n);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            active.decrementAndGet();
        }
    }

    /** One SSE event as one HTTP chunk, flushed. */
    private static void event(OutputStream out, String data) throws IOException {
        byte[] payload = ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(payload.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One request's body, or null when the peer closed between requests. */
    private static String readRequest(ByteLines in) throws IOException {
        String requestLine = in.readLine();
        if (requestLine == null) {
            return null;
        }
        long contentLength = -1;
        boolean chunked = false;
        int headBytes = requestLine.length();
        for (int lines = 0; ; lines++) {
            String line = in.requireLine();
            if (line.isEmpty()) {
                break;
            }
            headBytes += line.length();
            if (lines > 200 || headBytes > MAX_HEAD) {
                throw new IOException("request head too large");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            }
        }
        if (contentLength > MAX_BODY) {
            throw new IOException("request body too large");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            in.readChunked(body);
        } else if (contentLength > 0) {
            in.read(contentLength, body);
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }
}
