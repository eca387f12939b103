package io.coerouter.router.dispatch;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.PoolSnapshot;
import io.coerouter.expert.Tier;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.state.StateUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's side of the cluster: it serves the queues of the local experts it should, runs their work through its
 * own scheduler (so a batch shares forward passes and look-ahead eviction works as on one process), sends tokens and
 * answers back to the gateway that asked, and acknowledges each entry once answered.
 *
 * <p>It serves expert X's queue while X is loaded on its device, or while it holds X's placement claim: when work
 * waits for X and no live worker holds X, every worker computes the same {@link PlacementPolicy#place} choice and
 * the chosen one claims X and loads it. When X's oldest waiting request has waited longer than the overflow time
 * (the cluster's bounded wait), the policy's choice among the other workers serves X too.
 *
 * <p>Every heartbeat it publishes its residency, renews its claims and the leases of the entries it holds, and
 * reclaims entries of the experts it serves that a dead worker left (their lease ran out). Entries are executed at
 * least once; the gateway keeps one answer per request.
 */
public final class DispatchWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DispatchWorker.class);

    /**
     * How the worker paces itself.
     *
     * @param heartbeat how often it publishes, renews and looks for work to place
     * @param ttl how long its record lives without a heartbeat
     * @param lease how long an entry it holds may go unrenewed before another worker reclaims it
     * @param block how long one read of a queue waits for work
     * @param overflowAfter how long the oldest waiting request may wait before a non-holder serves its expert too
     * @param maxBatch the most entries taken at once, and the most held per expert beyond those running
     */
    public record Settings(
            Duration heartbeat, Duration ttl, Duration lease, Duration block, Duration overflowAfter, int maxBatch) {

        public Settings {
            for (var d : List.of(
                    Map.entry("heartbeat", heartbeat),
                    Map.entry("ttl", ttl),
                    Map.entry("lease", lease),
                    Map.entry("block", block),
                    Map.entry("overflowAfter", overflowAfter))) {
                if (d.getValue() == null || !d.getValue().isPositive()) {
                    throw new IllegalArgumentException(d.getKey() + " must be > 0, but was " + d.getValue());
                }
            }
            if (maxBatch < 1) {
                throw new IllegalArgumentException("maxBatch must be >= 1, but was " + maxBatch);
            }
        }
    }

    /** The local experts this worker can run, by id (scheduled: their calls share batches); read every heartbeat. */
    @FunctionalInterface
    public interface LocalExperts {
        Map<String, Expert> byId();
    }

    private final String workerId;
    private final ExpertWorkQueue queue;
    private final ClusterDirectory directory;
    private final PlacementPolicy policy;
    private final ReplyPublisher replies;
    private final CancelBroadcast cancels;
    private final LocalExperts experts;
    private final Supplier<PoolSnapshot> pool;
    private final ToIntFunction<String> scheduled;
    private final RecentLoads loads;
    private final Clock clock;
    private final Settings settings;
    private final DispatchMetrics metrics;
    private final Execution execution;

    private final Map<String, Taker> takers = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> held = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Map<String, Long> clusterWaiting = Map.of();
    /** The last scan's decision per expert: a taker takes new work only while it is true. */
    private final Map<String, Boolean> servingNow = new ConcurrentHashMap<>();
    /** The other workers' records, as the last heartbeat read them. */
    private volatile List<WorkerResidency> others = List.of();
    /**
     * The experts this worker claimed and has not loaded yet, with their sizes: its record lists them on its device
     * (loading), so neither its own next placement nor another worker's counts their room as free.
     */
    private final Map<String, Long> claims = new ConcurrentHashMap<>();
    /** The live gateways, as the last heartbeat read them: a request from one of them needs no lookup. */
    private volatile Set<String> gateways = Set.of();

    private final Thread heartbeat;
    private volatile boolean closed;

    /**
     * How a request runs given how long it already waited in the cluster's queue: the router's scheduler counts that
     * wait against its max wait and load delay ({@code ExpertScheduler.alreadyWaited}).
     */
    @FunctionalInterface
    public interface Execution {
        ExpertResponse run(Duration waited, Supplier<ExpertResponse> call);
    }

    private DispatchWorker(Builder b) {
        this.workerId = b.workerId;
        this.queue = b.queue;
        this.directory = b.directory;
        this.policy = b.policy;
        this.replies = b.replies;
        this.cancels = b.cancels;
        this.experts = b.experts;
        this.pool = b.pool;
        this.scheduled = b.scheduled;
        this.loads = b.loads;
        this.clock = b.clock;
        this.settings = b.settings;
        this.metrics = b.metrics;
        this.execution = b.execution;
        this.heartbeat = Thread.ofVirtual().name("coe-worker-heartbeat").unstarted(this::beat);
    }

    /** A worker with every part named; {@link Builder#start()} starts its heartbeat. */
    public static Builder builder() {
        return new Builder();
    }

    /** This worker's id in the cluster. */
    public String id() {
        return workerId;
    }

    /**
     * Requests for {@code expert} waiting in the cluster's queue (not yet taken by any worker), as the last heartbeat
     * read it: the model pool counts them as demand, so it does not evict a model the cluster still needs.
     */
    public int clusterWaiting(String expert) {
        return (int) Math.min(Integer.MAX_VALUE, clusterWaiting.getOrDefault(expert, 0L));
    }

    /** The experts whose queues this worker serves now. */
    public Set<String> serving() {
        return Set.copyOf(takers.keySet());
    }

    private void beat() {
        // Decisions every scan (the read's block time, 200 ms by default) so waiting work is placed quickly;
        // publishing, renewing and reclaiming every heartbeat.
        Duration scan = settings.block().compareTo(settings.heartbeat()) < 0 ? settings.block() : settings.heartbeat();
        long lastBeat = 0;
        boolean first = true;
        while (!closed) {
            long now = System.nanoTime();
            boolean full = first || now - lastBeat >= settings.heartbeat().toNanos();
            try {
                tick(full);
                if (full) {
                    lastBeat = now;
                    first = false;
                }
            } catch (StateUnavailableException e) {
                if (full) {
                    log.warn("worker {}: Redis is unavailable, trying again: {}", workerId, e.getMessage());
                    lastBeat = now;
                }
            } catch (RuntimeException e) {
                log.error("worker {}: heartbeat failed", workerId, e);
            }
            try {
                Thread.sleep(scan);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A heartbeat: publish, renew, reclaim, and decide which queues to serve. */
    void tick() {
        tick(true);
    }

    /** Decides which queues to serve; on a heartbeat ({@code full}) also publishes, renews and reclaims. */
    private void tick(boolean full) {
        PoolSnapshot snapshot = pool.get();
        Map<String, Expert> local = experts.byId();
        WorkerResidency mine = residency(snapshot, local);
        if (full) {
            directory.publishWorker(mine, settings.ttl());
            others = directory.workers();
            gateways = directory.gateways().stream()
                    .map(GatewayRecord::gatewayId)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
        List<WorkerResidency> workers = new ArrayList<>(others);
        workers.removeIf(w -> w.workerId().equals(workerId));
        workers.add(mine);

        Map<String, ExpertWorkQueue.Backlog> backlogs = new HashMap<>();
        Map<String, Long> waiting = new HashMap<>();
        for (String id : local.keySet()) {
            ExpertWorkQueue.Backlog b = queue.backlog(id);
            backlogs.put(id, b);
            waiting.put(id, b.waiting());
            metrics.backlog(id, b);
        }
        clusterWaiting = Map.copyOf(waiting);
        Set<String> onDevice = onDevice(snapshot);
        boolean claimed = false;
        for (Map.Entry<String, Expert> e : local.entrySet()) {
            String id = e.getKey();
            int claimsBefore = claims.size();
            boolean serve = shouldServe(id, onDevice, mine, workers, backlogs.get(id), waiting, snapshot);
            if (claims.size() != claimsBefore) {
                // A claim changes this worker's room: the next decision in this scan, and the others, must see it.
                claimed = true;
                WorkerResidency updated = residency(snapshot, local);
                workers.remove(mine);
                workers.add(updated);
                mine = updated;
            }
            servingNow.put(id, serve);
            Taker taker = takers.get(id);
            if (serve && taker == null) {
                startServing(id, e.getValue());
            } else if (!serve && taker != null && heldCount(id) == 0) {
                stopServing(id);
            }
        }
        for (String id : List.copyOf(takers.keySet())) {
            if (!local.containsKey(id)) {
                servingNow.remove(id);
                stopServing(id); // removed or disabled: the next worker that has it takes over
            }
        }
        if (claimed && !full) {
            directory.publishWorker(mine, settings.ttl());
        }
        if (full) {
            for (Map.Entry<String, Expert> e : local.entrySet()) {
                String id = e.getKey();
                Set<String> ids = held.get(id);
                if (ids != null && !ids.isEmpty()) {
                    queue.renew(id, workerId, List.copyOf(ids));
                }
                // Every local expert, served here or not: a dead worker's items are nobody's until one reclaims them.
                if (backlogs.get(id).inFlight() == 0) {
                    continue;
                }
                for (Delivery d : queue.reclaim(id, workerId, settings.lease(), settings.maxBatch())) {
                    log.info(
                            "worker {}: took over request {} of expert '{}' from a worker that stopped",
                            workerId,
                            d.item().requestId(),
                            id);
                    metrics.reclaimed(id);
                    run(id, e.getValue(), d, 1);
                }
            }
        }
        metrics.serving(takers.size());
    }

    private boolean shouldServe(
            String id,
            Set<String> onDevice,
            WorkerResidency mine,
            List<WorkerResidency> workers,
            ExpertWorkQueue.Backlog backlog,
            Map<String, Long> waiting,
            PoolSnapshot snapshot) {
        if (onDevice.contains(id)) {
            releaseClaimIfHeld(id);
            return true;
        }
        if (claims.containsKey(id)) {
            // Claimed and loading (or about to): keep the claim while work is here or waits, and while it is ours.
            if ((backlog.depth() > 0 || heldCount(id) > 0) && directory.claim(id, workerId, settings.lease())) {
                return true;
            }
            releaseClaimIfHeld(id);
            return false;
        }
        if (backlog.waiting() == 0) {
            return false;
        }
        Optional<String> claimant = directory.claimant(id);
        List<String> holders = policy.holders(id, workers);
        boolean claimedByLive = claimant.isPresent()
                && workers.stream().anyMatch(w -> w.workerId().equals(claimant.get()));
        long bytes = modelBytes(id, snapshot, workers);
        if (holders.isEmpty() && !claimedByLive) {
            Optional<String> pick = policy.place(id, bytes, workers, waiting);
            if (pick.isPresent() && pick.get().equals(workerId) && directory.claim(id, workerId, settings.lease())) {
                claims.put(id, bytes);
                log.info("worker {}: placed expert '{}' here (no live worker holds it)", workerId, id);
                metrics.placed(id);
                return true;
            }
            return false;
        }
        // Held or claimed elsewhere: join only when its oldest request has waited past the bounded wait.
        if (backlog.oldestWaitingMillis() >= settings.overflowAfter().toMillis()) {
            List<WorkerResidency> others = workers.stream()
                    .filter(w -> !holders.contains(w.workerId())
                            && !(claimant.isPresent() && claimant.get().equals(w.workerId())))
                    .toList();
            Optional<String> pick = policy.place(id, bytes, others, waiting);
            if (pick.isPresent() && pick.get().equals(workerId)) {
                log.info(
                        "worker {}: expert '{}' has waited {} ms, past the bounded wait: serving it here too",
                        workerId,
                        id,
                        backlog.oldestWaitingMillis());
                metrics.overflowed(id);
                return true;
            }
        }
        return false;
    }

    /** Gives up this worker's claim on {@code id}, if it has one (the release script deletes only our own claim). */
    private void releaseClaimIfHeld(String id) {
        if (claims.remove(id) != null) {
            directory.release(id, workerId);
        }
    }

    private static long modelBytes(String id, PoolSnapshot snapshot, List<WorkerResidency> workers) {
        for (PoolSnapshot.ModelState m : snapshot.models()) {
            if (m.id().equals(id) && m.bytes() > 0) {
                return m.bytes();
            }
        }
        for (WorkerResidency w : workers) {
            for (ResidentModel m : w.device()) {
                if (m.expert().equals(id)) {
                    return m.bytes();
                }
            }
            for (ResidentModel m : w.host()) {
                if (m.expert().equals(id)) {
                    return m.bytes();
                }
            }
        }
        return 0;
    }

    private WorkerResidency residency(PoolSnapshot snapshot, Map<String, Expert> local) {
        List<ResidentModel> device = new ArrayList<>();
        List<ResidentModel> host = new ArrayList<>();
        snapshot.models().stream()
                .sorted(Comparator.comparing((PoolSnapshot.ModelState m) ->
                        m.lastUsed() == null ? 0L : m.lastUsed().toEpochMilli()))
                .forEach(m -> {
                    ResidentModel r = new ResidentModel(
                            m.id(),
                            m.bytes(),
                            m.lastUsed() == null ? 0 : m.lastUsed().toEpochMilli(),
                            heldCount(m.id()));
                    if (onDevice(m)) {
                        device.add(r);
                    } else if (m.tier() == Tier.HOST) {
                        host.add(r);
                    }
                });
        long free = Math.max(0, snapshot.deviceBudgetBytes() - snapshot.deviceUsedBytes());
        for (Map.Entry<String, Long> c : claims.entrySet()) {
            if (device.stream().noneMatch(m -> m.expert().equals(c.getKey()))) {
                // Claimed, about to load: listed last (most recently used), its room no longer free.
                device.add(new ResidentModel(c.getKey(), c.getValue(), clock.millis()));
                host.removeIf(m -> m.expert().equals(c.getKey()));
                free = Math.max(0, free - c.getValue());
            }
        }
        int queued = 0;
        for (String id : local.keySet()) {
            queued += scheduled.applyAsInt(id);
        }
        return new WorkerResidency(
                workerId, device, host, snapshot.deviceBudgetBytes(), free, queued, inFlight.get(), clock.millis());
    }

    /** The models on this worker's device now, or loading onto it. */
    private static Set<String> onDevice(PoolSnapshot snapshot) {
        Set<String> ids = new java.util.HashSet<>();
        for (PoolSnapshot.ModelState m : snapshot.models()) {
            if (onDevice(m)) {
                ids.add(m.id());
            }
        }
        return ids;
    }

    private static boolean onDevice(PoolSnapshot.ModelState m) {
        return m.tier() == Tier.DEVICE || m.loading();
    }

    /** Whether the gateway waits for answers: live at the last heartbeat, else asked now (it may be new). */
    private boolean gatewayAlive(String gatewayId) {
        return gateways.contains(gatewayId) || directory.gatewayAlive(gatewayId);
    }

    private int heldCount(String id) {
        Set<String> ids = held.get(id);
        return ids == null ? 0 : ids.size();
    }

    private void startServing(String id, Expert expert) {
        Taker taker = new Taker(id, expert);
        takers.put(id, taker);
        taker.thread.start();
        log.info("worker {}: serving expert '{}'", workerId, id);
    }

    private void stopServing(String id) {
        Taker taker = takers.remove(id);
        if (taker != null) {
            taker.stop();
            log.info("worker {}: no longer serving expert '{}'", workerId, id);
        }
        releaseClaimIfHeld(id);
    }

    /** Reads one expert's queue in batches while this worker serves it. */
    private final class Taker {
        private final String id;
        private final Expert expert;
        private final Thread thread;
        private volatile boolean stopped;

        Taker(String id, Expert expert) {
            this.id = id;
            this.expert = expert;
            this.thread = Thread.ofVirtual().name("coe-worker-take-" + id).unstarted(this::loop);
        }

        void stop() {
            stopped = true;
        }

        private void loop() {
            while (!stopped && !closed) {
                if (!Boolean.TRUE.equals(servingNow.get(id))) {
                    // Its model left the device (another took its place) and no claim or overflow says to load it
                    // here again: finish what is held, take nothing new, let placement decide where it goes next.
                    pause(settings.block());
                    continue;
                }
                // Hold at most two batches beyond what runs (one while its model is still to load): the rest stays in
                // Redis, where its wait shows and other workers can overflow to it.
                int room = (claims.containsKey(id) ? 1 : 2) * settings.maxBatch() - heldCount(id);
                if (room <= 0) {
                    pause(Duration.ofMillis(5));
                    continue;
                }
                List<Delivery> batch;
                try {
                    batch = queue.take(id, workerId, Math.min(room, settings.maxBatch()), settings.block());
                } catch (StateUnavailableException e) {
                    log.warn("worker {}: cannot read the queue of '{}': {}", workerId, id, e.getMessage());
                    pause(settings.heartbeat());
                    continue;
                } catch (RuntimeException e) {
                    log.error("worker {}: reading the queue of '{}' failed", workerId, id, e);
                    pause(settings.heartbeat());
                    continue;
                }
                for (Delivery d : batch) {
                    run(id, expert, d, batch.size());
                }
            }
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one entry on its own virtual thread: the scheduler batches it with the others running now. */
    private void run(String id, Expert expert, Delivery d, int batchSize) {
        held.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(d.id());
        inFlight.incrementAndGet();
        Thread.ofVirtual().name("coe-worker-run-" + id).start(() -> {
            try {
                execute(id, expert, d, batchSize);
            } finally {
                inFlight.decrementAndGet();
                Set<String> ids = held.get(id);
                if (ids != null) {
                    ids.remove(d.id());
                }
            }
        });
    }

    private void execute(String id, Expert expert, Delivery d, int batchSize) {
        WorkItem item = d.item();
        String requestId = item.requestId();
        String attempt = workerId + ":" + d.id();
        try {
            DispatchPayload payload;
            try {
                payload = DispatchPayload.fromJson(item.payload());
            } catch (IllegalArgumentException e) {
                metrics.answered(id, Outcome.REJECTED);
                replies.failed(
                        item.replyTo(),
                        requestId,
                        attempt,
                        ExpertException.of(id, ExpertErrorKind.BAD_REQUEST, "the work item is malformed", null));
                return;
            }
            long now = clock.millis();
            if (cancels.cancelled(requestId)
                    || (payload.deadlineMillis() > 0 && now > payload.deadlineMillis())
                    || !gatewayAlive(item.replyTo())) {
                // Nobody waits for it any more: the client went away, the gateway gave up or stopped.
                metrics.answered(id, Outcome.DROPPED);
                return;
            }
            TokenListener tokens = payload.streaming() ? new Relay(item, attempt) : TokenListener.NONE;
            long start = clock.millis();
            ExpertResponse response;
            try {
                Duration waited = Duration.ofMillis(Math.max(0, start - item.enqueuedAtMillis()));
                response = execution.run(waited, () -> expert.chat(payload.request(), tokens));
            } catch (CancelledByClient e) {
                metrics.answered(id, Outcome.DROPPED);
                return;
            } catch (ExpertException e) {
                metrics.answered(id, Outcome.FAILED);
                replies.failed(item.replyTo(), requestId, attempt, e);
                return;
            }
            long end = clock.millis();
            long load = loads.loadedBetween(id, start, end);
            Served served = new Served(
                    workerId,
                    Math.max(0, start - item.enqueuedAtMillis()),
                    load,
                    Math.max(0, end - start - load),
                    batchSize);
            replies.done(item.replyTo(), requestId, attempt, response, served);
            metrics.answered(id, Outcome.ANSWERED);
        } catch (StateUnavailableException e) {
            // Not acknowledged below: Redis is gone, so the entry stays pending and is reclaimed after its lease.
            log.warn("worker {}: cannot answer request {} of '{}': {}", workerId, requestId, id, e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.error("worker {}: request {} of '{}' failed", workerId, requestId, id, e);
            metrics.answered(id, Outcome.FAILED);
            try {
                replies.failed(
                        item.replyTo(),
                        requestId,
                        attempt,
                        ExpertException.of(id, ExpertErrorKind.SERVER_ERROR, "the worker failed to run it", null));
            } catch (RuntimeException ignored) {
                // The reply could not be sent either; the gateway times out.
            }
        }
        try {
            queue.ack(id, List.of(d.id()));
        } catch (StateUnavailableException e) {
            log.warn("worker {}: cannot acknowledge request {} of '{}': {}", workerId, requestId, id, e.getMessage());
        }
    }

    /** Sends each token to the gateway; stops generation once the client has gone. */
    private final class Relay implements TokenListener {
        private final WorkItem item;
        private final String attempt;

        Relay(WorkItem item, String attempt) {
            this.item = item;
            this.attempt = attempt;
        }

        @Override
        public void onToken(String text) {
            if (cancels.cancelled(item.requestId())) {
                throw new CancelledByClient();
            }
            replies.token(item.replyTo(), item.requestId(), attempt, text);
        }
    }

    /** Thrown from a token listener to stop generating for a client that has gone. */
    private static final class CancelledByClient extends RuntimeException {
        CancelledByClient() {
            super("the client went away", null, false, false);
        }
    }

    /** How one entry ended, for the metrics. */
    public enum Outcome {
        ANSWERED,
        FAILED,
        REJECTED,
        DROPPED;

        /** The metric tag: {@code answered}, {@code failed}, {@code rejected}, {@code dropped}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Stops serving: no new work is taken, requests running now finish (up to {@code grace}), claims are released and
     * the worker's record removed. Entries it could not finish are reclaimed by other workers after their lease.
     */
    public void close(Duration grace) {
        closed = true;
        heartbeat.interrupt();
        takers.values().forEach(Taker::stop);
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(20));
        }
        try {
            List.copyOf(claims.keySet()).forEach(this::releaseClaimIfHeld);
            directory.removeWorker(workerId);
        } catch (StateUnavailableException e) {
            log.warn("worker {}: could not remove its record: {}", workerId, e.getMessage());
        }
        takers.clear();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** Names every part of a {@link DispatchWorker}. */
    public static final class Builder {
        private String workerId;
        private ExpertWorkQueue queue;
        private ClusterDirectory directory;
        private PlacementPolicy policy = PlacementPolicy.residencyAware();
        private ReplyPublisher replies;
        private CancelBroadcast cancels;
        private LocalExperts experts;
        private Supplier<PoolSnapshot> pool;
        private ToIntFunction<String> scheduled = id -> 0;
        private RecentLoads loads = new RecentLoads();
        private Clock clock = Clock.systemUTC();
        private Settings settings;
        private DispatchMetrics metrics = DispatchMetrics.NONE;
        private Execution execution = (waited, call) -> call.get();

        private Builder() {}

        public Builder id(String workerId) {
            this.workerId = workerId;
            return this;
        }

        public Builder queue(ExpertWorkQueue queue) {
            this.queue = queue;
            return this;
        }

        public Builder directory(ClusterDirectory directory) {
            this.directory = directory;
            return this;
        }

        public Builder policy(PlacementPolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder replies(ReplyPublisher replies) {
            this.replies = replies;
            return this;
        }

        public Builder cancels(CancelBroadcast cancels) {
            this.cancels = cancels;
            return this;
        }

        public Builder experts(LocalExperts experts) {
            this.experts = experts;
            return this;
        }

        /** The model pool's state, for the residency record and model sizes. */
        public Builder pool(Supplier<PoolSnapshot> pool) {
            this.pool = pool;
            return this;
        }

        /** Requests queued in the local scheduler per expert, for the record's queue depth. */
        public Builder scheduled(ToIntFunction<String> scheduled) {
            this.scheduled = scheduled;
            return this;
        }

        /** Model loads seen by the pool (register it as a pool listener), for the trace's load time. */
        public Builder loads(RecentLoads loads) {
            this.loads = loads;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder settings(Settings settings) {
            this.settings = settings;
            return this;
        }

        /** How a request runs given its wait in the cluster's queue (by default: as it is). */
        public Builder execution(Execution execution) {
            this.execution = execution;
            return this;
        }

        public Builder metrics(DispatchMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /** The worker, its heartbeat started: it publishes itself and starts serving at once. */
        public DispatchWorker start() {
            Objects.requireNonNull(workerId, "id");
            Objects.requireNonNull(queue, "queue");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(replies, "replies");
            Objects.requireNonNull(cancels, "cancels");
            Objects.requireNonNull(experts, "experts");
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(settings, "settings");
            DispatchWorker worker = new DispatchWorker(this);
            worker.heartbeat.start();
            return worker;
        }
    }
}
