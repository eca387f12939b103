package io.coerouter.expert.lc4j;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertProvider;

/**
 * Creates {@code gemini} experts (the Gemini API of Google AI Studio); each needs {@code model} and usually {@code
 * apiKeyEnv}; {@code baseUrl} defaults to {@code https://generativelanguage.googleapis.com/v1beta}.
 */
public final class GeminiExpertProvider implements ExpertProvider {

    public static final String ADAPTER = "gemini";

    @Override
    public String adapter() {
        return ADAPTER;
    }

    @Override
    public Expert create(ExpertConfig config, ExpertContext context) {
        config.requireKnownOptions(java.util.Set.of());
        config.require("model", config.model());
        return new GeminiExpert(config.withDefaultBaseUrl("https://generativelanguage.googleapis.com/v1beta"), context);
    }
}
