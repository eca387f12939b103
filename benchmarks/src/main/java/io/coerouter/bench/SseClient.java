package io.coerouter.bench;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One streamed chat completion through the router on a raw HTTP/1.1 socket of its own, read as a normal client, a slow
 * reader (a tiny receive buffer and a pause before each small read, so back-pressure reaches the router) or a client
 * that disconnects after a few events. A stream read to its end is checked whole: status 200, every event parsed as a
 * {@code chat.completion.chunk}, the text equal to the {@link StreamScript}'s, a finish_reason, then {@code data:
 * [DONE]}.
 */
final class SseClient {

    /** How the client reads. */
    enum Kind {
        NORMAL,
        SLOW,
        DISCONNECT
    }

    /** How a stream ended for the client. */
    enum Outcome {
        /** Read to the end and whole. */
        WHOLE,
        /** Read to the end, but something was wrong (see the detail). */
        BROKEN,
        /** The client closed it on purpose after a few events. */
        LEFT,
        /** The connection failed, or the client was stopped, before the end. */
        FAILED
    }

    /** @param detail what was wrong, for BROKEN and FAILED */
    record Result(Outcome outcome, String detail) {}

    private static final int MAX_EVENTS = 100_000;
    /** A slow reader takes this many bytes at a time ... */
    static final int SLOW_READ_BYTES = 128;
    /** ... after this pause: 640 B/s, about half of what a stream sends, so the router's writes back up. */
    static final long SLOW_READ_PAUSE_MS = 200;

    private final int port;
    private final StreamScript script;
    private final int readTimeoutMs;
    private volatile Socket socket;

    SseClient(int port, StreamScript script, int readTimeoutMs) {
        this.port = port;
        this.script = script;
        this.readTimeoutMs = readTimeoutMs;
    }

    /** Closes the current stream's socket from another thread (the run is over). */
    void abort() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /**
     * Streams number {@code n} and reads it as {@code kind}.
     *
     * @param leaveAfter for {@link Kind#DISCONNECT}: close after this many content events
     */
    Result run(long n, Kind kind, int leaveAfter) {
        byte[] body = ("{\"model\":\"upstream\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\""
                        + StreamScript.question(n) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket()) {
            socket = s;
            s.setTcpNoDelay(true);
            if (kind == Kind.SLOW) {
                // Before connect, so the window the router sees is small from the start.
                s.setReceiveBufferSize(1024);
            }
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            s.setSoTimeout(readTimeoutMs);
            OutputStream out = s.getOutputStream();
            out.write(HttpConnection.post(port, "/v1/chat/completions", body));
            out.flush();
            InputStream raw = s.getInputStream();
            ByteLines in = new ByteLines(
                    kind == Kind.SLOW ? new Throttled(raw, SLOW_READ_BYTES, SLOW_READ_PAUSE_MS) : raw, "response");
            return read(n, kind, leaveAfter, in);
        } catch (IOException | RuntimeException e) {
            return new Result(Outcome.FAILED, e.toString());
        } finally {
            socket = null;
        }
    }

