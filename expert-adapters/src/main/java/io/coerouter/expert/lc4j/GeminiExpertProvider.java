package io.coerouter.expert.lc4j;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertProvider;
import java.net.URI;

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
        if (config.model() == null) {
            throw new IllegalArgumentException("model is required for adapter 'gemini' (expert '" + config.id() + "')");
        }
        ExpertConfig withUrl = config.baseUrl() != null
                ? config
                : config.withBaseUrl(URI.create("https://generativelanguage.googleapis.com/v1beta"));
        return new GeminiExpert(withUrl, context);
    }
}
