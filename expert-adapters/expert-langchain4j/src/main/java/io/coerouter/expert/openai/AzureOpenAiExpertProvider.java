package io.coerouter.expert.openai;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertProvider;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Creates {@code azure-openai} experts for Azure OpenAI deployments: {@code baseUrl} is the resource endpoint
 * ({@code https://<resource>.openai.azure.com/}), {@code model} the deployment name, {@code apiKeyEnv} the variable
 * holding the resource key (sent as {@code api-key}), and {@code options.api-version} the API version (default {@value
 * #DEFAULT_API_VERSION}). Azure's newer v1 API ({@code .../openai/v1/}) is OpenAI's own protocol: use {@code openai}.
 */
public final class AzureOpenAiExpertProvider implements ExpertProvider {

    public static final String ADAPTER = "azure-openai";

    /** The generally available data-plane API version used when none is configured. */
    public static final String DEFAULT_API_VERSION = "2024-10-21";

    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?");

    @Override
    public String adapter() {
        return ADAPTER;
    }

    @Override
    public Expert create(ExpertConfig config, ExpertContext context) {
        config.require("baseUrl (the resource endpoint)", config.baseUrl());
        config.require("model (the deployment name)", config.model());
        config.requireKnownOptions(Set.of("api-version"));
        String apiVersion = config.option("api-version", DEFAULT_API_VERSION);
        if (!API_VERSION.matcher(apiVersion).matches()) {
            throw new IllegalArgumentException(
                    "options.api-version must look like 2024-10-21 or 2025-04-01-preview, but was '" + apiVersion
                            + "' (expert '" + config.id() + "')");
        }
        return new OpenAiExpert(config, context, OpenAiExpert.Endpoint.azure(config, apiVersion));
    }
}
