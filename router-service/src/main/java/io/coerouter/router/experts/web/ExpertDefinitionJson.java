package io.coerouter.router.experts.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.coerouter.router.config.ExpertProperties;
import io.coerouter.router.experts.DurationText;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An expert's definition as the admin API shows it ({@code definition} in {@code coe.expert}): the fields of a
 * {@code coe.experts[]} entry in snake_case, durations as {@code 10s}, unset fields left out. The API key's variable
 * is never shown; it appears only in the body a patch is laid over.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "id",
    "adapter",
    "base_url",
    "model",
    "model_path",
    "api_key_env",
    "input_price_per_1k",
    "output_price_per_1k",
    "max_concurrency",
    "connect_timeout",
    "request_timeout",
    "resilience",
    "fallbacks",
    "first_token_timeout",
    "context_window",
    "options",
    "description"
})
public record ExpertDefinitionJson(
        @JsonProperty("id") String id,
        @JsonProperty("adapter") String adapter,
        @JsonProperty("base_url") String baseUrl,
        @JsonProperty("model") String model,
        @JsonProperty("model_path") String modelPath,
        @JsonProperty("api_key_env") String apiKeyEnv,
        @JsonProperty("input_price_per_1k") BigDecimal inputPricePer1k,
        @JsonProperty("output_price_per_1k") BigDecimal outputPricePer1k,
        @JsonProperty("max_concurrency") int maxConcurrency,
        @JsonProperty("connect_timeout") String connectTimeout,
        @JsonProperty("request_timeout") String requestTimeout,
        @JsonProperty("resilience") ResilienceJson resilience,
        @JsonProperty("fallbacks") List<String> fallbacks,
        @JsonProperty("first_token_timeout") String firstTokenTimeout,
        @JsonProperty("context_window") int contextWindow,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("options") Map<String, String> options,
        @JsonProperty("description") String description) {

    /** {@code p} as JSON; with {@code withKey}, the API key's variable too (for a patch's base, never an answer). */
    static ExpertDefinitionJson of(ExpertProperties p, boolean withKey) {
        return new ExpertDefinitionJson(
                p.id(),
                p.adapter(),
                p.baseUrl() == null ? null : p.baseUrl().toString(),
                p.model(),
                p.modelPath(),
                withKey ? p.apiKeyEnv() : null,
                p.inputPricePer1k(),
                p.outputPricePer1k(),
                p.maxConcurrency(),
                DurationText.print(p.connectTimeout()),
                DurationText.print(p.requestTimeout()),
                ResilienceJson.of(p.resilience()),
                p.fallbacks(),
                DurationText.print(p.firstTokenTimeout()),
                p.contextWindow(),
                new TreeMap<>(p.options()),
                p.description());
    }
}
