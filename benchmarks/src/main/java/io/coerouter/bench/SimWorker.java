package io.coerouter.bench;

import io.coerouter.router.dispatch.ResidentModel;
import io.coerouter.router.dispatch.WorkerResidency;
import io.coerouter.router.scheduling.SchedulerConfig;
import io.coerouter.router.scheduling.SchedulingPolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated worker: its per-expert queues, the models on its device, and the decisions of the real {@link
 * SchedulingPolicy} over its queues, made exactly as {@code ExpertScheduler} makes them (the policy's pick, then the
 * batching window for a short queue), one batch at a time.
 */
final class SimWorker {

    /** What the worker does next. */
    sealed interface Decision {}

    /** Nothing queued. */
    record Idle() implements Decision {}

    /** Look again at {@code atNanos} (or when work arrives). */
    record Wait(long atNanos) implements Decision {}

    /** Run a batch of {@code expert}'s queue. */
    record Run(int expert) implements Decision {}

    /** A batch as it starts: the enqueue times of its requests, and whether its model had to be loaded. */
    record Batch(int expert, long[] enqueuedNanos, boolean loaded) {}

    private static final Idle IDLE = new Idle();

    final int index;
    final String id;
    private final int slots;
    private final long modelBytes;
    private final String[] names;
    /** Each expert's queue (enqueue times), in the order the experts first queued. */
    private final Map<Integer, ArrayDeque<Long>> queues = new LinkedHashMap<>();
    /** The models on the device, least recently used first, with when each was last used. */
    private final LinkedHashMap<Integer, Long> device = new LinkedHashMap<>();

    private int queued;
    private int inFlight;
    private int lastExpert = -1;
    boolean busy;
    /** When a pending wake-up event is due (Long.MAX_VALUE: none). */
    long wakeAt = Long.MAX_VALUE;

    SimWorker(int index, int slots, long modelBytes, String[] names) {
        this.index = index;
        this.id = String.format("worker-%03d", index);
        this.slots = slots;
        this.modelBytes = modelBytes;
        this.names = names;
    }

    /** How long the oldest request queued here for {@code expert} has waited, or -1 when none is queued. */
    long oldestQueuedAge(int expert, long nowNanos) {
        ArrayDeque<Long> queue = queues.get(expert);
        return queue == null || queue.isEmpty() ? -1 : nowNanos - queue.peekFirst();
    }

    void enqueue(int expert, long nowNanos) {
        queues.computeIfAbsent(expert, x -> new ArrayDeque<>()).addLast(nowNanos);
        queued++;
    }

    boolean holds(int expert) {
        return device.containsKey(expert);
    }

    /** The scheduler's next step at {@code nowNanos}. */
    Decision decide(long nowNanos, SchedulingPolicy policy, SchedulerConfig config, Map<String, Integer> byName) {
        if (queued == 0) {
            return IDLE;
        }
        List<SchedulingPolicy.QueueState> states = new ArrayList<>();
        for (Map.Entry<Integer, ArrayDeque<Long>> e : queues.entrySet()) {
            ArrayDeque<Long> q = e.getValue();
            if (!q.isEmpty()) {
                int x = e.getKey();
                states.add(new SchedulingPolicy.QueueState(
                        names[x], q.size(), q.peekFirst(), device.containsKey(x), x == lastExpert));
            }
        }
        SchedulingPolicy.Pick pick = policy.pick(states, nowNanos, config);
        if (pick.expertId() == null) {
            return new Wait(pick.waitUntilNanos());
        }
        int expert = byName.get(pick.expertId());
        ArrayDeque<Long> queue = queues.get(expert);
        long oldest = queue.peekFirst();
        long age = nowNanos - oldest;
        if (age < config.maxWait().toNanos()
                && queue.size() < config.maxBatchSize()
                && age < config.batchWindow().toNanos()) {
            return new Wait(oldest + config.batchWindow().toNanos());
        }
        return new Run(expert);
    }

    /** Starts a batch of up to {@code max} of {@code expert}'s requests, loading its model if it is not on the device. */
    Batch start(int expert, int max, long nowNanos) {
        ArrayDeque<Long> queue = queues.get(expert);
        int size = Math.min(max, queue.size());
        long[] enqueued = new long[size];
        for (int i = 0; i < size; i++) {
            enqueued[i] = queue.pollFirst();
        }
        queued -= size;
        inFlight = size;
        busy = true;
        boolean loaded = !device.containsKey(expert);
        if (loaded && device.size() >= slots) {
            device.remove(victim());
        }
        device.remove(expert);
        device.put(expert, nowNanos);
        return new Batch(expert, enqueued, loaded);
    }

    /** The batch of {@code expert} ended at {@code nowNanos}. */
    void finish(int expert, long nowNanos) {
        busy = false;
        inFlight = 0;
        lastExpert = expert;
        device.remove(expert);
        device.put(expert, nowNanos);
    }

    /** The model eviction takes: the least recently used without queued work, else the least recently used. */
    private int victim() {
        for (int x : device.keySet()) {
            ArrayDeque<Long> q = queues.get(x);
            if (q == null || q.isEmpty()) {
                return x;
            }
        }
        return device.keySet().iterator().next();
    }

    /** This worker's residency record as it would publish it, its device list in eviction order. */
    WorkerResidency residency(long nowNanos) {
        List<ResidentModel> idle = new ArrayList<>();
        List<ResidentModel> wanted = new ArrayList<>();
        for (Iterator<Map.Entry<Integer, Long>> it = device.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Long> e = it.next();
            ArrayDeque<Long> q = queues.get(e.getKey());
            ResidentModel model = new ResidentModel(names[e.getKey()], modelBytes, e.getValue() / 1_000_000);
            (q == null || q.isEmpty() ? idle : wanted).add(model);
        }
        idle.addAll(wanted);
        long budget = slots * modelBytes;
        return new WorkerResidency(
                id,
                idle,
                List.of(),
                budget,
                budget - device.size() * modelBytes,
                queued,
                inFlight,
                nowNanos / 1_000_000);
    }
}
