package io.coerouter.expert.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server speaking OpenAI's chat-completions protocol, standing in for a provider the tests cannot reach.
 * It answers with the last user message, one word per token (honouring {@code max_tokens} and {@code stop}), streams
 * when asked, and plays queued {@link Fault}s on the next requests.
 */
public final class OpenAiStubServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** What a request gets instead of a normal answer. */
    public sealed interface Fault {}

    /** Answer with this status, body and headers. */
    public record Status(int code, String body, Map<String, String> headers) implements Fault {}

    /** Wait this long before answering normally. */
    public record Delay(Duration delay) implements Fault {}

    /** Stream this many chunks, then drop the connection without finishing. */
    public record CutStream(int chunksBeforeCut) implements Fault {}

    /** Answer 200 with a body that is not JSON. */
    public record Malformed() implements Fault {}

    /** A request the server received. */
    public record Received(String path, String query, Map<String, List<String>> headers, JsonNode body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    private OpenAiStubServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a stub on a free loopback port. */
    public static OpenAiStubServer start() {
        OpenAiStubServer[] stub = new OpenAiStubServer[1];
        HttpServer server = StubHttp.start("OpenAI", exchange -> stub[0].handle(exchange));
        stub[0] = new OpenAiStubServer(server);
        return stub[0];
    }

    /** The base URL to configure an expert with, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The server's root, {@code http://127.0.0.1:<port>} (Azure's resource-endpoint layout hangs below it). */
    public String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Plays {@code fault} on the next request. */
    public OpenAiStubServer enqueue(Fault fault) {
        faults.add(fault);
        return this;
    }

    public static Status status(int code, String type, String message) {
        String body =
                "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":null}}";
        return new Status(code, body, Map.of());
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Received lastReceived() {
        return received.getLast();
    }

    public void reset() {
        faults.clear();
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        // Not try-with-resources: a cut stream must leave the exchange unclosed so the server drops the connection.
        boolean dropped = false;
        try {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            received.add(new Received(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body));
            if (!exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
                send(exchange, 404, "{\"error\":{\"message\":\"no such route\",\"type\":\"invalid_request_error\"}}");
                return;
            }
            Fault fault = faults.poll();
            if (fault instanceof Status s) {
                s.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                send(exchange, s.code(), s.body());
                return;
            }
            if (fault instanceof Malformed) {
                send(exchange, 200, "{\"id\": \"chatcmpl-broken\", \"choices\": [");
                return;
            }
            if (fault instanceof Delay d) {
                sleep(d.delay());
            }
            Answer answer = answer(body);
            if (body.path("stream").asBoolean(false)) {
                stream(exchange, body, answer, fault instanceof CutStream cut ? cut.chunksBeforeCut() : -1);
            } else {
                send(exchange, 200, completion(body, answer).toString());
            }
        } catch (StreamCut e) {
            dropped = true;
            throw e;
        } finally {
            if (!dropped) {
                exchange.close();
            }
        }
    }

    /** Thrown to make the JDK server drop the connection mid-body. */
    private static final class StreamCut extends RuntimeException {
        StreamCut(int chunks) {
            super("stub cut the stream after " + chunks + " chunks");
        }
    }

    private record Answer(List<String> pieces, String finishReason, int promptTokens) {}

    private static Answer answer(JsonNode body) {
        String lastUser = "";
        int promptTokens = 0;
        for (JsonNode message : body.path("messages")) {
            String content = message.path("content").asText("");
            promptTokens += tokens(content).size();
            if ("user".equals(message.path("role").asText())) {
                lastUser = content;
            }
        }
        List<String> all = tokens(lastUser.strip());
        int max = body.hasNonNull("max_tokens") ? body.get("max_tokens").asInt() : Integer.MAX_VALUE;
        String finish = all.size() > max ? "length" : "stop";
        String text = String.join("", all.subList(0, Math.min(max, all.size())));
        for (JsonNode stop : body.path("stop")) {
            int at = text.indexOf(stop.asText());
            if (at >= 0) {
                text = text.substring(0, at);
                finish = "stop";
            }
        }
        return new Answer(tokens(text), finish, promptTokens);
    }

    private static List<String> tokens(String text) {
        return StubHttp.tokens(text);
    }

    private static ObjectNode completion(JsonNode request, Answer answer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-stub");
        root.put("object", "chat.completion");
        root.put("created", 1_700_000_000L);
        root.put("model", request.path("model").asText());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", String.join("", answer.pieces()));
        choice.put("finish_reason", answer.finishReason());
        root.set("usage", usage(answer));
        return root;
    }

    private static ObjectNode usage(Answer answer) {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", answer.promptTokens());
        usage.put("completion_tokens", answer.pieces().size());
        usage.put("total_tokens", answer.promptTokens() + answer.pieces().size());
        return usage;
    }

    private static void stream(HttpExchange exchange, JsonNode request, Answer answer, int cutAfter)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        String model = request.path("model").asText();
        for (int i = 0; i < answer.pieces().size(); i++) {
            if (i == cutAfter) {
                // Let the client take in what was sent, as it would before a real mid-stream failure; a drop in the
                // same instant can reach the client together with the data, and then no text is delivered at all.
                sleep(Duration.ofMillis(200));
                throw new StreamCut(cutAfter);
            }
            ObjectNode chunk = chunk(model);
            ObjectNode choice = ((ArrayNode) chunk.get("choices")).addObject();
            choice.put("index", 0);
            ObjectNode delta = choice.putObject("delta");
            if (i == 0) {
                delta.put("role", "assistant");
            }
            delta.put("content", answer.pieces().get(i));
            choice.putNull("finish_reason");
            event(out, chunk.toString());
        }
        ObjectNode last = chunk(model);
        ObjectNode choice = ((ArrayNode) last.get("choices")).addObject();
        choice.put("index", 0);
        choice.putObject("delta");
        choice.put("finish_reason", answer.finishReason());
        event(out, last.toString());
        if (request.path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode usageChunk = chunk(model);
            usageChunk.set("usage", usage(answer));
            event(out, usageChunk.toString());
        }
        event(out, "[DONE]");
    }

    private static ObjectNode chunk(String model) {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", "chatcmpl-stub");
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", 1_700_000_000L);
        chunk.put("model", model);
        chunk.putArray("choices");
        return chunk;
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        StubHttp.send(exchange, status, body);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
