package io.coerouter.router.scheduling;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertErrors;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.TokenListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs local experts' work in batches, one batch at a time, choosing which expert goes next so that models load as
 * rarely as possible without letting any request wait past {@link SchedulerConfig#maxWait()}: first any expert whose
 * oldest request has waited that long (oldest first), then experts already resident in the model pool, then the
 * longest queue (ties: the oldest request). A chosen expert's queue is drained in full batches before another model
 * is loaded, so a model is not evicted while work for it waits behind the current batch. Short queues wait up to
 * {@link SchedulerConfig#batchWindow()} for company. Every queue is bounded. Remote experts are not scheduled here:
 * their calls are bounded per expert by {@code max-concurrency}, with the same fair queueing.
 */
public final class ExpertScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExpertScheduler.class);

    private record Job(
            Expert expert,
            ExpertRequest request,
            TokenListener tokens,
            long enqueuedNanos,
            CompletableFuture<ExpertOutcome> result) {}

    private final SchedulerConfig config;
    private final Predicate<String> resident;
    private final SchedulerListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Map<String, Deque<Job>> queues = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> depth = new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread dispatcher;
    private volatile boolean closed;
    private volatile String lastExpert;

    /** @param resident whether an expert's model is loaded now (no load needed to run it) */
    public ExpertScheduler(SchedulerConfig config, Predicate<String> resident, SchedulerListener listener) {
        this.config = java.util.Objects.requireNonNull(config, "config must not be null");
        this.resident = resident;
        this.listener = listener;
        this.dispatcher = Thread.ofVirtual().name("coe-scheduler").start(this::dispatch);
    }

    /** {@code expert} with every call going through its queue here. */
    public Expert schedule(Expert expert) {
        return new ScheduledExpert(expert, this);
    }

    /**
     * Queues requests for {@code expert} (run through its {@code doChatBatch} hook, so the caller's template method
     * prices, times and reports them) and waits for their outcomes. A full queue refuses the whole call as rate
     * limited.
     */
    List<ExpertOutcome> submit(Expert expert, List<ExpertRequest> requests, List<TokenListener> tokens) {
        List<Job> jobs = new ArrayList<>(requests.size());
        long now = System.nanoTime();
        for (int i = 0; i < requests.size(); i++) {
            jobs.add(new Job(expert, requests.get(i), tokens.get(i), now, new CompletableFuture<>()));
        }
        lock.lock();
        try {
            if (closed) {
                throw ExpertException.of(expert.id(), ExpertErrorKind.UNAVAILABLE, "the scheduler is closed", null);
            }
            Deque<Job> queue = queues.get(expert.id());
            if (queue == null) {
                queue = new ArrayDeque<>();
                queues.put(expert.id(), queue);
                depth.put(expert.id(), new AtomicInteger());
                listener.onNewQueue(expert.id(), this);
            }
            if (queue.size() + jobs.size() > config.queueCapacity()) {
                listener.onRejected(expert.id());
                throw ExpertException.of(
                        expert.id(),
                        ExpertErrorKind.RATE_LIMITED,
                        "its queue holds " + queue.size() + " requests and takes at most " + config.queueCapacity(),
                        0,
                        config.maxWait(),
                        null);
            }
            queue.addAll(jobs);
            depth.computeIfAbsent(expert.id(), id -> new AtomicInteger()).set(queue.size());
            work.signalAll();
        } finally {
            lock.unlock();
        }
        List<ExpertOutcome> outcomes = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            try {
                outcomes.add(job.result().get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                jobs.forEach(j -> j.result().cancel(false));
                throw ExpertException.of(expert.id(), ExpertErrorKind.CANCELLED, "interrupted while queued", e);
            } catch (java.util.concurrent.CancellationException | ExecutionException e) {
                outcomes.add(ExpertOutcome.of(ExpertErrors.map(expert.id(), e.getCause() == null ? e : e.getCause())));
            }
        }
        return outcomes;
    }

    /** Requests queued for {@code expertId} now. */
    public int queued(String expertId) {
        AtomicInteger d = depth.get(expertId);
        return d == null ? 0 : d.get();
    }

    private void dispatch() {
        while (!closed) {
            List<Job> batch;
            try {
                batch = next();
            } catch (InterruptedException e) {
                return;
            }
            if (batch != null) {
                run(batch);
            }
        }
    }

    /** The next batch to run, waiting for work or for a batch window; null to look again. */
    private List<Job> next() throws InterruptedException {
        lock.lock();
        try {
            while (queues.values().stream().allMatch(Deque::isEmpty)) {
                if (closed) {
                    return null;
                }
                work.await();
            }
            long now = System.nanoTime();
            String chosen = choose(now);
            Deque<Job> queue = queues.get(chosen);
            long age = now - queue.peekFirst().enqueuedNanos();
            boolean urgent = age >= config.maxWait().toNanos();
            if (!urgent
                    && queue.size() < config.maxBatchSize()
                    && age < config.batchWindow().toNanos()) {
                // A short queue waits a little for company; anything arriving wakes us to look again.
                work.awaitNanos(config.batchWindow().toNanos() - age);
                return null;
            }
            List<Job> batch = new ArrayList<>();
            while (batch.size() < config.maxBatchSize() && !queue.isEmpty()) {
                Job job = queue.pollFirst();
                if (!job.result().isDone()) {
                    batch.add(job);
                }
            }
            depth.get(chosen).set(queue.size());
            return batch.isEmpty() ? null : batch;
        } finally {
            lock.unlock();
        }
    }

    /** Which expert runs next (the lock is held; at least one queue has work). */
    private String choose(long now) {
        String urgent = null;
        long oldestUrgent = Long.MAX_VALUE;
        String best = null;
        int bestRank = -1;
        long bestOldest = Long.MAX_VALUE;
        for (Map.Entry<String, Deque<Job>> e : queues.entrySet()) {
            Deque<Job> q = e.getValue();
            if (q.isEmpty()) {
                continue;
            }
            long oldest = q.peekFirst().enqueuedNanos();
            if (now - oldest >= config.maxWait().toNanos() && oldest < oldestUrgent) {
                urgent = e.getKey();
                oldestUrgent = oldest;
            }
            // Rank: the expert just run (still loaded) first, then other resident ones, then queue length.
            int rank = (e.getKey().equals(lastExpert) ? 2 : resident.test(e.getKey()) ? 1 : 0) * 1_000_000 + q.size();
            if (rank > bestRank || (rank == bestRank && oldest < bestOldest)) {
                best = e.getKey();
                bestRank = rank;
                bestOldest = oldest;
            }
        }
        return urgent != null ? urgent : best;
    }

    private void run(List<Job> batch) {
        Expert expert = batch.getFirst().expert();
        long start = System.nanoTime();
        batch.forEach(j -> listener.onWait(expert.id(), start - j.enqueuedNanos()));
        List<ExpertOutcome> outcomes;
        try {
            outcomes = expert.doChatBatch(
                    batch.stream().map(Job::request).toList(),
                    batch.stream().map(Job::tokens).toList());
        } catch (RuntimeException e) {
            log.warn("batch for expert '{}' failed: {}", expert.id(), e.toString());
            ExpertOutcome failed = ExpertOutcome.of(ExpertErrors.map(expert.id(), e));
            outcomes = java.util.Collections.nCopies(batch.size(), failed);
        }
        lastExpert = expert.id();
        listener.onBatch(expert.id(), batch.size(), System.nanoTime() - start);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(outcomes.get(i));
        }
    }

    /** Stops taking work; queued requests fail. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queues.values()
                    .forEach(q -> q.forEach(
                            j -> j.result().completeExceptionally(new IllegalStateException("the scheduler closed"))));
            queues.clear();
            work.signalAll();
        } finally {
            lock.unlock();
        }
        dispatcher.interrupt();
    }
}
