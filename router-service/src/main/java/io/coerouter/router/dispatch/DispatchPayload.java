package io.coerouter.router.dispatch;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.ExpertRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a gateway asks a worker to run: the request, whether the client streams, and when the gateway stops waiting.
 * It travels as a {@link WorkItem}'s payload: {@link #toJson} on the gateway, {@link #fromJson} on the worker, which
 * treats the text as hostile (anyone who reaches Redis can write a queue entry).
 *
 * @param request what the expert is asked
 * @param streaming whether the worker publishes text as it is generated (else only the answer)
 * @param deadlineMillis when the gateway gives up waiting (epoch milliseconds): later work is wasted
 */
public record DispatchPayload(ExpertRequest request, boolean streaming, long deadlineMillis) {

    /** The most characters a payload's JSON may have. */
    public static final int MAX_JSON_CHARS = 16 * 1024 * 1024;

    public DispatchPayload {
        Objects.requireNonNull(request, "request");
        if (deadlineMillis < 0) {
            throw new IllegalArgumentException("deadlineMillis must be >= 0, but was " + deadlineMillis);
        }
    }

    /**
     * The payload as JSON: {@code {"request": {"messages": [{"role", "content"}], "temperature", "top_p",
     * "max_tokens", "stop", "seed", "presence_penalty", "frequency_penalty"}, "streaming", "deadline_ms"}}; unset
     * options are left out.
     */
    public static String toJson(DispatchPayload payload) {
        ExpertRequest r = payload.request();
        ObjectNode root = JsonFields.JSON.createObjectNode();
        ObjectNode request = root.putObject("request");
        ArrayNode messages = request.putArray("messages");
        for (ChatMessage m : r.messages()) {
            messages.addObject()
                    .put("role", m.role().name().toLowerCase(Locale.ROOT))
                    .put("content", m.content());
        }
        putIfSet(request, "temperature", r.temperature());
        putIfSet(request, "top_p", r.topP());
        if (r.maxTokens() != null) {
            request.put("max_tokens", r.maxTokens());
        }
        if (!r.stop().isEmpty()) {
            ArrayNode stop = request.putArray("stop");
            r.stop().forEach(stop::add);
        }
        if (r.seed() != null) {
            request.put("seed", r.seed());
        }
        putIfSet(request, "presence_penalty", r.presencePenalty());
        putIfSet(request, "frequency_penalty", r.frequencyPenalty());
        root.put("streaming", payload.streaming());
        root.put("deadline_ms", payload.deadlineMillis());
        return JsonFields.JSON.writeValueAsString(root);
    }

    private static void putIfSet(ObjectNode node, String field, Double value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /**
     * The payload {@code json} holds, checked as {@link ExpertRequest} checks a request; fields this version does not
     * know are ignored (a newer gateway during a rolling upgrade).
     *
     * @throws IllegalArgumentException naming the first field that is missing, of the wrong type or out of range (never
     *     repeating its value's text), or when the JSON is longer than {@link #MAX_JSON_CHARS}, malformed, nested too
     *     deeply or holds a key twice
     */
    public static DispatchPayload fromJson(String json) {
        JsonNode root = JsonFields.parse(json, MAX_JSON_CHARS, "payload");
        ExpertRequest request = request(JsonFields.object(root, "request", "request"));
        return new DispatchPayload(
                request,
                JsonFields.bool(root, "streaming", "streaming"),
                JsonFields.requiredLong(root, "deadline_ms", "deadline_ms", 0));
    }

    private static ExpertRequest request(JsonNode node) {
        JsonNode messages = node.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("request.messages must be a non-empty array");
        }
        List<ChatMessage> conversation = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            String path = "request.messages[" + i + "]";
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                throw new IllegalArgumentException(path + " must be an object");
            }
            conversation.add(new ChatMessage(
                    JsonFields.constant(message, "role", path + ".role", ChatMessage.Role.class),
                    JsonFields.text(message, "content", path + ".content")));
        }
        JsonNode stopNode = JsonFields.optionalArray(node, "stop", "request.stop");
        List<String> stop = new ArrayList<>(stopNode.size());
        for (int i = 0; i < stopNode.size(); i++) {
            stop.add(JsonFields.text(stopNode.get(i), "request.stop[" + i + "]"));
        }
        Double temperature = JsonFields.optionalNumber(node, "temperature", "request.temperature");
        Double topP = JsonFields.optionalNumber(node, "top_p", "request.top_p");
        Integer maxTokens = JsonFields.optionalInt(node, "max_tokens", "request.max_tokens");
        Long seed = JsonFields.optionalLong(node, "seed", "request.seed");
        Double presence = JsonFields.optionalNumber(node, "presence_penalty", "request.presence_penalty");
        Double frequency = JsonFields.optionalNumber(node, "frequency_penalty", "request.frequency_penalty");
        try {
            return new ExpertRequest(conversation, temperature, topP, maxTokens, stop, seed, presence, frequency);
        } catch (IllegalArgumentException e) {
            // ExpertRequest's own message names the field and, for a number, its value.
            throw new IllegalArgumentException("request: " + e.getMessage(), e);
        }
    }
}
