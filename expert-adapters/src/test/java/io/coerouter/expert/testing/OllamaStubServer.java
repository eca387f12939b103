package io.coerouter.expert.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for Ollama's native chat API ({@code POST /api/chat}, whole answers and NDJSON streams), which
 * tests cannot run. It answers with the last user message, word by word, honouring {@code options.num_predict};
 * queued error statuses are played on the next requests.
 */
public final class OllamaStubServer implements AutoCloseable {

    private static final Pattern TOKEN = Pattern.compile("\\s*\\S+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An error answer: HTTP status, error text (Ollama's {@code {"error": ...}}) and extra headers. */
    public record Status(int code, String type, Map<String, String> headers) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Status> faults = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();

    private OllamaStubServer(HttpServer server) {
        this.server = server;
    }

    public static OllamaStubServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OllamaStubServer stub = new OllamaStubServer(server);
            server.createContext("/", stub::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Ollama stub server", e);
        }
    }

    /** The base URL to configure an expert with (Ollama's root, without {@code /api}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public OllamaStubServer enqueue(Status fault) {
        faults.add(fault);
        return this;
    }

    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    public List<Map<String, List<String>>> headers() {
        return List.copyOf(headers);
    }

    public void reset() {
        faults.clear();
        received.clear();
        headers.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            received.add(body);
            headers.add(Map.copyOf(exchange.getRequestHeaders()));
            if (!exchange.getRequestURI().getPath().equals("/api/chat")) {
                send(exchange, 404, error("no such route"));
                return;
            }
            Status fault = faults.poll();
            if (fault != null) {
                fault.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                send(exchange, fault.code(), error(fault.type()));
                return;
            }
            String last = "";
            int input = 0;
            for (JsonNode message : body.path("messages")) {
                String text = message.path("content").asText("");
                input += tokens(text).size();
                if ("user".equals(message.path("role").asText())) {
                    last = text;
                }
            }
            List<String> all = tokens(last.strip());
            int max = body.path("options").path("num_predict").asInt(Integer.MAX_VALUE);
            List<String> pieces = all.subList(0, Math.min(max, all.size()));
            String done = all.size() > max ? "length" : "stop";
            if (!body.path("stream").asBoolean(true)) {
                ObjectNode root = chunk(body, String.join("", pieces));
                finish(root, done, input, pieces.size());
                send(exchange, 200, root.toString());
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String piece : pieces) {
                line(out, chunk(body, piece).put("done", false));
            }
            ObjectNode end = chunk(body, "");
            finish(end, done, input, pieces.size());
            line(out, end);
        }
    }

    private static ObjectNode chunk(JsonNode request, String content) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", request.path("model").asText());
        root.put("created_at", "2026-01-01T00:00:00Z");
        root.putObject("message").put("role", "assistant").put("content", content);
        return root;
    }

    private static void finish(ObjectNode root, String reason, int input, int output) {
        root.put("done", true);
        root.put("done_reason", reason);
        root.put("prompt_eval_count", input);
        root.put("eval_count", output);
    }

    private static void line(OutputStream out, JsonNode value) throws IOException {
        out.write((value + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static List<String> tokens(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }
}
