package io.coerouter.router.usage.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.routing.CoeTrace;
import io.coerouter.router.usage.LoggedRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/**
 * A logged request as the admin API shows it; {@code cache} ({@code exact} or {@code semantic}) and {@code
 * cache_similarity} only for a request answered from the response cache. {@code messages} and {@code answer} appear only when they were captured
 * ({@code coe.usage.request-log.capture-content}), and only to the admin: never in a list, never to the viewer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RequestView(
        String id,
        String object,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("key_id") String keyId,
        String model,
        String route,
        boolean stream,
        List<CoeTrace.SkillScore> skills,
        List<Expert> experts,
        String aggregator,
        String status,
        Error error,
        @JsonProperty("latency_ms") Double latencyMs,
        Usage usage,
        @JsonProperty("cost_usd") BigDecimal costUsd,
        @JsonProperty("trace_id") String traceId,
        List<Message> messages,
        String answer,
        String cache,
        @JsonProperty("cache_similarity") Double cacheSimilarity) {

    /** How the request failed. */
    @Schema(name = "RequestError")
    record Error(String kind, String code) {}

    /** An expert called for the request, how its call ended and its error kind when it failed. */
    @Schema(name = "RequestExpert")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Expert(String id, String status, String error) {}

    /** A message of the request (only when content is captured). */
    @Schema(name = "RequestMessage")
    record Message(String role, String content) {}

    /** Tokens of every expert call made for the request. */
    @Schema(name = "RequestUsage")
    record Usage(
            @JsonProperty("prompt_tokens") long promptTokens,
            @JsonProperty("completion_tokens") long completionTokens,
            @JsonProperty("total_tokens") long totalTokens) {}

    /** {@code r}; its messages and answer only when {@code content} (the caller may read captured content). */
    static RequestView of(LoggedRequest r, boolean content) {
        return new RequestView(
                r.id(),
                "coe.request",
                r.startedAt().toString(),
                r.keyId().isEmpty() ? null : r.keyId(),
                r.model(),
                r.route(),
                r.stream(),
                r.skills(),
                r.experts().stream()
                        .map(e -> new Expert(e.id(), e.status(), e.error()))
                        .toList(),
                r.aggregator(),
                r.status(),
                r.errorKind() == null ? null : new Error(r.errorKind(), r.errorCode()),
                r.latencyMs(),
                new Usage(r.inputTokens(), r.outputTokens(), r.inputTokens() + r.outputTokens()),
                r.costUsd(),
                r.traceId(),
                !content || r.messages() == null
                        ? null
                        : r.messages().stream()
                                .map(m -> new Message(m.role(), m.content()))
                                .toList(),
                content ? r.answer() : null,
                r.cache(),
                r.cacheSimilarity());
    }
}
