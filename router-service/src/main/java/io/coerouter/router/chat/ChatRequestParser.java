package io.coerouter.router.chat;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a chat-completions body into a {@link ChatCompletionRequest}, refusing anything malformed, mistyped, out of
 * range, unknown or not yet supported with an OpenAI-format 400 that names the parameter.
 */
public final class ChatRequestParser {

    /** Accepted and ignored: they change nothing about how this router answers. */
    private static final Set<String> IGNORED =
            Set.of("user", "store", "metadata", "parallel_tool_calls", "service_tier");

    private static final Set<String> SUPPORTED = Set.of(
            "model",
            "messages",
            "stream",
            "stream_options",
            "temperature",
            "top_p",
            "max_tokens",
            "max_completion_tokens",
            "n",
            "stop",
            "seed",
            "presence_penalty",
            "frequency_penalty",
            "logprobs",
            "response_format",
            "coe");

    /** Known OpenAI parameters this router cannot honour yet; refused rather than silently dropped. */
    private static final Set<String> UNSUPPORTED = Set.of(
            "tools",
            "tool_choice",
            "functions",
            "function_call",
            "logit_bias",
            "top_logprobs",
            "audio",
            "modalities",
            "prediction",
            "web_search_options",
            "reasoning_effort");

    private static final Map<String, ChatMessage.Role> ROLES = Map.of(
            "system", ChatMessage.Role.SYSTEM,
            "developer", ChatMessage.Role.SYSTEM,
            "user", ChatMessage.Role.USER,
            "assistant", ChatMessage.Role.ASSISTANT);

    /** The longest model name (and skill id) accepted; real ones are far shorter. */
    static final int MAX_MODEL_LENGTH = 256;

    private final JsonMapper json;

    public ChatRequestParser(JsonMapper json) {
        this.json = json;
    }

    public ChatCompletionRequest parse(byte[] body) {
        return parse(readTree(body));
    }

    /** Validates an already-read JSON object (a Batch API line's {@code body}). */
    public ChatCompletionRequest parse(JsonNode root) {
        for (String name : root.propertyNames()) {
            if (UNSUPPORTED.contains(name)) {
                throw unsupported(name, "'" + name + "' is not supported by CoE Router yet.");
            }
            if (!SUPPORTED.contains(name) && !IGNORED.contains(name)) {
                String shown = JsonBodies.echo(name);
                throw RouterException.invalid(
                        shown, "unknown_parameter", "Unrecognized request argument supplied: " + shown);
            }
        }
        String model = model(root);
        List<ChatMessage> messages = messages(root);
        boolean stream = bool(root, "stream", false);
        boolean includeUsage = streamOptions(root, stream);

        Integer n = integer(root, "n", 1, 128);
        if (n != null && n != 1) {
            throw unsupported("n", "Only n=1 is supported: CoE Router returns one choice per request.");
        }
        if (bool(root, "logprobs", false)) {
            throw unsupported("logprobs", "'logprobs' is not supported by CoE Router yet.");
        }
        responseFormat(root);

        Integer maxTokens = integer(root, "max_completion_tokens", 1, Integer.MAX_VALUE);
        if (maxTokens == null) {
            maxTokens = integer(root, "max_tokens", 1, Integer.MAX_VALUE);
        }
        ExpertRequest expertRequest = ExpertRequest.builder()
                .messages(messages)
                .temperature(number(root, "temperature", 0, 2))
                .topP(number(root, "top_p", 0, 1))
                .maxTokens(maxTokens)
                .stop(stop(root))
                .seed(longValue(root, "seed"))
                .presencePenalty(number(root, "presence_penalty", -2, 2))
                .frequencyPenalty(number(root, "frequency_penalty", -2, 2))
                .build();
        return new ChatCompletionRequest(model, expertRequest, stream, includeUsage, coe(root), null);
    }

    private JsonNode readTree(byte[] body) {
        return JsonBodies.readObject(json, body);
    }

