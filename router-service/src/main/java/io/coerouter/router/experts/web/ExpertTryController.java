package io.coerouter.router.experts.web;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.error.BodyFields;
import io.coerouter.router.error.ExpertFailures;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /admin/experts/{id}/try}: one prompt to one expert, bypassing routing but not the way a routed call
 * reaches it. The registry's expert is the one routing calls ({@code ExpertCalls}, {@code Failover}, the batch fan-out
 * all call {@link Expert#chat} on it): refused while disabled or draining, then the scheduler's queue or the
 * resilience decoration (circuit breaker, retries, rate limits) and the bounded calls in flight, counted in the
 * metrics like any call. A failure is the error a chat call naming the expert gets, without failing over.
 */
@RestController
class ExpertTryController {

    static final int MAX_PROMPT = 32_768;
    static final int MAX_TOKENS = 4096;
    static final int DEFAULT_TOKENS = 256;

    private final JsonMapper json;
    private final ExpertLookup lookup;

    ExpertTryController(ExpertRegistry registry, JsonMapper json, MeterRegistry meters) {
        this.json = json;
        this.lookup = new ExpertLookup(registry, meters);
    }

    @Operation(
            operationId = "tryExpert",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = ExpertTryRequest.class))))
    @PostMapping(path = "/admin/experts/{id}/try", produces = MediaType.APPLICATION_JSON_VALUE)
    ExpertTryResponse tryExpert(@PathVariable String id, @RequestBody(required = false) byte[] body) {
        Expert expert = lookup.expert(id);
        JsonNode node = BodyFields.object(json, body, Set.of("prompt", "max_tokens"));
        String prompt = BodyFields.string(node, "prompt", true);
        if (prompt.length() > MAX_PROMPT) {
            throw RouterException.invalid(
                    "prompt", "string_above_max_length", "prompt must be at most " + MAX_PROMPT + " characters.");
        }
        int maxTokens = BodyFields.integer(node, "max_tokens", DEFAULT_TOKENS, 1, MAX_TOKENS);
        ExpertRequest request = ExpertRequest.builder()
                .addMessage(ChatMessage.user(prompt))
                .maxTokens(maxTokens)
                .build();
        long start = System.nanoTime();
        ExpertResponse answer;
        try {
            answer = expert.chat(request, TokenListener.NONE);
        } catch (ExpertException e) {
            throw ExpertFailures.toApi(e);
        }
        return ExpertTryResponse.of(id, answer, System.nanoTime() - start);
    }
}
