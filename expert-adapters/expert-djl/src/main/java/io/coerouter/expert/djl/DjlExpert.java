package io.coerouter.expert.djl;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertListener;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.LocalModels;
import io.coerouter.expert.ModelPool;
import io.coerouter.expert.TokenListener;
import java.util.List;

/**
 * A local TorchScript model: each call leases it from the pool (loading it if needed) and adds its prompts to the
 * model's running batch, which they join and leave between decoding steps.
 */
final class DjlExpert implements Expert {

    private final ExpertConfig config;
    private final List<ExpertListener> listeners;
    private final ModelPool pool;
    private final DjlModelSource source;

    DjlExpert(ExpertConfig config, List<ExpertListener> listeners, LocalModels local) {
        this.config = config;
        this.listeners = List.copyOf(listeners);
        this.pool = local.pool();
        this.source = new DjlModelSource(config.id(), config.modelPath(), local);
    }

    @Override
    public ExpertConfig config() {
        return config;
    }

    @Override
    public List<ExpertListener> listeners() {
        return listeners;
    }

    @Override
    public boolean joinsRunningBatch() {
        return true;
    }

    @Override
    public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
        return doChatBatch(List.of(request), List.of(tokens)).getFirst().orThrow();
    }

    @Override
    public List<ExpertOutcome> doChatBatch(List<ExpertRequest> requests, List<TokenListener> listeners) {
        source.resolve();
        try (ModelPool.Lease<CausalLm> lease = pool.acquire(source)) {
            // The lease is held until this call's rows have left the model's running batch: no eviction under it.
            return BatchGenerator.generate(config.id(), lease.model(), requests, listeners);
        }
    }
}
