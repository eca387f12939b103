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
        config.require("model", config.model());
        return new OllamaExpert(config.withDefaultBaseUrl("http://localhost:11434"), context);
    }
}
