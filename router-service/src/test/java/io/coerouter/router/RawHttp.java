package io.coerouter.router;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * HTTP/1.1 over a plain socket, sending the request target exactly as given: HTTP clients normalise paths (dot
 * segments, percent-encoding), which is what the security tests must not let happen.
 */
final class RawHttp {

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** A response: status, headers (names in lower case) and the body (de-chunked). */
    record Reply(int status, Map<String, String> headers, String body) {

        /** The body as JSON, or null when it is not JSON. */
        JsonNode json() {
            try {
                return DemoHttp.JSON.readTree(body);
            } catch (RuntimeException e) {
                return null;
            }
        }

        /** Whether the body is an OpenAI-format error: {@code {"error": {"message": "...", "type": "..."}}}. */
        boolean isOpenAiError() {
            JsonNode json = json();
            return json != null
                    && headers.getOrDefault("content-type", "").startsWith("application/json")
                    && json.path("error").path("message").isString()
                    && !json.path("error").path("message").asString().isBlank()
                    && json.path("error").path("type").isString();
        }

        String code() {
            JsonNode json = json();
            return json == null ? null : json.path("error").path("code").asString(null);
        }
    }

    Reply send(String method, String target, String bearer, String body) throws IOException {
        return send(
                method, target, bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer), body, false);
    }

    /**
     * @param chunked send the body with {@code Transfer-Encoding: chunked} (no Content-Length)
     */
    Reply send(String method, String target, Map<String, String> headers, String body, boolean chunked)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(target)
                    .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                    .append(port)
                    .append("\r\nConnection: close\r\n");
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
                    head.append("Content-Type: application/json\r\n");
                }
                head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + bytes.length + "\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null && chunked) {
                for (int at = 0; at < bytes.length; at += 1000) {
                    int n = Math.min(1000, bytes.length - at);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes, at, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(bytes);
            }
            out.flush();
            return read(socket.getInputStream(), "HEAD".equals(method));
        }
    }

    private static Reply read(InputStream in, boolean head) throws IOException {
        String status = line(in);
        if (status == null || !status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP response: " + status);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.merge(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        byte[] body;
        if (head) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
                    size > 0;
                    size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                all.write(in.readNBytes(size));
                line(in);
            }
            body = all.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Reply(Integer.parseInt(status.substring(9, 12)), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
