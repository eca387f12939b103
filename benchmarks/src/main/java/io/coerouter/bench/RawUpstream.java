package io.coerouter.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cheapest upstream: HTTP/1.1 on blocking sockets, one virtual thread per connection, persistent connections,
 * request bodies by Content-Length (or chunked), one prebuilt response written with a single write.
 */
final class RawUpstream implements Upstream {

    private static final int MAX_HEAD = 64 * 1024;
    /** A bound on a connection's serving loop; far above what a benchmark run needs. */
    private static final long MAX_REQUESTS_PER_CONNECTION = 100_000_000L;

    private static final byte[] OK = response("200 OK", COMPLETION, false);
    private static final byte[] OK_CLOSE = response("200 OK", COMPLETION, true);
    private static final byte[] NOT_FOUND = response(
            "404 Not Found",
            "{\"error\":{\"message\":\"not found\",\"type\":\"invalid_request_error\"}}"
                    .getBytes(StandardCharsets.US_ASCII),
            true);

    private final AtomicLong answered = new AtomicLong();
    private final LoopbackServer server;

    private RawUpstream(int port) throws IOException {
        this.server = LoopbackServer.start(port, 1024, "upstream", this::serve);
    }

    static RawUpstream start() throws IOException {
        return start(0);
    }

    static RawUpstream start(int port) throws IOException {
        return new RawUpstream(port);
    }

    private static byte[] response(String status, byte[] body, boolean close) {
        String head = "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public long answered() {
        return answered.get();
    }

    /** Serves one connection until the peer closes it, asks to, or sends something malformed. */
    private void serve(Socket socket) {
        try (socket;
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            HeadReader reader = new HeadReader(in);
            for (long served = 0; served < MAX_REQUESTS_PER_CONNECTION && !server.isClosed(); served++) {
                Head head = reader.readHead();
                if (head == null) {
                    return; // the peer closed between requests
                }
                reader.skipBody(head);
                boolean found = head.post && head.path.equals(PATH);
                if (found) {
                    answered.incrementAndGet();
                }
                byte[] reply = !found ? NOT_FOUND : head.close ? OK_CLOSE : OK;
                out.write(reply);
                out.flush();
                if (!found || head.close) {
                    return;
                }
            }
        } catch (SocketException e) {
            // reset by the peer: the gateway dropped an idle connection
        } catch (IOException | RuntimeException e) {
            if (!server.isClosed()) {
                System.err.println("upstream: connection failed: " + e);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }

    /** What the upstream needs from a request head. */
    private record Head(boolean post, String path, long contentLength, boolean chunked, boolean close) {}

    /** Reads request heads and bodies on one connection. */
    private static final class HeadReader {
        private final ByteLines lines;

        HeadReader(InputStream in) {
            this.lines = new ByteLines(in, "request");
        }

        private String readLine() throws IOException {
            return lines.readLine();
        }

        Head readHead() throws IOException {
            String requestLine = readLine();
            if (requestLine == null) {
                return null;
            }
            int sp1 = requestLine.indexOf(' ');
            int sp2 = requestLine.indexOf(' ', sp1 + 1);
            if (sp1 < 0 || sp2 < 0) {
                throw new IOException("malformed request line: " + requestLine);
            }
            boolean post = requestLine.startsWith("POST");
            String path = requestLine.substring(sp1 + 1, sp2);
            boolean close = requestLine.endsWith("HTTP/1.0");
            long contentLength = 0;
            boolean chunked = false;
            int headBytes = requestLine.length();
            for (int lines = 0; ; lines++) {
                String line = readLine();
                if (line == null) {
                    throw new IOException("connection closed in the request head");
                }
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
                    chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    close = value.equalsIgnoreCase("close");
                }
            }
            return new Head(post, path, contentLength, chunked, close);
        }

        void skipBody(Head head) throws IOException {
            if (head.chunked) {
                lines.readChunked(null);
            } else {
                lines.read(head.contentLength, null);
            }
        }
    }
}
