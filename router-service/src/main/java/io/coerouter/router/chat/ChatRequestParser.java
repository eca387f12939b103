package io.coerouter.router.chat;

import static io.coerouter.router.chat.JsonFields.bool;
import static io.coerouter.router.chat.JsonFields.integer;
import static io.coerouter.router.chat.JsonFields.invalidType;
import static io.coerouter.router.chat.JsonFields.longValue;
import static io.coerouter.router.chat.JsonFields.number;
import static io.coerouter.router.chat.JsonFields.requiredString;
import static io.coerouter.router.chat.JsonFields.unsupported;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a chat-completions body into a {@link ChatCompletionRequest}, refusing anything malformed, mistyped, out of
 * range, unknown or not yet supported with an OpenAI-format 400 that names the parameter. Messages are read by
 * {@link MessageParser}, the {@code coe} extension by {@link CoeOptionsParser}.
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

    /** The longest model name (and skill id) accepted; real ones are far shorter. */
    static final int MAX_MODEL_LENGTH = 256;

    private final JsonMapper json;

    public ChatRequestParser(JsonMapper json) {
        this.json = json;
    }

    public ChatCompletionRequest parse(byte[] body) {
        return parse(JsonBodies.readObject(json, body));
    }

    /** Validates an already-read JSON object (a Batch API line's {@code body}). */
    public ChatCompletionRequest parse(JsonNode root) {
        for (String name : root.propertyNames()) {
            if (UNSUPPORTED.contains(name)) {
                throw unsupported(name, "'" + name + "' is not supported by CoE Router yet.");
            }
            if (!SUPPORTED.contains(name) && !IGNORED.contains(name)) {
                throw JsonFields.unknown(null, name);
            }
        }
        String model = model(root);
        List<ChatMessage> messages = MessageParser.messages(root);
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
        return new ChatCompletionRequest(model, expertRequest, stream, includeUsage, CoeOptionsParser.coe(root), null);
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
                throw JsonFields.unknown("stream_options", name);
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
}