    private Result read(long n, Kind kind, int leaveAfter, ByteLines in) throws IOException {
        String status = in.requireLine();
        boolean chunked = false;
        for (int i = 0; ; i++) {
            String line = in.requireLine();
            if (line.isEmpty()) {
                break;
            }
            if (i > 200) {
                return new Result(Outcome.BROKEN, "too many headers");
            }
            if (line.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")
                    && line.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        if (!status.startsWith("HTTP/1.1 200")) {
            return new Result(Outcome.BROKEN, "status " + status);
        }
        if (!chunked) {
            return new Result(Outcome.BROKEN, "not chunked");
        }
        Events events = new Events();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        for (int c = 0; c < MAX_EVENTS; c++) {
            String size = in.requireLine();
            int semi = size.indexOf(';');
            long len = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (len == 0) {
                in.readLine(); // the empty trailer line
                return events.verdict(script.text(n));
            }
            chunk.reset();
            in.read(len, chunk);
            in.requireLine();
            String problem = events.add(chunk.toByteArray());
            if (problem != null) {
                return new Result(Outcome.BROKEN, problem);
            }
            if (kind == Kind.DISCONNECT && events.contentEvents >= leaveAfter && !events.done) {
                return new Result(Outcome.LEFT, null);
            }
        }
        return new Result(Outcome.BROKEN, "too many chunks");
    }

    /** The SSE events of one response, parsed as they complete. */
    private static final class Events {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private final StringBuilder text = new StringBuilder();
        private int contentEvents;
        private String finishReason;
        private boolean done;
        private int events;

        /** Adds response bytes; a problem, or null. */
        String add(byte[] bytes) {
            pending.writeBytes(bytes);
            String all = pending.toString(StandardCharsets.UTF_8);
            int from = 0;
            int end;
            while ((end = all.indexOf("\n\n", from)) >= 0) {
                String problem = event(all.substring(from, end));
                if (problem != null) {
                    return problem;
                }
                from = end + 2;
            }
            byte[] rest = all.substring(from).getBytes(StandardCharsets.UTF_8);
            pending.reset();
            pending.writeBytes(rest);
            return null;
        }

        private String event(String event) {
            events++;
            if (event.startsWith(":")) {
                return null; // a keep-alive comment
            }
            if (!event.startsWith("data: ")) {
                return "not an SSE data event: " + event;
            }
            if (done) {
                return "an event after [DONE]: " + event;
            }
            String data = event.substring(6);
            if (data.equals("[DONE]")) {
                done = true;
                return null;
            }
            Map<?, ?> chunk;
            try {
                chunk = MiniJson.parse(data) instanceof Map<?, ?> m ? m : null;
            } catch (IllegalArgumentException e) {
                chunk = null;
            }
            if (chunk == null) {
                return "an event that is not a JSON object: " + data;
            }
            if (chunk.containsKey("error")) {
                return "an error event: " + data;
            }
            if (!"chat.completion.chunk".equals(chunk.get("object"))) {
                return "not a chat.completion.chunk: " + data;
            }
            if (!(chunk.get("choices") instanceof List<?> choices)) {
                return "a chunk without choices: " + data;
            }
            if (choices.isEmpty()) {
                return chunk.get("usage") instanceof Map ? null : "a chunk without choices or usage: " + data;
            }
            if (!(choices.get(0) instanceof Map<?, ?> choice) || !(choice.get("delta") instanceof Map<?, ?> delta)) {
                return "a choice without a delta: " + data;
            }
            if (delta.get("content") instanceof String content && !content.isEmpty()) {
                text.append(content);
                contentEvents++;
            }
            if (choice.get("finish_reason") instanceof String finish) {
                finishReason = finish;
            }
            return null;
        }

        Result verdict(String expected) {
            if (pending.size() > 0) {
                return new Result(Outcome.BROKEN, "bytes after the last event");
            }
            if (!done) {
                return new Result(Outcome.BROKEN, "no data: [DONE] after " + events + " events");
            }
            if (finishReason == null) {
                return new Result(Outcome.BROKEN, "no finish_reason");
            }
            if (!text.toString().equals(expected)) {
                return new Result(Outcome.BROKEN, "text differs: got [" + text + "], expected [" + expected + "]");
            }
            return new Result(Outcome.WHOLE, null);
        }
    }

    /** Reads at most {@code maxRead} bytes at a time, pausing before each read: a client that reads slowly. */
    private static final class Throttled extends FilterInputStream {
        private final int maxRead;
        private final long pauseMs;

        Throttled(InputStream in, int maxRead, long pauseMs) {
            super(in);
            this.maxRead = maxRead;
            this.pauseMs = pauseMs;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return super.read(b, off, Math.min(len, maxRead));
        }
    }
}
