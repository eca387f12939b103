package io.coerouter.expert.lc4j;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertProvider;

/**
 * Creates {@code anthropic} experts; each needs {@code model} and usually {@code apiKeyEnv}; {@code baseUrl} defaults
 * to {@code https://api.anthropic.com/v1/}.
 */
public final class AnthropicExpertProvider implements ExpertProvider {

    public static final String ADAPTER = "anthropic";

    @Override
    public String adapter() {
        return ADAPTER;
    }

    @Override
    public Expert create(ExpertConfig config, ExpertContext context) {
        config.requireKnownOptions(java.util.Set.of());
        if (config.model() == null) {
            throw new IllegalArgumentException(
                    "model is required for adapter 'anthropic' (expert '" + config.id() + "')");
        }
        ExpertConfig withUrl = config.baseUrl() != null
                ? config
                : config.withBaseUrl(java.net.URI.create("https://api.anthropic.com/v1/"));
        return new AnthropicExpert(withUrl, context);
    }
}
