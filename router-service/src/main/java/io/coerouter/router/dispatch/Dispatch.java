package io.coerouter.router.dispatch;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The gateway's side of cluster dispatch: experts whose requests run on workers. */
public final class Dispatch {

    /** The retry-after of a request refused because its expert's queue is full (HTTP 429). */
    static final Duration RETRY_AFTER_QUEUE_FULL = Duration.ofSeconds(1);

    /** The retry-after of a request refused because the cluster's Redis is unreachable (HTTP 503). */
    static final Duration RETRY_AFTER_REDIS = Duration.ofSeconds(5);

    private Dispatch() {}

    /**
     * The expert {@code config} declares, answered by workers: each call enqueues a work item on the expert's queue
     * and waits on {@code replies} for the answer, up to the expert's request timeout.
     *
     * <p>A full queue fails the call as {@code RATE_LIMITED} with a retry-after, an unreachable Redis as {@code
     * UNAVAILABLE} with a retry-after. A call that stops waiting (interrupted, timed out, its token listener failed
     * because the client went away) takes its entry off the queue if no worker has it yet and tells the workers on
     * {@code cancels}.
     */
    public static Expert expert(
            ExpertConfig config, ExpertWorkQueue queue, ReplyChannel replies, CancelBroadcast cancels, Clock clock) {
        return new DispatchedExpert(config, queue, replies, cancels, clock);
    }

    /**
     * Where a dispatched expert's answer was served ({@link ExpertResponse#served()}, which the trace shows); empty
     * for an answer that did not come through dispatch.
     */
    public static Optional<Served> served(ExpertResponse response) {
        return Optional.ofNullable(response.served()).map(Served::of);
    }
}
