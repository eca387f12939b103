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
import java.util.Locale;

/**
 * A loopback stand-in for Google's Gemini API ({@code POST /v1beta/models/{model}:generateContent}, and {@code
 * :streamGenerateContent?alt=sse}), the provider we cannot reach from tests. It answers with the last user message,
 * word by word, honouring {@code generationConfig.maxOutputTokens}; queued error statuses are played on the next
 * requests, in Gemini's {@code {"error": {code, message, status}}} shape.
 */
public final class GeminiStubServer extends ProviderStubServer {

    private GeminiStubServer() {
        super("Gemini");
    }

    public static GeminiStubServer start() {
        return new GeminiStubServer();
    }

    /** The base URL to configure an expert with, ending in {@code /v1beta}. */
    public String baseUrl() {
        return root() + "/v1beta";
    }

    @Override
    String path() {
        return ":generateContent";
    }

    @Override
    boolean routes(String requestPath) {
        return requestPath.startsWith("/v1beta/models/")
                && (requestPath.endsWith(":generateContent") || requestPath.endsWith(":streamGenerateContent"));
    }

    @Override
    void answer(HttpExchange exchange, JsonNode body) throws IOException {
        String last = "";
        int input = tokens(text(body.path("systemInstruction"))).size();
        for (JsonNode content : body.path("contents")) {
            String text = text(content);
            input += tokens(text).size();
            if ("user".equals(content.path("role").asText())) {
                last = text;
            }
        }
        List<String> all = tokens(last.strip());
        int max = body.path("generationConfig").path("maxOutputTokens").asInt(Integer.MAX_VALUE);
        List<String> pieces = all.subList(0, Math.min(max, all.size()));
        String finish = all.size() > max ? "MAX_TOKENS" : "STOP";
        if (exchange.getRequestURI().getPath().endsWith(":streamGenerateContent")) {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < pieces.size(); i++) {
                boolean lastPiece = i == pieces.size() - 1;
                ObjectNode chunk = chunk(pieces.get(i), lastPiece ? finish : null, input, i + 1);
                out.write(("data: " + chunk + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            if (pieces.isEmpty()) {
                out.write(("data: " + chunk("", finish, input, 0) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        send(
                exchange,
                200,
                chunk(String.join("", pieces), finish, input, pieces.size()).toString());
    }

    private static ObjectNode chunk(String text, String finish, int input, int output) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode candidate = root.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.put("role", "model");
        content.putArray("parts").addObject().put("text", text);
        if (finish != null) {
            candidate.put("finishReason", finish);
        }
        candidate.put("index", 0);
        root.putObject("usageMetadata")
                .put("promptTokenCount", input)
                .put("candidatesTokenCount", output)
                .put("totalTokenCount", input + output);
        root.put("modelVersion", "gemini-stub");
        return root;
    }

    private static String text(JsonNode content) {
        StringBuilder text = new StringBuilder();
        content.path("parts").forEach(part -> text.append(part.path("text").asText("")));
        return text.toString();
    }

    @Override
    String error(String type, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", statusCode(type));
        error.put("message", message);
        error.put("status", type.toUpperCase(Locale.ROOT));
        return root.toString();
    }

    /** The HTTP status Gemini answers with for one of its error statuses ({@code RESOURCE_EXHAUSTED}: 429). */
    public static int statusCode(String status) {
        return switch (status.toUpperCase(Locale.ROOT)) {
            case "INVALID_ARGUMENT" -> 400;
            case "PERMISSION_DENIED" -> 403;
            case "NOT_FOUND" -> 404;
            case "RESOURCE_EXHAUSTED" -> 429;
            case "UNAVAILABLE" -> 503;
            case "DEADLINE_EXCEEDED" -> 504;
            default -> 500;
        };
    }
}
