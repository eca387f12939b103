package io.coerouter.expert.lc4j;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertProvider;

/** Creates {@code ollama} experts; each needs {@code model}; {@code baseUrl} defaults to http://localhost:11434. */
public final class OllamaExpertProvider implements ExpertProvider {

    public static final String ADAPTER = "ollama";

    @Override
    public String adapter() {
        return ADAPTER;
    }

    @Override
    public Expert create(ExpertConfig config, ExpertContext context) {
        config.requireKnownOptions(java.util.Set.of());
        if (config.model() == null) {
            throw new IllegalArgumentException("model is required for adapter 'ollama' (expert '" + config.id() + "')");
        }
        ExpertConfig withUrl =
                config.baseUrl() != null ? config : config.withBaseUrl(java.net.URI.create("http://localhost:11434"));
        return new OllamaExpert(withUrl, context);
    }
}
