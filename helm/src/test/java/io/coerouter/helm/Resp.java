package io.coerouter.helm;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A minimal Redis client (RESP2 over a socket) for the test's own keys: list and delete them by pattern. */
final class Resp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private Resp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to a {@code redis://[:password@]host:port[/db]} URL (plain TCP only). */
    static Resp connect(URI url) throws IOException {
        Resp r = new Resp(new Socket(url.getHost(), url.getPort() < 0 ? 6379 : url.getPort()));
        String userInfo = url.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            String password = userInfo.substring(userInfo.indexOf(':') + 1);
            r.call("AUTH", password);
        }
        String path = url.getPath();
        if (path != null && path.length() > 1) {
            r.call("SELECT", path.substring(1));
        }
        return r;
    }

    List<String> keys(String pattern) throws IOException {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            List<?> reply = (List<?>) call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            cursor = (String) reply.get(0);
            for (Object k : (List<?>) reply.get(1)) {
                keys.add((String) k);
            }
        } while (!cursor.equals("0"));
        return keys;
    }

    void deleteKeys(String pattern) throws IOException {
        for (String key : keys(pattern)) {
            call("DEL", key);
        }
    }

    Object call(String... args) throws IOException {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
            b.append('$').append(bytes.length).append("\r\n").append(a).append("\r\n");
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read();
    }

    private Object read() throws IOException {
        int type = in.read();
        String line = line();
        return switch (type) {
            case '+', ':' -> line;
            case '-' -> throw new IOException("redis: " + line);
            case '$' -> {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    yield null;
                }
                byte[] data = in.readNBytes(n);
                line();
                yield new String(data, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int n = Integer.parseInt(line);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(read());
                }
                yield items;
            }
            default -> throw new IOException("unexpected reply type " + type);
        };
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            b.append((char) c);
        }
        in.read();
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
