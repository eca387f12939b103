package io.coerouter.router.openapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Request bodies as clients send them, for the document only: the endpoints that read and check their bodies
 * themselves (chat, route, batches, file uploads) declare these with {@code @Operation(requestBody = ...)}. The
 * parser ({@code ChatRequestParser}) stays the authority; docs/api.md has the prose.
 */
public final class ApiSchemas {

    private ApiSchemas() {}

    /** {@code POST /v1/chat/completions} and {@code POST /v1/route}. */
    @Schema(
            name = "CreateChatCompletionRequest",
            description = "OpenAI's chat completion request. Unknown fields and tools are refused with a 400 that"
                    + " names the parameter (docs/api.md).")
    public record CreateChatCompletionRequest(
            @Schema(
                            requiredMode = Schema.RequiredMode.REQUIRED,
                            description = "`coe` (routed by skills) or an expert id",
                            example = "coe")
                    String model,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<ChatMessage> messages,
            @Schema(description = "Answer as server-sent events (text/event-stream)") Boolean stream,
            @JsonProperty("stream_options") StreamOptions streamOptions,
            @Schema(minimum = "0", maximum = "2") Double temperature,
            @JsonProperty("top_p") Double topP,
            @JsonProperty("max_tokens") @Schema(minimum = "1") Integer maxTokens,
            @JsonProperty("max_completion_tokens") @Schema(minimum = "1") Integer maxCompletionTokens,
            @Schema(description = "Only 1 is supported") Integer n,
            @Schema(description = "A string or up to 4 strings") Object stop,
            Long seed,
            @JsonProperty("presence_penalty") Double presencePenalty,
            @JsonProperty("frequency_penalty") Double frequencyPenalty,
            Boolean logprobs,
            @JsonProperty("response_format") ResponseFormat responseFormat,
            RoutingOptions coe) {}

    /** One message of the conversation. */
    @Schema(name = "ChatMessage")
    public record ChatMessage(
            @Schema(
                            requiredMode = Schema.RequiredMode.REQUIRED,
                            allowableValues = {"system", "developer", "user", "assistant"})
                    String role,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String content) {}

    /** {@code response_format}: only {@code text} is supported yet. */
    @Schema(name = "ResponseFormat")
    public record ResponseFormat(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "text") String type) {}

    /** {@code stream_options}. */
    @Schema(name = "StreamOptions")
    public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {}

    /** The {@code coe} extension: how to route (docs/routing.md). */
    @Schema(name = "RoutingOptions")
    public record RoutingOptions(
            @Schema(description = "How many experts to recruit") Integer k,
            @Schema(allowableValues = {"vote", "weighted-vote", "synthesis", "judge", "self-moa", "first"})
                    String aggregator,
            List<String> skills,
            Boolean explain,
            @Schema(allowableValues = {"symbolic-moe", "category"}) String method,
            @JsonProperty("max_cost_usd") BigDecimal maxCostUsd,
            @JsonProperty("max_latency_ms") Double maxLatencyMs,
            @Schema(
                            description = "Cost–quality tradeoff: 0 the cheapest expert likely to be right, 1 the most"
                                    + " accurate whatever it costs",
                            minimum = "0",
                            maximum = "1")
                    Double tradeoff,
            @Schema(
                            description = "false: the response cache neither answers nor keeps this request (default"
                                    + " true)")
                    Boolean cache) {}

    /** {@code POST /v1/batches} (docs/batching.md). */
    @Schema(name = "CreateBatchRequest")
    public record CreateBatchRequest(
            @JsonProperty("input_file_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String inputFileId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "/v1/chat/completions") String endpoint,
            @JsonProperty("completion_window") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "24h")
                    String completionWindow,
            Map<String, String> metadata) {}

    /** {@code POST /v1/files}: a multipart form (docs/batching.md). */
    @Schema(name = "CreateFileRequest")
    public record CreateFileRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "batch") String purpose,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "string", format = "binary") String file) {}
}
