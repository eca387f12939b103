package io.coerouter.router.experts.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /admin/experts/{id}/try} (for the document; the controller reads it field by field).
 *
 * @param prompt the user message, 1 to {@value ExpertTryController#MAX_PROMPT} characters
 * @param maxTokens the most tokens to generate, 1 to {@value ExpertTryController#MAX_TOKENS}; default {@value
 *     ExpertTryController#DEFAULT_TOKENS}
 */
public record ExpertTryRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = ExpertTryController.MAX_PROMPT)
                @JsonProperty("prompt")
                String prompt,
        @Schema(minimum = "1", maximum = "4096", defaultValue = "256") @JsonProperty("max_tokens") Integer maxTokens) {}
