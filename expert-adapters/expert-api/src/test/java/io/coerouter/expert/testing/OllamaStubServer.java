package io.coerouter.expert.testing;

import static io.coerouter.expert.testing.StubHttp.send;
import static io.coerouter.expert.testing.StubHttp.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A loopback stand-in for Ollama's native chat API ({@code POST /api/chat}, whole answers and NDJSON streams), which
 * tests cannot run. It answers with the last user message, word by word, honouring {@code options.num_predict};
 * queued error statuses are played on the next requests.
 */
public final class OllamaStubServer extends ProviderStubServer {

    private OllamaStubServer() {
        super("Ollama");
    }

    public static OllamaStubServer start() {
        return new OllamaStubServer();
    }

    /** The base URL to configure an expert with (Ollama's root, without {@code /api}). */
    public String baseUrl() {
        return root();
    }

    @Override
    String path() {
        return "/api/chat";
    }

    @Override
    void answer(HttpExchange exchange, JsonNode body) throws IOException {
        {
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

    @Override
    String error(String type, String message) {
        return JSON.createObjectNode().put("error", type).toString();
    }
}
