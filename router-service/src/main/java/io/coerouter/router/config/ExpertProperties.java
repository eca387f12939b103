package io.coerouter.router.config;

import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.Pricing;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One entry of {@code coe.experts[]}. Spring binds only what is set; the rest takes the library's defaults ({@link
 * ExpertConfig.Builder}: free, 16 concurrent calls, 10 s connect, 120 s request) and {@link ResilienceProperties}'s.
 *
 * @param id the name clients use as {@code model}
 * @param adapter the adapter type: {@code openai}, {@code azure-openai}, {@code anthropic}, {@code gemini}, {@code ollama}, {@code djl} or {@code echo}
 * @param baseUrl the provider's base URL (adapter {@code openai})
 * @param model the provider's model name (adapter {@code openai})
 * @param modelPath a local model's folder, .zip archive or {@code classpath:} folder (adapter {@code djl})
 * @param apiKeyEnv the name of the environment variable that holds the API key; never the key itself
 * @param inputPricePer1k US dollars per 1,000 prompt tokens
 * @param outputPricePer1k US dollars per 1,000 generated tokens
 * @param maxConcurrency the most calls in flight at once
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long one whole call may take
 * @param resilience circuit breaker, retries and rate limit (remote experts; see docs/resilience.md)
 * @param fallbacks experts that answer, in order, when a call to this one fails
 * @param firstTokenTimeout how long a stream may take to send its first text; unset: the request timeout
 * @param contextWindow the most tokens the model takes (prompt and answer); 0: unknown. Prompts too long for an
 *     expert fail over to one known to take more
 * @param options adapter-specific settings, e.g. {@code api-version} for {@code azure-openai}
 * @param description free text for people (the console shows it): at most 1024 characters, no control characters but
 *     line breaks; blank: none
 */
public record ExpertProperties(
        String id,
        String adapter,
        URI baseUrl,
        String model,
        String modelPath,
        String apiKeyEnv,
        BigDecimal inputPricePer1k,
        BigDecimal outputPricePer1k,
        Integer maxConcurrency,
        Duration connectTimeout,
        Duration requestTimeout,
        ResilienceProperties resilience,
        List<String> fallbacks,
        Duration firstTokenTimeout,
        Integer contextWindow,
        java.util.Map<String, String> options,
        String description) {

    /** The library's defaults (free, 16 concurrent calls, 10 s connect, 120 s request): their one home. */
    private static final ExpertConfig DEFAULTS =
            ExpertConfig.builder("defaults", "echo").build();

    public ExpertProperties {
        inputPricePer1k =
                inputPricePer1k != null ? inputPricePer1k : DEFAULTS.pricing().inputPer1k();
        outputPricePer1k =
                outputPricePer1k != null ? outputPricePer1k : DEFAULTS.pricing().outputPer1k();
        maxConcurrency = maxConcurrency != null ? maxConcurrency : DEFAULTS.maxConcurrency();
        connectTimeout = connectTimeout != null ? connectTimeout : DEFAULTS.connectTimeout();
        requestTimeout = requestTimeout != null ? requestTimeout : DEFAULTS.requestTimeout();
        contextWindow = contextWindow != null ? contextWindow : DEFAULTS.contextWindow();
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        options = options == null ? java.util.Map.of() : java.util.Map.copyOf(options);
        resilience = resilience == null ? ResilienceProperties.defaults() : resilience;
        description = description == null || description.isBlank() ? null : description;
    }

    /** Every field but the id and adapter at its default: what Spring binds for an entry that sets nothing else. */
    public static ExpertProperties defaults() {
        return new ExpertProperties(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The library config; its validation names the offending field. */
    public ExpertConfig toConfig() {
        return new ExpertConfig(
                id,
                adapter,
                baseUrl,
                model,
                modelPath,
                apiKeyEnv,
                new Pricing(inputPricePer1k, outputPricePer1k),
                maxConcurrency,
                connectTimeout,
                requestTimeout,
                firstTokenTimeout,
                contextWindow,
                options);
    }
}
