package io.coerouter.router.batch;

import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.chat.ChatRequestParser;
import io.coerouter.router.error.RouterException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a batch input file: one {@code {"custom_id", "method": "POST", "url", "body"}} object per line, each body a
 * chat-completions request validated exactly as the online endpoint validates it. A bad line does not stop the
 * others: it becomes a {@link Line} with its error and line number. Blank lines are skipped.
 */
final class BatchInput {

    /**
     * One non-blank line.
     *
     * @param number its 1-based line number in the file
     * @param customId its {@code custom_id}, when one could be read
     * @param request the validated request, or null when the line is bad
     * @param error why the line is bad, or null
     */
    record Line(int number, String customId, ChatCompletionRequest request, RouterException error) {

        boolean ok() {
            return error == null;
        }
    }

    private BatchInput() {}

    /** Reads the lines of {@code file} as it streams in: the file is never one string or one array. */
    static List<Line> read(InputStream file, String endpoint, JsonMapper json, ChatRequestParser parser)
            throws IOException {
        List<Line> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int number = 0;
        Reader reader = new BufferedReader(new InputStreamReader(file, StandardCharsets.UTF_8), 64 * 1024);
        StringBuilder raw = new StringBuilder();
        for (int c = reader.read(); ; c = reader.read()) {
            if (c == '\n' || c < 0) {
                number++;
                if (!raw.toString().isBlank()) {
                    lines.add(line(number, raw.toString(), endpoint, json, parser, seen));
                }
                raw.setLength(0);
                if (c < 0) {
                    return lines;
                }
            } else {
                raw.append((char) c);
            }
        }
    }

    /** How many non-blank lines {@code file} holds, read as it streams in. */
    static int count(InputStream file) throws IOException {
        int lines = 0;
        boolean blank = true;
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = file.read(buffer)) > 0; ) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    lines += blank ? 0 : 1;
                    blank = true;
                } else if (b != ' ' && b != '\r' && b != '\t') {
                    blank = false;
                }
            }
        }
        return lines + (blank ? 0 : 1);
    }

    private static Line line(
            int number, String raw, String endpoint, JsonMapper json, ChatRequestParser parser, Set<String> seen) {
        JsonNode node;
        try {
            node = json.readTree(raw);
        } catch (JacksonException e) {
            return bad(
                    number,
                    null,
                    null,
                    "invalid_json",
                    "Line " + number + " is not valid JSON: " + e.getOriginalMessage() + ".");
        }
        if (node == null || !node.isObject()) {
            return bad(number, null, null, "invalid_json", "Line " + number + " must be a JSON object.");
        }
        JsonNode id = node.get("custom_id");
        String customId = id != null && id.isString() ? id.asString() : null;
        if (customId == null || customId.isBlank()) {
            return bad(
                    number,
                    null,
                    "custom_id",
                    "missing_required_parameter",
                    "Line " + number + " needs a non-empty string 'custom_id'.");
        }
        if (!seen.add(customId)) {
            return bad(
                    number,
                    customId,
                    "custom_id",
                    "duplicate_custom_id",
                    "Line " + number + " repeats custom_id '" + customId + "'; each line needs its own.");
        }
        JsonNode method = node.get("method");
        if (method == null || !"POST".equals(method.asString(""))) {
            return bad(number, customId, "method", "invalid_value", "Line " + number + ": method must be 'POST'.");
        }
        JsonNode url = node.get("url");
        if (url == null || !endpoint.equals(url.asString(""))) {
            return bad(
                    number,
                    customId,
                    "url",
                    "invalid_value",
                    "Line " + number + ": url must be '" + endpoint + "', the batch's endpoint.");
        }
        JsonNode body = node.get("body");
        if (body == null || !body.isObject()) {
            return bad(
                    number,
                    customId,
                    "body",
                    "missing_required_parameter",
                    "Line " + number + " needs a JSON object 'body' holding the request.");
        }
        ChatCompletionRequest request;
        try {
            request = parser.parse(body);
        } catch (RouterException e) {
            // The same error as online, placed in the file: its line, and its parameter under 'body'.
            return new Line(
                    number,
                    customId,
                    null,
                    new RouterException(
                            e.kind(),
                            "Line " + number + ": " + e.getMessage(),
                            e.param() == null ? "body" : "body." + e.param(),
                            e.code()));
        }
        if (request.stream()) {
            return bad(
                    number,
                    customId,
                    "body.stream",
                    "invalid_value",
                    "Line " + number + ": batch requests cannot stream; leave 'stream' out or false.");
        }
        return new Line(number, customId, request, null);
    }

    private static Line bad(int number, String customId, String param, String code, String message) {
        return new Line(number, customId, null, RouterException.invalid(param, code, message));
    }
}
