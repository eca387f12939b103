package io.coerouter.expert.echo;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertProvider;

/** Creates {@code echo} experts: no network, no model, deterministic; for smoke tests and health checks. */
public final class EchoExpertProvider implements ExpertProvider {

    public static final String ADAPTER = "echo";

    @Override
    public String adapter() {
        return ADAPTER;
    }

    @Override
    public Expert create(ExpertConfig config, ExpertContext context) {
        config.requireKnownOptions(java.util.Set.of());
        return new EchoExpert(config, context.listeners());
    }
}
