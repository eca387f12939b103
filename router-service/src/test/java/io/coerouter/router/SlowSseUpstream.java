package io.coerouter.router;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A slow OpenAI-compatible provider, the one part a test may stub: every chat completion is answered with
 * server-sent {@code chat.completion.chunk} events, one HTTP chunk each with a pause before it, whose text is derived
 * from the stream number in the question ({@link #text}), so a client knows what it must receive. HTTP/1.1 on
 * blocking sockets, a virtual thread per connection, keep-alive with a short idle timeout as real servers have. It
 * records which streams ran to their end and which the router cut by closing the connection.
 */
final class SlowSseUpstream implements AutoCloseable {

    private static final Pattern NUMBER = Pattern.compile("Stream (\\d{1,18}):");
    private static final int IDLE_TIMEOUT_MS = 2_000;

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Long> streaming = ConcurrentHashMap.newKeySet();
    private final Set<Long> completed = ConcurrentHashMap.newKeySet();
    private final Set<Long> cut = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private SlowSseUpstream(ServerSocket server) {
        this.server = server;
        Thread.ofPlatform().daemon().name("slow-sse-accept").start(this::accept);
    }

    static SlowSseUpstream start() throws IOException {
        return new SlowSseUpstream(new ServerSocket(0, 1024, InetAddress.getLoopbackAddress()));
    }

    /** The question that asks for stream {@code n}. */
    static String question(long n) {
        return "Stream " + n + ": tell me the words.";
    }

    /** The content chunks of stream {@code n}: 10 to 30, some with non-ASCII letters. */
    static List<String> chunks(long n) {
        int count = 10 + (int) Math.floorMod(n * 7919, 21L);
        List<String> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long w = Math.floorMod(n * 31 + i * 17, 1000L);
            chunks.add((i == 0 ? "" : " ") + (w % 3 == 0 ? "mot-é" : w % 3 == 1 ? "wort-ß" : "word-") + w);
        }
        return chunks;
    }

    /** The whole text of stream {@code n}. */
    static String text(long n) {
        return String.join("", chunks(n));
    }

    int port() {
        return server.getLocalPort();
    }

    /** Streams being written now. */
    Set<Long> streaming() {
        return Set.copyOf(streaming);
    }

    /** Whether stream {@code n} ran to its end or was cut by the router. */
    boolean ended(long n) {
        return completed.contains(n) || cut.contains(n);
    }

    /** How many streams the router cut by closing the connection before their end. */
    int cut() {
        return cut.size();
    }

    /** How many streams ran to their end. */
    int completed() {
        return completed.size();
    }

    /** Connections open now. */
    int connections() {
        return open.size();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                open.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(IDLE_TIMEOUT_MS);
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                String body;
                try {
                    body = readRequest(in);
                } catch (SocketTimeoutException idle) {
                    return; // the keep-alive timeout
                }
                if (body == null) {
                    return;
                }
                Matcher m = NUMBER.matcher(body);
                if (!m.find()) {
                    out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                                    + "Connection: close\r\n\r\n{}")
                            .getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                if (!stream(Long.parseLong(m.group(1)), out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the router closed the connection between requests
        } finally {
            open.remove(socket);
        }
    }

    private boolean stream(long n, OutputStream out) throws IOException {
        streaming.add(n);
        try {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String prefix =
                    "{\"id\":\"chatcmpl-" + n + "\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                            + "\"model\":\"slow-model\",\"choices\":[{\"index\":0,\"delta\":";
            event(out, prefix + "{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
            int i = 0;
            for (String chunk : chunks(n)) {
                Thread.sleep(50 + Math.floorMod(n * 13 + i++ * 29, 101L));
                event(out, prefix + "{\"content\":\"" + chunk + "\"},\"finish_reason\":null}]}");
            }
            event(out, prefix + "{},\"finish_reason\":\"stop\"}]}");
            event(out, "[DONE]");
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            completed.add(n);
            return true;
        } catch (IOException e) {
            cut.add(n);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            streaming.remove(n);
        }
    }

    private static void event(OutputStream out, String data) throws IOException {
        byte[] payload = ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        out.write(String.format(Locale.ROOT, "%x\r\n", payload.length).getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A request's body (Content-Length only, which the router's HTTP client sends), or null at the end. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        int last4 = 0;
        while ((b = in.read()) >= 0) {
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0D0A0D0A) {
                break;
            }
            if (head.size() > 64 * 1024) {
                throw new IOException("request head too large");
            }
        }
        if (b < 0) {
            return null;
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        if (length > 1024 * 1024) {
            throw new IOException("request body too large");
        }
        return new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
