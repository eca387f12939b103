package io.coerouter.expert.openai;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertProvider;

/** Creates {@code openai} experts; each needs {@code baseUrl} and {@code model}, and usually {@code apiKeyEnv}. */
public final class OpenAiExpertProvider implements ExpertProvider {

    public static final String ADAPTER = "openai";

    @Override
    public String adapter() {
        return ADAPTER;
    }

    @Override
    public Expert create(ExpertConfig config, ExpertContext context) {
        config.require("baseUrl", config.baseUrl());
        config.require("model", config.model());
        config.requireKnownOptions(java.util.Set.of());
        return new OpenAiExpert(config, context, OpenAiExpert.Endpoint.openAi(config));
    }
}
