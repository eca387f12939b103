package io.coerouter.router.scheduling;

import java.util.List;

/** Stay on the loaded model while it has work; see {@link SchedulingPolicy#groupByModel()}. */
final class GroupByModelPolicy implements SchedulingPolicy {

    static final GroupByModelPolicy INSTANCE = new GroupByModelPolicy();

    private GroupByModelPolicy() {}

    @Override
    public Pick pick(List<QueueState> queues, long nowNanos, SchedulerConfig config) {
        QueueState oldest = null;
        for (QueueState q : queues) {
            if (q.lastRun()) {
                return Pick.all(q.expertId());
            }
            if (oldest == null || q.oldestNanos() < oldest.oldestNanos()) {
                oldest = q;
            }
        }
        return Pick.all(oldest.expertId());
    }

    @Override
    public String name() {
        return "group-by-model";
    }
}