    /** The model (or expert) name: bounded and printable, since it is looked up, logged and named in errors. */
    private static String model(JsonNode root) {
        String model = requiredString(root, "model");
        if (model.length() > MAX_MODEL_LENGTH) {
            throw RouterException.invalid(
                    "model",
                    "invalid_value",
                    "Invalid 'model': expected at most " + MAX_MODEL_LENGTH + " characters, but got " + model.length()
                            + ".");
        }
        if (model.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            throw RouterException.invalid(
                    "model", "invalid_value", "Invalid 'model': it may not contain whitespace or control characters.");
        }
        return model;
    }

    private List<ChatMessage> messages(JsonNode root) {
        JsonNode node = root.get("messages");
        if (node == null || node.isNull()) {
            throw RouterException.invalid(
                    "messages", "missing_required_parameter", "Missing required parameter: 'messages'.");
        }
        if (!node.isArray()) {
            throw invalidType("messages", "an array", node);
        }
        if (node.isEmpty()) {
            throw RouterException.invalid(
                    "messages", "empty_array", "Invalid 'messages': expected at least one message, but got none.");
        }
        List<ChatMessage> messages = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            messages.add(message(node.get(i), "messages[" + i + "]"));
        }
        return messages;
    }

    private static ChatMessage message(JsonNode node, String path) {
        if (!node.isObject()) {
            throw invalidType(path, "an object", node);
        }
        for (String name : node.propertyNames()) {
            switch (name) {
                case "role", "content", "name", "refusal" -> {}
                case "tool_calls", "function_call", "tool_call_id" ->
                    throw unsupported(path + "." + name, "Tool calls are not supported by CoE Router yet.");
                default ->
                    throw RouterException.invalid(
                            path + "." + JsonBodies.echo(name),
                            "unknown_parameter",
                            "Unrecognized argument supplied in " + path + ": " + JsonBodies.echo(name));
            }
        }
        for (String optional : List.of("name", "refusal")) {
            JsonNode value = node.get(optional);
            if (value != null && !value.isNull() && !value.isString()) {
                throw invalidType(path + "." + optional, "a string", value);
            }
        }
        String roleName = requiredString(node, "role", path + ".role");
        ChatMessage.Role role = ROLES.get(roleName);
        if (role == null) {
            if (roleName.equals("tool") || roleName.equals("function")) {
                throw unsupported(path + ".role", "Messages with role '" + roleName + "' are not supported yet.");
            }
            throw RouterException.invalid(
                    path + ".role",
                    "invalid_value",
                    "Invalid value for '" + path + ".role': expected one of system, developer, user, assistant, but"
                            + " got '" + JsonBodies.echo(roleName) + "'.");
        }
        return new ChatMessage(role, content(node.get("content"), path + ".content"));
    }

    private static String content(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            throw RouterException.invalid(
                    path, "missing_required_parameter", "Missing required parameter: '" + path + "'.");
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (!node.isArray()) {
            throw invalidType(path, "a string or an array of content parts", node);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < node.size(); i++) {
            JsonNode part = node.get(i);
            String partPath = path + "[" + i + "]";
            if (!part.isObject()) {
                throw invalidType(partPath, "an object", part);
            }
            String type = requiredString(part, "type", partPath + ".type");
            if (!type.equals("text")) {
                throw unsupported(
                        partPath + ".type",
                        "Content parts of type '" + JsonBodies.echo(type) + "' are not supported; send text.");
            }
            text.append(requiredString(part, "text", partPath + ".text"));
        }
        return text.toString();
    }

    private static boolean streamOptions(JsonNode root, boolean stream) {
        JsonNode node = root.get("stream_options");
        if (node == null || node.isNull()) {
            return false;
        }
        if (!stream) {
            throw RouterException.invalid(
                    "stream_options",
                    "invalid_value",
                    "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
        }
        if (!node.isObject()) {
            throw invalidType("stream_options", "an object", node);
        }
        for (String name : node.propertyNames()) {
            if (!name.equals("include_usage") && !name.equals("include_obfuscation")) {
                throw RouterException.invalid(
                        "stream_options." + JsonBodies.echo(name),
                        "unknown_parameter",
                        "Unrecognized argument supplied in stream_options: " + JsonBodies.echo(name));
            }
        }
        bool(node, "include_obfuscation", false, "stream_options.include_obfuscation");
        return bool(node, "include_usage", false, "stream_options.include_usage");
    }

    private static void responseFormat(JsonNode root) {
        JsonNode node = root.get("response_format");
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw invalidType("response_format", "an object", node);
        }
        String type = requiredString(node, "type", "response_format.type");
        if (!type.equals("text")) {
            throw unsupported(
                    "response_format.type",
                    "response_format '" + JsonBodies.echo(type) + "' is not supported yet; use 'text'.");
        }
    }

    private static List<String> stop(JsonNode root) {
        JsonNode node = root.get("stop");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isString()) {
            return List.of(node.stringValue());
        }
        if (!node.isArray()) {
            throw invalidType("stop", "a string or an array of strings", node);
        }
        if (node.size() > 4) {
            throw RouterException.invalid(
                    "stop",
                    "invalid_value",
                    "Invalid 'stop': expected at most 4 sequences, but got " + node.size() + ".");
        }
        List<String> stops = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode s = node.get(i);
            if (!s.isString() || s.stringValue().isEmpty()) {
                throw invalidType("stop[" + i + "]", "a non-empty string", s);
            }
            stops.add(s.stringValue());
        }
        return stops;
    }

    private static CoeOptions coe(JsonNode root) {
        JsonNode node = root.get("coe");
        if (node == null || node.isNull()) {
            return CoeOptions.NONE;
        }
        if (!node.isObject()) {
            throw invalidType("coe", "an object", node);
        }
        for (String name : node.propertyNames()) {
            if (!Set.of("k", "aggregator", "skills", "explain", "method", "max_cost_usd", "max_latency_ms")
                    .contains(name)) {
                throw RouterException.invalid(
                        "coe." + JsonBodies.echo(name),
                        "unknown_parameter",
                        "Unrecognized argument supplied in coe: " + JsonBodies.echo(name));
            }
        }
        Integer k = integer(node, "k", 1, 16, "coe.k");
        String aggregator = null;
        JsonNode agg = node.get("aggregator");
        if (agg != null && !agg.isNull()) {
            if (!agg.isString()) {
                throw invalidType("coe.aggregator", "a string", agg);
            }
            aggregator = agg.stringValue();
            if (!CoeOptions.AGGREGATORS.contains(aggregator)) {
                throw RouterException.invalid(
                        "coe.aggregator",
                        "invalid_value",
                        "Invalid value for 'coe.aggregator': expected one of " + CoeOptions.AGGREGATORS + ", but got '"
                                + JsonBodies.echo(aggregator) + "'.");
            }
        }
        List<String> skills = new ArrayList<>();
        JsonNode skillsNode = node.get("skills");
        if (skillsNode != null && !skillsNode.isNull()) {
            if (!skillsNode.isArray()) {
                throw invalidType("coe.skills", "an array of strings", skillsNode);
            }
            if (skillsNode.size() > 32) {
                throw RouterException.invalid(
                        "coe.skills",
                        "invalid_value",
                        "Invalid 'coe.skills': expected at most 32 skills, but got " + skillsNode.size() + ".");
            }
            for (int i = 0; i < skillsNode.size(); i++) {
                JsonNode s = skillsNode.get(i);
                if (!s.isString() || s.stringValue().isBlank()) {
                    throw invalidType("coe.skills[" + i + "]", "a non-empty string", s);
                }
                if (s.stringValue().length() > MAX_MODEL_LENGTH) {
                    throw RouterException.invalid(
                            "coe.skills[" + i + "]",
                            "invalid_value",
                            "Invalid 'coe.skills[" + i + "]': expected at most " + MAX_MODEL_LENGTH
                                    + " characters, but got " + s.stringValue().length() + ".");
                }
                skills.add(s.stringValue());
            }
        }
        String method = null;
        JsonNode methodNode = node.get("method");
        if (methodNode != null && !methodNode.isNull()) {
            if (!methodNode.isString()) {
                throw invalidType("coe.method", "a string", methodNode);
            }
            method = methodNode.stringValue();
            if (!CoeOptions.METHODS.contains(method)) {
                throw RouterException.invalid(
                        "coe.method",
                        "invalid_value",
                        "Invalid value for 'coe.method': expected one of " + CoeOptions.METHODS + ", but got '"
                                + JsonBodies.echo(method) + "'.");
            }
        }
        java.math.BigDecimal maxCost = null;
        JsonNode costNode = node.get("max_cost_usd");
        if (costNode != null && !costNode.isNull()) {
            if (!costNode.isNumber()) {
                throw invalidType("coe.max_cost_usd", "a number >= 0", costNode);
            }
            double cost = finite(costNode);
            if (!(cost >= 0)) {
                throw outOfRange("coe.max_cost_usd", "0", null, costNode);
            }
            maxCost = costNode.decimalValue();
        }
        Double maxLatency = null;
        JsonNode latencyNode = node.get("max_latency_ms");
        if (latencyNode != null && !latencyNode.isNull()) {
            if (!latencyNode.isNumber()) {
                throw invalidType("coe.max_latency_ms", "a number > 0", latencyNode);
            }
            maxLatency = finite(latencyNode);
            if (!(maxLatency > 0)) {
                throw RouterException.invalid(
                        "coe.max_latency_ms",
                        "invalid_value",
                        "Invalid value for 'coe.max_latency_ms': expected a finite number above 0, but got "
                                + JsonBodies.echo(latencyNode.toString()) + ".");
            }
        }
        return new CoeOptions(
                k, aggregator, skills, bool(node, "explain", false, "coe.explain"), method, maxCost, maxLatency);
    }

    // ---- typed field readers; each error names the parameter by its full path ----

    private static String requiredString(JsonNode parent, String name) {
        return requiredString(parent, name, name);
    }

    private static String requiredString(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw RouterException.invalid(
                    path, "missing_required_parameter", "Missing required parameter: '" + path + "'.");
        }
        if (!node.isString()) {
            throw invalidType(path, "a string", node);
        }
        if (node.stringValue().isEmpty()) {
            throw RouterException.invalid(
                    path, "invalid_value", "Invalid '" + path + "': expected a non-empty string, but got ''.");
        }
        return node.stringValue();
    }

    private static boolean bool(JsonNode parent, String name, boolean fallback) {
        return bool(parent, name, fallback, name);
    }

    private static boolean bool(JsonNode parent, String name, boolean fallback, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw invalidType(path, "a boolean", node);
        }
        return node.booleanValue();
    }

    private static Double number(JsonNode parent, String name, double min, double max) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw invalidType(name, "a number", node);
        }
        double value = finite(node);
        if (!(value >= min && value <= max)) {
            throw outOfRange(name, fmt(min), fmt(max), node);
        }
        return value;
    }

    /** The number as a double; NaN when it is beyond the double range (1 and 400 zeros, 1e999), never an error. */
    private static double finite(JsonNode number) {
        double value = number.numberValue().doubleValue();
        return Double.isFinite(value) ? value : Double.NaN;
    }

    private static Integer integer(JsonNode parent, String name, int min, int max) {
        return integer(parent, name, min, max, name);
    }

    private static Integer integer(JsonNode parent, String name, int min, int max, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw invalidType(path, "an integer", node);
        }
        if (!node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw outOfRange(
                    path, Integer.toString(min), max == Integer.MAX_VALUE ? null : Integer.toString(max), node);
        }
        return node.intValue();
    }

    private static Long longValue(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw invalidType(name, "a 64-bit integer", node);
        }
        return node.longValue();
    }

    private static RouterException invalidType(String path, String expected, JsonNode actual) {
        return RouterException.invalid(
                path,
                "invalid_type",
                "Invalid type for '" + path + "': expected " + expected + ", but got " + describe(actual)
                        + " instead.");
    }

    private static RouterException outOfRange(String path, String min, String max, JsonNode actual) {
        String range = max == null ? "at least " + min : "between " + min + " and " + max;
        return RouterException.invalid(
                path,
                "invalid_value",
                "Invalid value for '" + path + "': expected a value " + range + ", but got "
                        + JsonBodies.echo(actual.toString()) + ".");
    }

    private static RouterException unsupported(String path, String message) {
        return RouterException.invalid(path, "unsupported_parameter", message);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
