package io.coerouter.router.experts;

import io.coerouter.expert.CircuitOverride;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertListener;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenListener;
import java.util.List;
import java.util.function.Supplier;

/**
 * The expert registered under one id now, for holders that keep an expert (an aggregator's synthesiser, the keyword
 * classifier): each call goes to the current definition, so an admin change reaches them too.
 */
final class LiveExpert implements Expert {

    private final Supplier<Expert> current;

    LiveExpert(Supplier<Expert> current) {
        this.current = current;
    }

    @Override
    public ExpertConfig config() {
        return current.get().config();
    }

    @Override
    public ExpertResponse chat(ExpertRequest request, TokenListener tokens) {
        return current.get().chat(request, tokens);
    }

    @Override
    public List<ExpertOutcome> chatBatch(List<ExpertRequest> requests, List<TokenListener> listeners) {
        return current.get().chatBatch(requests, listeners);
    }

    @Override
    public List<ExpertOutcome> doChatBatch(List<ExpertRequest> requests, List<TokenListener> listeners) {
        return current.get().doChatBatch(requests, listeners);
    }

    @Override
    public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
        return current.get().doChat(request, tokens);
    }

    @Override
    public List<ExpertListener> listeners() {
        return current.get().listeners();
    }

    @Override
    public boolean available() {
        return current.get().available();
    }

    @Override
    public String circuitState() {
        return current.get().circuitState();
    }

    @Override
    public boolean overrideCircuit(CircuitOverride override) {
        return current.get().overrideCircuit(override);
    }
}
