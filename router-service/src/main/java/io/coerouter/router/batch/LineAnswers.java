package io.coerouter.router.batch;

import io.coerouter.aggregate.AllCandidatesFailedException;
import io.coerouter.aggregate.Candidate;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.ExpertFailures;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.routing.RoutedAnswer;
import io.coerouter.router.routing.RoutingPlan;
import io.coerouter.router.usage.RequestOutcomes;
import io.coerouter.router.usage.UsageSink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each line's answer from its calls' outcomes, into the output or the error file: a line with one call as soon as it
 * has finished; lines with several answers in the batch's third stage, aggregated concurrently so that a local
 * synthesiser's calls share batches.
 */
final class LineAnswers {

    private static final Logger log = LoggerFactory.getLogger(LineAnswers.class);

    private final BatchRouter router;
    private final int aggregationParallelism;
    private final UsageSink usage;
    private final Clock clock;

    /**
     * @param aggregationParallelism lines aggregated at once
     * @param usage told of every line answered or failed, as a request of the batch's key
     */
    LineAnswers(BatchRouter router, int aggregationParallelism, UsageSink usage, Clock clock) {
        this.router = router;
        this.aggregationParallelism = aggregationParallelism;
        this.usage = usage;
        this.clock = clock;
    }

    /** Aggregates every line with several calls ({@code plans}, {@code outcomes} by line), some at once. */
    void aggregate(BatchLines run, RoutingPlan[] plans, ExpertOutcome[][] outcomes, BatchStop stop) {
        Semaphore slots = new Semaphore(aggregationParallelism);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < plans.length; i++) {
                if (plans[i] == null || plans[i].single()) {
                    continue;
                }
                int line = i;
                slots.acquireUninterruptibly();
                threads.execute(() -> {
                    try {
                        finish(run, line, plans[line], outcomes[line], stop);
                        run.publish(false);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
    }

    /**
     * One line's answer from its calls' {@code outcomes}. A line whose call was cut short because the batch stopped is
     * not run (or, when its router halted it, left for the router resuming the batch to run again).
     */
    void finish(BatchLines run, int line, RoutingPlan plan, ExpertOutcome[] outcomes, BatchStop stop) {
        List<Candidate> candidates = new ArrayList<>(outcomes.length);
        boolean stoppedCall = false;
        for (int j = 0; j < outcomes.length; j++) {
            ExpertOutcome o = outcomes[j];
            double score = plan.calls().get(j).score();
            if (o.succeeded()) {
                candidates.add(Candidate.answered(score, o.response()));
            } else {
                stoppedCall |= (o.error().kind() == ExpertErrorKind.CANCELLED && stop.now()) || stop.halted();
                candidates.add(Candidate.failed(score, o.error()));
            }
        }
        if (stoppedCall) {
            if (!stop.halted()) {
                run.stopped(line, stop.code());
            }
            return;
        }
        RequestOutcomes outcome = RequestOutcomes.startedAt(
                usage,
                clock,
                run.id() + ":" + run.line(line).number(),
                run.gate().keyId(),
                plan.request(),
                plan.startNanos());
        try {
            RoutedAnswer answer = router.answer(plan, candidates);
            run.answered(line, answer);
            run.gate().charge(answer.trace().costUsd());
            outcome.answered(answer, null);
        } catch (RouterException | ExpertException | AllCandidatesFailedException e) {
            run.failed(line, ExpertFailures.toApi(e));
            outcome.failed(e, null);
        } catch (RuntimeException e) {
            log.error(
                    "batch {} line {} failed unexpectedly",
                    run.id(),
                    run.line(line).number(),
                    e);
            run.failed(
                    line,
                    new RouterException(
                            ErrorKind.INTERNAL,
                            "The server had an error while processing this request. It has been logged.",
                            null,
                            "internal_error"));
            outcome.failed(e, null);
        }
    }
}
