package io.coerouter.router.chat.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/chat/completions} and {@code POST /v1/route}, field for field: the request schema of the
 * API documentation. The controller does not bind it: it hands the raw bytes to {@link
 * io.coerouter.router.chat.ChatRequestParser}, which refuses a malformed, mistyped or unknown field with an
 * OpenAI-format error naming it (a binder would refuse it in its own words). Fields whose JSON may take two shapes
 * ({@code stop}: a string or strings; a message's {@code content}: a string or text parts) are typed by their
 * general shape.
 *
 * @param model {@code coe} or an expert id
 * @param messages the conversation
 * @param stream whether to answer as server-sent events
 * @param streamOptions stream settings; only with {@code stream}
 * @param maxTokens the most tokens to generate (older name)
 * @param maxCompletionTokens the most tokens to generate; wins over {@code max_tokens}
 * @param n choices to return; only 1 is supported
 * @param stop up to four stop sequences (one string is accepted too)
 * @param logprobs must be false or absent
 * @param responseFormat only {@code text}
 * @param coe how the router should route ({@code model: coe} only, but for {@code explain})
 * @param user accepted and ignored, as {@code store}, {@code metadata}, {@code parallel_tool_calls} and {@code
 *     service_tier}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionBody(
        String model,
        List<Message> messages,
        Boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
        Integer n,
        List<String> stop,
        Long seed,
        @JsonProperty("presence_penalty") Double presencePenalty,
        @JsonProperty("frequency_penalty") Double frequencyPenalty,
        Boolean logprobs,
        @JsonProperty("response_format") ResponseFormat responseFormat,
        Coe coe,
        String user,
        Boolean store,
        Map<String, String> metadata,
        @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
        @JsonProperty("service_tier") String serviceTier) {

    /**
     * One message.
     *
     * @param role {@code system}, {@code developer}, {@code user} or {@code assistant}
     * @param content the text, or text parts
     * @param name accepted and ignored
     * @param refusal accepted and ignored
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String role, List<ContentPart> content, String name, String refusal) {}

    /** A part of a message's content; only {@code type: text}. */
    public record ContentPart(String type, String text) {}

    /** {@code stream_options}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StreamOptions(
            @JsonProperty("include_usage") Boolean includeUsage,
            @JsonProperty("include_obfuscation") Boolean includeObfuscation) {}

    /** {@code response_format}. */
    public record ResponseFormat(String type) {}

    /**
     * The {@code coe} extension.
     *
     * @param k how many experts to recruit, 1 to 16
     * @param aggregator {@code vote}, {@code weighted-vote}, {@code synthesis}, {@code judge}, {@code self-moa} or
     *     {@code first}
     * @param skills skill ids to route by instead of classifying
     * @param explain whether the response's {@code coe} object explains the decision
     * @param method {@code symbolic-moe} or {@code category}
     * @param maxCostUsd the most one expert call may cost on average
     * @param maxLatencyMs the most one expert call may take on average
     * @param tradeoff the cost–quality tradeoff, 0 (the cheapest expert likely to be right) to 1 (the most accurate)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Coe(
            Integer k,
            String aggregator,
            List<String> skills,
            Boolean explain,
            String method,
            @JsonProperty("max_cost_usd") BigDecimal maxCostUsd,
            @JsonProperty("max_latency_ms") Double maxLatencyMs,
            Double tradeoff) {}
}
