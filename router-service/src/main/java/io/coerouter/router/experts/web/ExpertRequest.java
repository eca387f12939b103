package io.coerouter.router.experts.web;

import io.coerouter.router.config.ExpertProperties;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An expert's definition as an admin request sends it (snake_case in JSON, bound by {@link ExpertJson} as the
 * configuration is bound): only what is set; {@link #toProperties()} takes the rest from the configuration's
 * defaults. Its own type, so renaming a configuration property does not rename an API field.
 */
public record ExpertRequest(
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
        ResilienceRequest resilience,
        List<String> fallbacks,
        Duration firstTokenTimeout,
        Integer contextWindow,
        Map<String, String> options,
        String description) {

    /** The definition, with {@link ExpertProperties#defaults()} for what the request leaves out; not checked. */
    ExpertProperties toProperties() {
        return new ExpertProperties(
                id,
                adapter,
                baseUrl,
                model,
                modelPath,
                apiKeyEnv,
                inputPricePer1k,
                outputPricePer1k,
                maxConcurrency,
                connectTimeout,
                requestTimeout,
                resilience == null ? null : resilience.toProperties(),
                fallbacks,
                firstTokenTimeout,
                contextWindow,
                options,
                description);
    }
}
