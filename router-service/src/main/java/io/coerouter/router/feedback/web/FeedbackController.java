package io.coerouter.router.feedback.web;

import io.coerouter.router.feedback.Feedback;
import io.coerouter.router.security.KeyAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.math.BigDecimal;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/feedback}: a caller scores one of its own completions, and routing learns from it; {@code
 * /admin/feedback}: the admin gives feedback on any completion, reads what routing has learnt and clears it. Bodies
 * ({@link FeedbackRequest}) are read field by field. When feedback is off every call but the read answers 404 {@code
 * feedback_disabled}.
 */
@RestController
class FeedbackController {

    private final Feedback feedback;
    private final JsonMapper json;

    FeedbackController(Feedback feedback, JsonMapper json) {
        this.feedback = feedback;
        this.json = json;
    }

    @Operation(
            operationId = "createFeedback",
            summary = "Score a completion made with this key; routing learns from it",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = FeedbackRequest.class))),
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "What the feedback changed",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = FeedbackResponse.class))),
                @ApiResponse(
                        responseCode = "404",
                        description = "The completion is unknown, expired or another key's (completion_not_found);"
                                + " or feedback is off (feedback_disabled)",
                        ref = "#/components/responses/NotFound")
            })
    @PostMapping(path = "/v1/feedback", produces = MediaType.APPLICATION_JSON_VALUE)
    FeedbackResponse give(HttpServletRequest request) throws IOException {
        feedback.requireEnabled();
        FeedbackRequest body =
                FeedbackRequest.read(json, request.getInputStream().readAllBytes());
        Feedback.Given given =
                feedback.give(body.id(), Feedback.Giver.key(KeyAccess.keyId(request)), body.score(), body.expert());
        KeyAccess.record(request, 0, BigDecimal.ZERO); // counted against the key's rate; it spends no tokens
        return FeedbackResponse.of(given);
    }

    @Operation(
            operationId = "adminCreateFeedback",
            summary = "Score any completion as the admin",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = FeedbackRequest.class))),
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "What the feedback changed",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = FeedbackResponse.class))),
                @ApiResponse(
                        responseCode = "404",
                        description = "The completion is unknown or expired (completion_not_found); or feedback"
                                + " is off (feedback_disabled)",
                        ref = "#/components/responses/NotFound")
            })
    @PostMapping(path = "/admin/feedback", produces = MediaType.APPLICATION_JSON_VALUE)
    FeedbackResponse adminGive(@RequestBody(required = false) byte[] body) {
        feedback.requireEnabled();
        FeedbackRequest request = FeedbackRequest.read(json, body);
        return FeedbackResponse.of(
                feedback.give(request.id(), Feedback.Giver.theAdmin(), request.score(), request.expert()));
    }

    @Operation(operationId = "getFeedback", summary = "The feedback routing uses now, per expert and skill")
    @GetMapping(path = "/admin/feedback", produces = MediaType.APPLICATION_JSON_VALUE)
    FeedbackOverlayView view() {
        return FeedbackOverlayView.of(feedback.config(), feedback.current());
    }

    @Operation(
            operationId = "clearFeedback",
            summary = "Forget all feedback, on every replica",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "All feedback forgotten",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = FeedbackCleared.class))),
                @ApiResponse(
                        responseCode = "404",
                        description = "Feedback is off (feedback_disabled)",
                        ref = "#/components/responses/NotFound")
            })
    @DeleteMapping(path = "/admin/feedback", produces = MediaType.APPLICATION_JSON_VALUE)
    FeedbackCleared clear() {
        feedback.clear();
        return FeedbackCleared.done();
    }
}
