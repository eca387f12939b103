package io.coerouter.router.batch;

import io.coerouter.expert.ExpertOutcome;
import io.coerouter.router.routing.PlannedCall;
import io.coerouter.router.routing.RoutingPlan;
import io.coerouter.router.scheduling.GroupedCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A batch's second stage: the calls of every line, made all together grouped by expert (each local model loaded once,
 * its lines in full batches), as Symbolic-MoE runs its instances. A line whose calls have all finished is handed on at
 * once.
 */
final class ExpertFanOut {

    /** Told when all of a line's calls have finished, from any thread. */
    @FunctionalInterface
    interface LineDone {

        void done(int line, RoutingPlan plan, ExpertOutcome[] outcomes);
    }

    private final GroupedCalls grouped;

    ExpertFanOut(GroupedCalls grouped) {
        this.grouped = grouped;
    }

    /**
     * Makes the calls of every planned line ({@code plans}, null for a line with none) until {@code stop}, telling
     * {@code done} of each line whose calls have finished.
     *
     * @return each line's outcomes, in its plan's call order (null for a line with no plan)
     */
    ExpertOutcome[][] run(BatchLines run, RoutingPlan[] plans, BatchStop stop, LineDone done) {
        List<GroupedCalls.Call> calls = new ArrayList<>();
        List<int[]> owners = new ArrayList<>(); // call -> {line, index within the line}
        ExpertOutcome[][] outcomes = new ExpertOutcome[plans.length][];
        AtomicInteger[] missing = new AtomicInteger[plans.length];
        for (int i = 0; i < plans.length; i++) {
            if (plans[i] == null) {
                continue;
            }
            List<PlannedCall> planned = plans[i].calls();
            outcomes[i] = new ExpertOutcome[planned.size()];
            missing[i] = new AtomicInteger(planned.size());
            for (int j = 0; j < planned.size(); j++) {
                calls.add(new GroupedCalls.Call(
                        planned.get(j).expert(), planned.get(j).request()));
                owners.add(new int[] {i, j});
            }
        }
        run.planned(calls.stream().map(c -> c.expert().id()).toList());
        run.stage("experts");
        grouped.run(calls, stop::now, (c, outcome) -> {
            int line = owners.get(c)[0];
            outcomes[line][owners.get(c)[1]] = outcome;
            run.callDone(calls.get(c).expert().id());
            if (missing[line].decrementAndGet() == 0) {
                done.done(line, plans[line], outcomes[line]);
            }
            run.publish(false);
        });
        return outcomes;
    }
}
