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
 * A loopback stand-in for Anthropic's Messages API ({@code POST /v1/messages}, whole answers and SSE streams), the
 * provider we cannot reach from tests. It answers with the last user message, word by word, honouring {@code
 * max_tokens}; queued error statuses are played on the next requests.
 */
public final class AnthropicStubServer extends ProviderStubServer {

    private AnthropicStubServer() {
        super("Anthropic");
    }

    public static AnthropicStubServer start() {
        return new AnthropicStubServer();
    }

    /** The base URL to configure an expert with, ending in {@code /v1/}. */
    public String baseUrl() {
        return root() + "/v1/";
    }

    @Override
    String path() {
        return "/messages";
    }

    @Override
    void answer(HttpExchange exchange, JsonNode body) throws IOException {
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

    @Override
    String error(String type, String message) {
        ObjectNode root = JSON.createObjectNode().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return root.toString();
    }
}
