package io.coerouter.expert.djl;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertProvider;

/** Creates {@code djl} experts: a {@code modelPath} with a manifest, run in-process from the shared model pool. */
public final class DjlExpertProvider implements ExpertProvider {

    public static final String ADAPTER = "djl";

    @Override
    public String adapter() {
        return ADAPTER;
    }

    @Override
    public Expert create(ExpertConfig config, ExpertContext context) {
        config.requireKnownOptions(java.util.Set.of());
        config.require("modelPath", config.modelPath());
        if (context.localModels() == null) {
            throw new IllegalArgumentException("adapter 'djl' needs local models (a model pool) in its context"
                    + " (expert '" + config.id() + "')");
        }
        // Start the engine now, so its one-time start (unpacking libtorch) is not counted as a model load.
        DjlEngine.get(context.localModels().cacheDir());
        return new DjlExpert(config, context.listeners(), context.localModels());
    }
}
