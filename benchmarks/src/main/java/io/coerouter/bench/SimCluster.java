package io.coerouter.bench;

import io.coerouter.router.dispatch.PlacementPolicy;
import io.coerouter.router.dispatch.WorkerResidency;
import io.coerouter.router.scheduling.SchedulerConfig;
import io.coerouter.router.scheduling.SchedulingPolicy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A discrete-event simulation of W workers serving one {@link SimWorkload}: arrivals are dispatched to a worker at
 * once ({@link Dispatch}), each worker runs the real swap-aware {@link SchedulingPolicy} over its own queues (through
 * {@link SimWorker}), and a batch takes the model's load time when its model is not on the device plus its
 * generation time. Time is simulated: nothing sleeps, so a day runs in seconds.
 */
final class SimCluster {

    /** How a gateway picks the worker for a request. */
    enum Dispatch {
        /** Request i to worker i mod W, whatever it holds; each worker schedules alone. */
        ROUND_ROBIN("round-robin + swap-aware per worker"),
        /**
         * Requests for X to a worker holding X (the real {@link PlacementPolicy#holders}, least loaded first); if none,
         * to the worker holding X's placement claim; if none, the real {@link PlacementPolicy#place} picks one and it
         * takes the claim until X is on its device.
         */
        RESIDENCY_AWARE("residency-aware (holders, then claim, then place)"),
        /**
         * Not implemented in the router, a candidate: as {@link #RESIDENCY_AWARE}, but a holder whose queued plus in
         * flight requests reach the scenario's spill threshold counts as not holding X, so the request goes to X's
         * claimant or to the worker {@code place} picks among the others (which loads X too: a replica).
         */
        SPILL("residency-aware, spilling from a busy holder (candidate)"),
        /**
         * As the router's workers do: {@link #RESIDENCY_AWARE}, but once the oldest request queued for X at its holder
         * has waited the max wait (the cluster's bounded wait, {@code coe.dispatch.overflow-after}), the next request
         * for X goes to the worker {@code place} picks among the others, which loads X too. (The router pulls: its
         * holder keeps at most two batches beyond what runs, so an overflowing worker takes the requests still
         * waiting; here each request is pushed to a worker on arrival, so only later requests move.)
         */
        OVERFLOW("residency-aware with overflow past the max wait (as the router)");

        final String label;

        Dispatch(String label) {
            this.label = label;
        }
    }

    /** The figures of one run. */
    record Result(
            Dispatch dispatch,
            int requests,
            long loads,
            long loadsBusiestHour,
            double meanBatch,
            long[] waitNanos,
            long[] toGenerationNanos,
            double busyShare,
            double busyShareBusiestHour,
            double loadingShareOfBusy,
            long overMaxWait,
            long placements) {}

    private record Event(long atNanos, long seq, int worker, boolean done, int expert) {}

    private static final long HOUR = 3_600_000_000_000L;
    private static final long MODEL_BYTES = 8L << 30;

