package io.coerouter.router.feedback.web;

import io.coerouter.router.error.BodyFields;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.ids.Ids;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /v1/feedback} and {@code POST /admin/feedback}, read field by field so every mistake is an
 * OpenAI-format 400 naming the field.
 *
 * @param id the completion's id, {@code chatcmpl-...}
 * @param score how right the answer was: 0 (wrong) to 1 (right)
 * @param expert the one expert to credit or blame (one that answered), or null for every expert that answered
 */
@Schema(name = "CreateFeedbackRequest")
public record FeedbackRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "chatcmpl-AbC123") String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = "1", example = "0") double score,
        @Schema(description = "Only this expert (one that answered) is credited or blamed") String expert) {

    static final Set<String> FIELDS = Set.of("id", "score", "expert");

    static FeedbackRequest read(JsonMapper json, byte[] body) {
        JsonNode node = BodyFields.object(json, body, FIELDS);
        String id = BodyFields.string(node, "id", true);
        if (!Ids.valid("chatcmpl-", id)) {
            throw RouterException.invalid(
                    "id", "invalid_value", "'id' must be a chat completion id ('chatcmpl-' and letters and digits).");
        }
        JsonNode score = node.get("score");
        if (score == null || score.isNull()) {
            throw RouterException.invalid("score", "missing_required_parameter", "Missing required field 'score'.");
        }
        if (!score.isNumber()) {
            throw RouterException.invalid("score", "invalid_type", "'score' must be a number from 0 to 1.");
        }
        double value = score.asDouble();
        if (!(value >= 0 && value <= 1)) {
            throw RouterException.invalid(
                    "score", "invalid_value", "'score' must be from 0 (wrong) to 1 (right), but was " + value + ".");
        }
        return new FeedbackRequest(id, value, BodyFields.string(node, "expert", false));
    }
}
