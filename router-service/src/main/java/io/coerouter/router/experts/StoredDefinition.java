package io.coerouter.router.experts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.coerouter.router.config.ExpertProperties;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An expert's definition as {@link StoredExpertJson} keeps it: snake_case names, durations as {@code 10s}. Every
 * field is written; one left out of a stored entry (written by hand) takes the configuration's default.
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
record StoredDefinition(
        @JsonProperty("id") String id,
        @JsonProperty("adapter") String adapter,
        @JsonProperty("base_url") String baseUrl,
        @JsonProperty("model") String model,
        @JsonProperty("model_path") String modelPath,
        @JsonProperty("api_key_env") String apiKeyEnv,
        @JsonProperty("input_price_per_1k") BigDecimal inputPricePer1k,
        @JsonProperty("output_price_per_1k") BigDecimal outputPricePer1k,
        @JsonProperty("max_concurrency") Integer maxConcurrency,
        @JsonProperty("connect_timeout") String connectTimeout,
        @JsonProperty("request_timeout") String requestTimeout,
        @JsonProperty("resilience") StoredResilience resilience,
        @JsonProperty("fallbacks") List<String> fallbacks,
        @JsonProperty("first_token_timeout") String firstTokenTimeout,
        @JsonProperty("context_window") Integer contextWindow,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("options") Map<String, String> options,
        @JsonProperty("description") String description) {

    static StoredDefinition of(ExpertProperties p) {
        return new StoredDefinition(
                p.id(),
                p.adapter(),
                p.baseUrl() == null ? null : p.baseUrl().toString(),
                p.model(),
                p.modelPath(),
                p.apiKeyEnv(),
                p.inputPricePer1k(),
                p.outputPricePer1k(),
                p.maxConcurrency(),
                DurationText.print(p.connectTimeout()),
                DurationText.print(p.requestTimeout()),
                StoredResilience.of(p.resilience()),
                p.fallbacks(),
                DurationText.print(p.firstTokenTimeout()),
                p.contextWindow(),
                new TreeMap<>(p.options()),
                p.description());
    }

    /** The definition, with the configuration's defaults ({@link ExpertProperties}) for what the entry leaves out; not checked. */
    ExpertProperties toProperties() {
        return new ExpertProperties(
                id,
                adapter,
                baseUrl == null ? null : URI.create(baseUrl),
                model,
                modelPath,
                apiKeyEnv,
                inputPricePer1k,
                outputPricePer1k,
                maxConcurrency,
                DurationText.parse(connectTimeout),
                DurationText.parse(requestTimeout),
                resilience == null ? null : resilience.toProperties(),
                fallbacks,
                DurationText.parse(firstTokenTimeout),
                contextWindow,
                options,
                description);
    }
}