    private final SimScenario scenario;
    private final SimWorkload workload;
    private final Dispatch dispatch;
    private final SchedulingPolicy policy = SchedulingPolicy.swapAware();
    private final PlacementPolicy placement = PlacementPolicy.residencyAware();
    private final SchedulerConfig config;
    private final String[] names;
    private final Map<String, Integer> byName = new HashMap<>();
    private final SimWorker[] workers;
    private final WorkerResidency[] records;
    private final boolean[] stale;
    /** Requests queued and not started, per expert name: what {@code place} weighs evictions by. */
    private final Map<String, Long> waiting = new HashMap<>();
    /** The placement claim per expert: the worker index, or -1. */
    private final int[] claims;

    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) ->
            a.atNanos() != b.atNanos() ? Long.compare(a.atNanos(), b.atNanos()) : Long.compare(a.seq(), b.seq()));
    private long seq;

    private final long[] waits;
    private final long[] toGeneration;
    private int served;
    private long loads;
    private long placements;
    private long batches;
    private long overMaxWait;
    private long busyNanos;
    private long loadingNanos;
    private final long[] loadsPerHour;
    private final long[] busyPerHour;

    SimCluster(SimScenario scenario, SimWorkload workload, Dispatch dispatch) {
        this.scenario = scenario;
        this.workload = workload;
        this.dispatch = dispatch;
        this.config = new SchedulerConfig(
                scenario.maxWait(),
                scenario.batch(),
                scenario.window(),
                Integer.MAX_VALUE,
                policy,
                scenario.loadDelay());
        this.names = new String[scenario.experts()];
        for (int x = 0; x < names.length; x++) {
            names[x] = "expert-" + x;
            byName.put(names[x], x);
        }
        this.workers = new SimWorker[scenario.workers()];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new SimWorker(w, scenario.resident(), MODEL_BYTES, names);
        }
        this.records = new WorkerResidency[workers.length];
        this.stale = new boolean[workers.length];
        Arrays.fill(stale, true);
        this.claims = new int[names.length];
        Arrays.fill(claims, -1);
        this.waits = new long[workload.size()];
        this.toGeneration = new long[workload.size()];
        int hours = (int) Math.ceil(scenario.hours()) + 2;
        this.loadsPerHour = new long[hours * 4];
        this.busyPerHour = new long[hours * 4];
    }

    Result run() {
        long[] at = workload.atNanos();
        int[] expert = workload.expert();
        int next = 0;
        while (next < at.length || !events.isEmpty()) {
            if (next < at.length
                    && (events.isEmpty() || at[next] <= events.peek().atNanos())) {
                arrive(next, expert[next], at[next]);
                next++;
                continue;
            }
            Event e = events.poll();
            SimWorker worker = workers[e.worker()];
            if (e.done()) {
                worker.finish(e.expert(), e.atNanos());
                touched(worker);
                consider(worker, e.atNanos());
            } else if (worker.wakeAt == e.atNanos()) {
                worker.wakeAt = Long.MAX_VALUE;
                consider(worker, e.atNanos());
            }
        }
        return result();
    }

    private void arrive(int request, int expert, long now) {
        SimWorker worker = workers[target(request, expert, now)];
        worker.enqueue(expert, now);
        waiting.merge(names[expert], 1L, Long::sum);
        touched(worker);
        if (!worker.busy) {
            consider(worker, now);
        }
    }

    private int target(int request, int expert, long now) {
        if (dispatch == Dispatch.ROUND_ROBIN) {
            return request % workers.length;
        }
        List<WorkerResidency> live = residencies(now);
        List<String> holders = placement.holders(names[expert], live);
        int holder = holders.isEmpty() ? -1 : index(holders.getFirst());
        if (holder >= 0) {
            boolean busy =
                    switch (dispatch) {
                        case SPILL -> records[holder].queued() + records[holder].inFlight() >= scenario.spill();
                        case OVERFLOW ->
                            workers[holder].oldestQueuedAge(expert, now)
                                    >= scenario.maxWait().toNanos();
                        default -> false;
                    };
            if (!busy) {
                return holder;
            }
            // Every holder is busy: place among the workers that do not hold it, if any.
            live = live.stream().filter(r -> !r.holds(names[expert])).toList();
        }
        if (claims[expert] >= 0) {
            return claims[expert];
        }
        Optional<String> placed = placement.place(names[expert], MODEL_BYTES, live, waiting);
        if (placed.isEmpty()) {
            if (holder >= 0) {
                return holder;
            }
            throw new IllegalStateException("no worker can hold a model");
        }
        placements++;
        int chosen = index(placed.get());
        claims[expert] = chosen;
        return chosen;
    }

    private static int index(String workerId) {
        return Integer.parseInt(workerId.substring(workerId.indexOf('-') + 1));
    }

    /** Every worker's residency record, exact and current (a real gateway's view is up to a heartbeat old). */
    private List<WorkerResidency> residencies(long now) {
        for (int w = 0; w < workers.length; w++) {
            if (stale[w]) {
                records[w] = workers[w].residency(now);
                stale[w] = false;
            }
        }
        return Arrays.asList(records);
    }

    private void touched(SimWorker worker) {
        stale[worker.index] = true;
    }

    private void consider(SimWorker worker, long now) {
        if (worker.busy) {
            return;
        }
        switch (worker.decide(now, policy, config, byName)) {
            case SimWorker.Idle idle -> {}
            case SimWorker.Wait wait -> wake(worker, Math.max(now + 1, wait.atNanos()));
            case SimWorker.Run run -> start(worker, run.expert(), now);
        }
    }

    private void wake(SimWorker worker, long at) {
        if (at < worker.wakeAt) {
            worker.wakeAt = at;
            events.add(new Event(at, seq++, worker.index, false, -1));
        }
    }

    private void start(SimWorker worker, int expert, long now) {
        SimWorker.Batch batch = worker.start(expert, scenario.batch(), now);
        touched(worker);
        int size = batch.enqueuedNanos().length;
        waiting.merge(names[expert], (long) -size, Long::sum);
        if (claims[expert] == worker.index) {
            claims[expert] = -1; // the model is on its device now: the worker is a holder
        }
        long load = batch.loaded() ? scenario.load().toNanos() : 0;
        if (batch.loaded()) {
            loads++;
            loadsPerHour[(int) (now / HOUR)]++;
        }
        for (long enqueued : batch.enqueuedNanos()) {
            long wait = now - enqueued;
            waits[served] = wait;
            toGeneration[served] = wait + load;
            if (wait > scenario.maxWait().toNanos()) {
                overMaxWait++;
            }
            served++;
        }
        long duration = load + scenario.genNanos(size);
        busyNanos += duration;
        loadingNanos += load;
        addBusy(now, now + duration);
        batches++;
        events.add(new Event(now + duration, seq++, worker.index, true, expert));
    }

    private void addBusy(long from, long to) {
        for (long t = from; t < to; ) {
            int hour = (int) (t / HOUR);
            long hourEnd = (hour + 1) * HOUR;
            long until = Math.min(to, hourEnd);
            busyPerHour[hour] += until - t;
            t = until;
        }
    }

    private Result result() {
        if (served != workload.size()) {
            throw new IllegalStateException("served " + served + " of " + workload.size());
        }
        long[] sortedWaits = waits.clone();
        Arrays.sort(sortedWaits);
        long[] sortedToGeneration = toGeneration.clone();
        Arrays.sort(sortedToGeneration);
        long span = (long) (scenario.hours() * HOUR);
        long hourSpan = Math.min(HOUR, span);
        return new Result(
                dispatch,
                served,
                loads,
                Arrays.stream(loadsPerHour).max().orElse(0),
                served / (double) Math.max(1, batches),
                sortedWaits,
                sortedToGeneration,
                busyNanos / ((double) span * workers.length),
                Arrays.stream(busyPerHour).max().orElse(0) / ((double) hourSpan * workers.length),
                loadingNanos / (double) Math.max(1, busyNanos),
                overMaxWait,
                placements);
    }
}
