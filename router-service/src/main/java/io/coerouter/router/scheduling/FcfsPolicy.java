package io.coerouter.router.scheduling;

import java.util.List;

/** Arrival order; see {@link SchedulingPolicy#fcfs()}. */
final class FcfsPolicy implements SchedulingPolicy {

    static final FcfsPolicy INSTANCE = new FcfsPolicy();

    private FcfsPolicy() {}

    @Override
    public Pick pick(List<QueueState> queues, long nowNanos, SchedulerConfig config) {
        QueueState oldest = null;
        long nextOther = Long.MAX_VALUE;
        for (QueueState q : queues) {
            if (oldest == null || q.oldestNanos() < oldest.oldestNanos()) {
                if (oldest != null) {
                    nextOther = Math.min(nextOther, oldest.oldestNanos());
                }
                oldest = q;
            } else {
                nextOther = Math.min(nextOther, q.oldestNanos());
            }
        }
        return Pick.upTo(oldest.expertId(), nextOther);
    }

    @Override
    public String name() {
        return "fcfs";
    }
}
