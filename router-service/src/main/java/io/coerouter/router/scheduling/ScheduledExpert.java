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
 * alike, so all of them share its batches. Its {@link #planned()} handle submits the same calls as planned work.
 */
final class ScheduledExpert extends ForwardingExpert {

    private final ExpertScheduler scheduler;
    private final boolean planned;

    ScheduledExpert(Expert delegate, ExpertScheduler scheduler) {
        this(delegate, scheduler, false);
    }

    private ScheduledExpert(Expert delegate, ExpertScheduler scheduler, boolean planned) {
        super(delegate);
        this.scheduler = scheduler;
        this.planned = planned;
    }

    /** This expert with every call submitted as planned work (see {@link ExpertScheduler#planned(Expert)}). */
    ScheduledExpert planned() {
        return planned ? this : new ScheduledExpert(delegate(), scheduler, true);
    }

    @Override
    public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
        return scheduler
                .submit(delegate(), List.of(request), List.of(tokens), planned || ExpertScheduler.isPlanned(tokens))
                .getFirst()
                .orThrow();
    }

    @Override
    public List<ExpertOutcome> doChatBatch(List<ExpertRequest> requests, List<TokenListener> listeners) {
        return scheduler.submit(
                delegate(), requests, listeners, planned || listeners.stream().anyMatch(ExpertScheduler::isPlanned));
    }
}
