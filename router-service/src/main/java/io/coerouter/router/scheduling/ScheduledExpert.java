package io.coerouter.router.scheduling;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.ForwardingExpert;
import io.coerouter.expert.TokenListener;
import java.util.List;

/**
 * A local expert whose calls go through the scheduler's queue for it: single calls, batch calls and aggregator calls
 * alike, so all of them share its batches.
 */
final class ScheduledExpert extends ForwardingExpert {

    private final ExpertScheduler scheduler;

    ScheduledExpert(Expert delegate, ExpertScheduler scheduler) {
        super(delegate);
        this.scheduler = scheduler;
    }

    @Override
    public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
        return scheduler
                .submit(delegate(), List.of(request), List.of(tokens))
                .getFirst()
                .orThrow();
    }

    @Override
    public List<ExpertOutcome> doChatBatch(List<ExpertRequest> requests, List<TokenListener> listeners) {
        return scheduler.submit(delegate(), requests, listeners);
    }
}
