package io.coerouter.bench;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One persistent HTTP/1.1 client connection on a raw socket: writes a prebuilt request with one write and parses the
 * status line, headers and a Content-Length (or chunked) body. Not thread-safe; one caller at a time.
 */
final class HttpConnection implements Closeable {

    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final int port;
    private final int readTimeoutMs;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private ByteLines reader;
    /** Set when the server asked to close: the next exchange reconnects. */
    private boolean mustReconnect;
    /** Bytes received before the current response: more means it has started. */
    private long receivedBefore;

    HttpConnection(int port, int readTimeoutMs) {
        this.port = port;
        this.readTimeoutMs = readTimeoutMs;
    }

    /** A complete request: {@code POST path} with a JSON body, keep-alive. */
    static byte[] post(int port, String path, byte[] json) {
        return post(port, path, json, java.util.List.of());
    }

    /** The same with extra header lines ({@code Name: value}, each validated to hold no line break). */
    static byte[] post(int port, String path, byte[] json, java.util.List<String> headers) {
        StringBuilder extra = new StringBuilder();
        for (String header : headers) {
            if (header.indexOf('\r') >= 0 || header.indexOf('\n') >= 0 || header.indexOf(':') <= 0) {
                throw new IllegalArgumentException("a header is 'Name: value' on one line, not " + header);
            }
            extra.append(header).append("\r\n");
        }
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n" + extra + "Content-Length: "
                + json.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + json.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(json, 0, all, h.length, json.length);
        return all;
    }

    /** A complete {@code GET path} request, keep-alive. */
    static byte[] get(int port, String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    void connect() throws IOException {
        close();
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MS);
        s.setSoTimeout(readTimeoutMs);
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
        reader = new ByteLines(in, "response");
        mustReconnect = false;
    }

    /**
     * Sends {@code request} and reads the whole response; returns the status code. The body is copied to {@code body}
     * when it is not null, else skipped. On an I/O error the connection is closed; the next call reconnects.
     */
    int exchange(byte[] request, ByteArrayOutputStream body) throws IOException {
        boolean reused = socket != null && !mustReconnect;
        if (!reused) {
            connect();
        }
        receivedBefore = reader.received();
        try {
            out.write(request);
            out.flush();
            return readResponse(body);
        } catch (IOException e) {
            close();
            if (reused && reader.received() == receivedBefore) {
                // The server closed this idle connection (keep-alive timeout) before it saw the request: like any
                // HTTP client, retry once on a fresh connection. The time this took stays in the latency.
                connect();
                try {
                    out.write(request);
                    out.flush();
                    return readResponse(body);
                } catch (IOException | RuntimeException retry) {
                    close();
                    throw retry;
                }
            }
            throw e;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private int readResponse(ByteArrayOutputStream body) throws IOException {
        int status = -1;
        // skip 1xx responses (none expected), bounded
        for (int informational = 0; informational < 4; informational++) {
            String statusLine = reader.requireLine();
            if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
                throw new IOException("malformed status line: " + statusLine);
            }
            status = Integer.parseInt(statusLine, 9, 12, 10);
            long contentLength = -1;
            boolean chunked = false;
            boolean close = statusLine.startsWith("HTTP/1.0");
            for (int lines = 0; ; lines++) {
                String line = reader.requireLine();
                if (line.isEmpty()) {
                    break;
                }
                if (lines > 200) {
                    throw new IOException("too many response headers");
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                if (regionIs(line, colon, "content-length")) {
                    contentLength = Long.parseLong(line.substring(colon + 1).trim());
                } else if (regionIs(line, colon, "transfer-encoding")) {
                    chunked = line.substring(colon + 1)
                            .toLowerCase(java.util.Locale.ROOT)
                            .contains("chunked");
                } else if (regionIs(line, colon, "connection")) {
                    close = line.substring(colon + 1).trim().equalsIgnoreCase("close");
                }
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            if (chunked) {
                reader.readChunked(body);
            } else if (contentLength >= 0) {
                reader.read(contentLength, body);
            } else if (status != 204 && status != 304) {
                reader.readToEnd(body); // body until close
                close = true;
            }
            mustReconnect = close;
            return status;
        }
        throw new IOException("too many informational responses");
    }

    private static boolean regionIs(String line, int colon, String name) {
        return colon == name.length() && line.regionMatches(true, 0, name, 0, colon);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
