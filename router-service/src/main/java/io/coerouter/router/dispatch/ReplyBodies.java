package io.coerouter.router.dispatch;

import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenUsage;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON bodies of DONE and FAILED {@link Reply}s. The gateway reads them as hostile: typed fields, bounded sizes,
 * and a failure's message cut short and stripped of control characters before it can reach a client.
 */
final class ReplyBodies {

    /** The most characters of a worker's failure message a client reads. */
    static final int MAX_MESSAGE_CHARS = 1000;

    /** What follows the expert and its state in {@link ExpertException}'s message: a provider's HTTP status. */
    private static final Pattern STATUS = Pattern.compile("^ \\(HTTP [0-9]+\\)");

    private ReplyBodies() {}

    /**
     * {@code {"response": {"expert_id", "text", "finish_reason", "input_tokens", "output_tokens"}, "served":
     * {"worker", "wait_ms", "load_ms", "generation_ms", "batch_size"}}}: the answer before the gateway prices and
     * times it.
     */
    static String done(ExpertResponse response, Served served) {
        ObjectNode root = JsonFields.JSON.createObjectNode();
        root.putObject("response")
                .put("expert_id", response.expertId())
                .put("text", response.text())
                .put("finish_reason", response.finishReason().name().toLowerCase(Locale.ROOT))
                .put("input_tokens", response.usage().inputTokens())
                .put("output_tokens", response.usage().outputTokens());
        root.putObject("served")
                .put("worker", served.worker())
                .put("wait_ms", served.waitMillis())
                .put("load_ms", served.loadMillis())
                .put("generation_ms", served.generationMillis())
                .put("batch_size", served.batchSize());
        return JsonFields.JSON.writeValueAsString(root);
    }

    static ExpertResponse response(String body, String expertId) {
        JsonNode response = JsonFields.object(parse(body, "DONE body"), "response", "response");
        try {
            return ExpertResponse.of(
                    expertId,
                    JsonFields.text(response, "text", "response.text"),
                    JsonFields.constant(response, "finish_reason", "response.finish_reason", FinishReason.class),
                    new TokenUsage(
                            JsonFields.requiredLong(response, "input_tokens", "response.input_tokens", 0),
                            JsonFields.requiredLong(response, "output_tokens", "response.output_tokens", 0)));
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("response: " + e.getMessage(), e);
        }
    }

    static Served served(String body) {
        JsonNode served = JsonFields.object(parse(body, "DONE body"), "served", "served");
        String worker = JsonFields.text(served, "worker", "served.worker");
        Integer batch = JsonFields.optionalInt(served, "batch_size", "served.batch_size");
        if (batch == null) {
            throw new IllegalArgumentException("served.batch_size must be set");
        }
        try {
            return new Served(
                    worker.replaceAll("\\p{Cntrl}", " "),
                    JsonFields.requiredLong(served, "wait_ms", "served.wait_ms", 0),
                    JsonFields.requiredLong(served, "load_ms", "served.load_ms", 0),
                    JsonFields.requiredLong(served, "generation_ms", "served.generation_ms", 0),
                    batch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("served: " + e.getMessage(), e);
        }
    }

    /** {@code {"kind", "message", "retry_after_ms"}}: the message without the worker's "expert 'x' state" prefix. */
    static String failed(ExpertException error) {
        ObjectNode root = JsonFields.JSON
                .createObjectNode()
                .put("kind", error.kind().name())
                .put("message", detail(error));
        error.retryAfter().ifPresent(wait -> root.put("retry_after_ms", wait.toMillis()));
        return JsonFields.JSON.writeValueAsString(root);
    }

    static ExpertException error(String body, String expertId) {
        JsonNode root = parse(body, "FAILED body");
        ExpertErrorKind kind = JsonFields.constant(root, "kind", "kind", ExpertErrorKind.class);
        String message = JsonFields.text(root, "message", "message").replaceAll("\\p{Cntrl}", " ");
        if (message.length() > MAX_MESSAGE_CHARS) {
            message = message.substring(0, MAX_MESSAGE_CHARS) + "...";
        }
        Long retryAfter = JsonFields.optionalLong(root, "retry_after_ms", "retry_after_ms");
        if (retryAfter != null && retryAfter < 0) {
            throw new IllegalArgumentException("retry_after_ms must be >= 0, but was " + retryAfter);
        }
        return ExpertException.of(
                expertId, kind, message, 0, retryAfter == null ? null : Duration.ofMillis(retryAfter), null);
    }

    /**
     * The part of {@code error}'s message after "expert 'x' state (HTTP n): ", which the gateway puts behind its own
     * expert and state again; the whole message when it has another shape.
     */
    static String detail(ExpertException error) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        String head = "expert '" + error.expertId() + "' " + error.kind().state();
        if (!message.startsWith(head)) {
            return message;
        }
        String rest = STATUS.matcher(message.substring(head.length())).replaceFirst("");
        return rest.startsWith(": ") ? rest.substring(2) : rest;
    }

    private static JsonNode parse(String body, String what) {
        return JsonFields.parse(body, Reply.MAX_BODY_CHARS, what);
    }
}
