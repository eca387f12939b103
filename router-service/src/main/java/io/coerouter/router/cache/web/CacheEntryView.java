package io.coerouter.router.cache.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.cache.CachedAnswer;
import io.coerouter.router.routing.CoeTrace;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A cache entry as the admin API shows it: what made it and when it goes. {@code question} (null for an entry that
 * can only match exactly: its last message was not the user's) and {@code answer} appear only to the admin (never to
 * the viewer).
 *
 * @param match {@code semantic} (a paraphrase may match it) or {@code exact} (only the same request does)
 * @param ageSeconds whole seconds since it was kept
 * @param answerChars the answer's length in characters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CacheEntryView(
        String id,
        String object,
        @JsonProperty("key_id") String keyId,
        String model,
        String route,
        List<CoeTrace.SkillScore> skills,
        List<String> experts,
        String aggregator,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("expires_at") String expiresAt,
        @JsonProperty("age_seconds") long ageSeconds,
        Usage usage,
        @JsonProperty("cost_usd") BigDecimal costUsd,
        @JsonProperty("finish_reason") String finishReason,
        @JsonProperty("answer_chars") int answerChars,
        String match,
        String question,
        String answer) {

    /** The tokens the answer took when it was made (a hit costs none). */
    @Schema(name = "CacheEntryUsage")
    record Usage(
            @JsonProperty("prompt_tokens") long promptTokens,
            @JsonProperty("completion_tokens") long completionTokens,
            @JsonProperty("total_tokens") long totalTokens) {}

    /** {@code e} at {@code now}; its question and answer only when {@code content} (the caller is the admin). */
    static CacheEntryView of(CachedAnswer e, Instant now, boolean content) {
        return new CacheEntryView(
                e.id(),
                "cache.entry",
                e.keyId(),
                e.model(),
                e.route(),
                e.skills(),
                e.experts(),
                e.aggregator(),
                e.createdAt().toString(),
                e.expiresAt().toString(),
                Math.max(0, Duration.between(e.createdAt(), now).toSeconds()),
                new Usage(e.inputTokens(), e.outputTokens(), e.inputTokens() + e.outputTokens()),
                e.costUsd(),
                e.finishReason().openAiName(),
                e.text().length(),
                e.semantic() ? "semantic" : "exact",
                content ? e.query() : null,
                content ? e.text() : null);
    }
}
