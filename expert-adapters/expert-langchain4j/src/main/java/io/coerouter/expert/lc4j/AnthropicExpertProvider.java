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
        config.require("model", config.model());
        return new AnthropicExpert(config.withDefaultBaseUrl("https://api.anthropic.com/v1/"), context);
    }
}
