package io.coerouter.router.batch;

import io.coerouter.router.error.RouterException;
import io.coerouter.router.routing.RoutingPlan;
import java.util.Optional;

/**
 * A batch's first stage: every line routed before any expert is called. A line finished before (by a router that
 * stopped) is kept as it is, a line that is not a request goes to the error file, a line the router refuses too, and
 * once the batch must stop the remaining lines are not run.
 */
final class LineRouting {

    private final BatchRouter router;

    LineRouting(BatchRouter router) {
        this.router = router;
    }

    /**
     * Each line's plan (null for a line that needs no calls); empty when the batch's router halted it.
     *
     * @param finished the lines finished before this run
     */
    Optional<RoutingPlan[]> route(BatchLines run, BatchStore.FinishedLines finished, BatchStop stop) {
        RoutingPlan[] plans = new RoutingPlan[run.size()];
        for (int i = 0; i < run.size(); i++) {
            BatchInput.Line line = run.line(i);
            if (finished.output().containsKey(i) || finished.errors().containsKey(i)) {
                boolean error = !finished.output().containsKey(i);
                run.restored(i, error, (error ? finished.errors() : finished.output()).get(i));
                continue;
            }
            if (!line.ok()) {
                run.malformed(i);
                continue;
            }
            if (stop.halted()) {
                return Optional.empty();
            }
            if (stop.now()) {
                run.stopped(i, stop.code());
                continue;
            }
            try {
                plans[i] = router.plan(run.gate().admit(line.request()));
            } catch (RouterException e) {
                run.failed(i, e);
            }
            run.publish(false);
        }
        return stop.halted() ? Optional.empty() : Optional.of(plans);
    }
}
