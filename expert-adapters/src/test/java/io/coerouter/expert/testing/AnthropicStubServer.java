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
 * A loopback stand-in for Anthropic's Messages API ({@code POST /v1/messages}, whole answers and SSE streams), the
 * provider we cannot reach from tests. It answers with the last user message, word by word, honouring {@code
 * max_tokens}; queued error statuses are played on the next requests.
 */
public final class AnthropicStubServer implements AutoCloseable {

    private static final Pattern TOKEN = Pattern.compile("\\s*\\S+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An error answer: HTTP status, Anthropic error type and extra headers. */
    public record Status(int code, String type, Map<String, String> headers) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Status> faults = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();

    private AnthropicStubServer(HttpServer server) {
        this.server = server;
    }

    public static AnthropicStubServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            AnthropicStubServer stub = new AnthropicStubServer(server);
            server.createContext("/", stub::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Anthropic stub server", e);
        }
    }

    /** The base URL to configure an expert with, ending in {@code /v1/}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
    }

    public AnthropicStubServer enqueue(Status fault) {
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
            if (!exchange.getRequestURI().getPath().endsWith("/messages")) {
                send(exchange, 404, error("not_found_error", "no such route"));
                return;
            }
            Status fault = faults.poll();
            if (fault != null) {
                fault.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                send(exchange, fault.code(), error(fault.type(), "stub " + fault.type()));
                return;
            }
            String last = "";
            int input = 0;
            for (JsonNode message : body.path("messages")) {
                String text = text(message.path("content"));
                input += tokens(text).size();
                if ("user".equals(message.path("role").asText())) {
                    last = text;
                }
            }
            List<String> all = tokens(last.strip());
            int max = body.path("max_tokens").asInt(Integer.MAX_VALUE);
            List<String> pieces = all.subList(0, Math.min(max, all.size()));
            String stop = all.size() > max ? "max_tokens" : "end_turn";
            if (body.path("stream").asBoolean(false)) {
                stream(exchange, body, pieces, stop, input);
                return;
            }
            ObjectNode root = message(body);
            root.putArray("content").addObject().put("type", "text").put("text", String.join("", pieces));
            root.put("stop_reason", stop);
            root.putObject("usage").put("input_tokens", input).put("output_tokens", pieces.size());
            send(exchange, 200, root.toString());
        }
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(block -> text.append(block.path("text").asText("")));
        return text.toString();
    }

    private static ObjectNode message(JsonNode request) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "msg_stub");
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", request.path("model").asText());
        return root;
    }

    private static void stream(HttpExchange exchange, JsonNode request, List<String> pieces, String stop, int input)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        ObjectNode start = message(request);
        start.putArray("content");
        start.putNull("stop_reason");
        start.putObject("usage").put("input_tokens", input).put("output_tokens", 0);
        ObjectNode messageStart = JSON.createObjectNode().put("type", "message_start");
        messageStart.set("message", start);
        event(out, "message_start", messageStart);
        ObjectNode blockStart =
                JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        event(out, "content_block_start", blockStart);
        for (String piece : pieces) {
            ObjectNode delta =
                    JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "text_delta").put("text", piece);
            event(out, "content_block_delta", delta);
        }
        event(
                out,
                "content_block_stop",
                JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));
        ObjectNode messageDelta = JSON.createObjectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", stop);
        messageDelta.putObject("usage").put("output_tokens", pieces.size());
        event(out, "message_delta", messageDelta);
        event(out, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
    }

    private static void event(OutputStream out, String name, JsonNode data) throws IOException {
        out.write(("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String error(String type, String message) {
        ObjectNode root = JSON.createObjectNode().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return root.toString();
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
