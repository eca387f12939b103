package io.coerouter.router.scheduling;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertErrors;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.telemetry.genai.GenAiTelemetry;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs local experts' work in batches, one batch at a time, letting a {@link SchedulingPolicy} choose which expert
 * goes next. The default, {@linkplain SchedulingPolicy#swapAware() swap-aware}, loads models as rarely as possible
 * without letting any request wait past {@link SchedulerConfig#maxWait()}. A chosen expert's queue is drained in full
 * batches before another model is loaded, and the model pool is told which models have queued work (see {@link
 * #queued}) so it evicts others first. Short queues wait up to {@link SchedulerConfig#batchWindow()} for company.
 * Every queue is bounded. An expert that {@linkplain Expert#joinsRunningBatch joins running batches} (a local DJL
 * model) is not held to one batch at a time: while its batch runs, its newly queued calls are sent at once (up to the
 * max batch size in flight) and join that batch between decoding steps; other experts wait for it to end, as before,
 * unless their work passes the max wait. Remote experts are not batched here: {@link #limit} bounds their calls in flight and their
 * queue, with the same metrics.
 */
public final class ExpertScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExpertScheduler.class);

    private record Job(
            Expert expert,
            ExpertRequest request,
            TokenListener tokens,
            long enqueuedNanos,
            boolean planned,
            CompletableFuture<ExpertOutcome> result,
            Context context,
            AtomicReference<Thread> runner) {

        /** Cancels this call and interrupts the thread running it, if one does (a joiner), so its row leaves. */
        void cancel() {
            result.cancel(false);
            Thread t = runner.get();
            if (t != null) {
                t.interrupt();
            }
        }
    }

    /**
     * {@code expert} with its calls marked as planned: work grouped by a caller that submits everything it has (a batch
     * file's lines), so it is never held back to gather company before its model loads. An expert this scheduler does
     * not batch (a remote one) is returned as it is.
     */
    public static Expert planned(Expert expert) {
        if (expert instanceof ScheduledExpert scheduled) {
            return scheduled.planned();
        }
        if (expert instanceof PlannedCalls || !batches(expert)) {
            return expert;
        }
        // Scheduled under other decorators (the registry's): keep them, and mark every call planned by its listener.
        return new PlannedCalls(expert);
    }

    /** Whether {@code expert}'s calls are batched here: it is a scheduled expert, or decorates one. */
    public static boolean batches(Expert expert) {
        for (Expert e = expert; e != null; e = io.coerouter.expert.ForwardingExpert.wrappedBy(e)) {
            if (e instanceof ScheduledExpert) {
                return true;
            }
        }
        return false;
    }

    /** A decorated scheduled expert whose every call is planned work, through the listeners it passes on. */
    private static final class PlannedCalls extends io.coerouter.expert.ForwardingExpert {
        PlannedCalls(Expert delegate) {
            super(delegate);
        }

        @Override
        public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
            return delegate().doChat(request, plannedTokens(tokens));
        }

        @Override
        public List<ExpertOutcome> doChatBatch(List<ExpertRequest> requests, List<TokenListener> listeners) {
            return delegate()
                    .doChatBatch(
                            requests,
                            listeners.stream()
                                    .map(ExpertScheduler::plannedTokens)
                                    .toList());
        }
    }

    /**
     * {@code tokens}, marking every scheduled call made with it as planned (see {@link #planned(Expert)}): for calls a
     * caller makes through others, such as an aggregator's synthesiser asked for a batch line. Only a listener that
     * does not stream keeps the mark (a streaming one is wrapped by the expert on the way).
     */
    public static TokenListener plannedTokens(TokenListener tokens) {
        return tokens instanceof PlannedTokens ? tokens : new PlannedTokens(tokens);
    }

    /** A listener whose calls are planned work. */
    private record PlannedTokens(TokenListener delegate) implements TokenListener {

        @Override
        public void onToken(String token) {
            delegate.onToken(token);
        }

        @Override
        public boolean streaming() {
            return delegate.streaming();
        }
    }

    private static final ThreadLocal<Long> WAITED = new ThreadLocal<>();

    /**
     * Runs {@code call} (on this thread) with every request it submits here counted as queued {@code waited} ago: work
     * that waited in another queue first (a cluster worker's request, queued at the gateway) keeps the bounded-wait
     * promise from when it was first queued, and its load delay is not waited twice.
     */
    public static <T> T alreadyWaited(Duration waited, java.util.function.Supplier<T> call) {
        long nanos = waited == null || waited.isNegative() ? 0 : waited.toNanos();
        WAITED.set(nanos);
        try {
            return call.get();
        } finally {
            WAITED.remove();
        }
    }

    /** Whether a call made with {@code tokens} is planned work. */
    static boolean isPlanned(TokenListener tokens) {
        return tokens instanceof PlannedTokens;
    }

    private final SchedulerConfig config;
    private final Predicate<String> resident;
    private final SchedulerListener listener;
    private final GenAiTelemetry telemetry;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Map<String, Deque<Job>> queues = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> depth = new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread dispatcher;
    private volatile boolean closed;
    private volatile String lastExpert;
    /** The expert whose running batch takes joiners (see {@link Expert#joinsRunningBatch}), and its calls in flight. */
    private String joining;

    private int joiningCalls;

    /** The threads running joining calls now, interrupted on {@link #close()}. */
    private final java.util.Set<Thread> joiners = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @param resident whether an expert's model is loaded now (no load needed to run it) */
    public ExpertScheduler(SchedulerConfig config, Predicate<String> resident, SchedulerListener listener) {
        this(config, resident, listener, GenAiTelemetry.off());
    }

    /**
     * @param resident whether an expert's model is loaded now (no load needed to run it)
     * @param telemetry traces each request's queue wait and the model loads of its batch
     */
    public ExpertScheduler(
            SchedulerConfig config, Predicate<String> resident, SchedulerListener listener, GenAiTelemetry telemetry) {
        this.config = java.util.Objects.requireNonNull(config, "config must not be null");
        this.resident = resident;
        this.listener = listener;
        this.telemetry = telemetry;
        this.dispatcher = Thread.ofVirtual().name("coe-scheduler").start(this::dispatch);
    }

    /** {@code expert} (a local one) with every call going through its queue here, batched with the others. */
    public Expert schedule(Expert expert) {
        return new ScheduledExpert(expert, this);
    }

    /**
     * {@code expert} (a remote one) with at most its {@code max-concurrency} calls in flight and a bounded FIFO queue
     * of {@link SchedulerConfig#queueCapacity()} behind them; its waits and refusals are reported like local ones.
     */
    public Expert limit(Expert expert) {
        return new QueuedRemoteExpert(expert, config, listener);
    }

    /**
     * Queues requests for {@code expert} ({@code planned}: work planned as a whole, see {@link #planned(Expert)}; run through its {@code doChatBatch} hook, so the caller's template method
     * prices, times and reports them) and waits for their outcomes. A full queue refuses the whole call as rate
     * limited.
     */
    List<ExpertOutcome> submit(
            Expert expert, List<ExpertRequest> requests, List<TokenListener> tokens, boolean planned) {
        List<Job> jobs = new ArrayList<>(requests.size());
        Long waitedBefore = WAITED.get();
        // Work that queued elsewhere first (a cluster's queue) counts from then: max wait and load delay included.
        long now = System.nanoTime() - (waitedBefore == null ? 0 : waitedBefore);
        for (int i = 0; i < requests.size(); i++) {
            jobs.add(new Job(
                    expert,
                    requests.get(i),
                    tokens.get(i),
                    now,
                    planned,
                    new CompletableFuture<>(),
                    Context.current(),
                    new AtomicReference<>()));
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
                listener.onNewQueue(expert.id(), () -> queued(expert.id()));
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
                jobs.forEach(Job::cancel);
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
            if (batch != null && batch.getFirst().expert().joinsRunningBatch()) {
                runJoining(batch);
            } else if (batch != null) {
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
            if (joining != null) {
                return joiners(now);
            }
            SchedulingPolicy.Pick pick = config.policy().pick(states(), now, config);
            if (pick.expertId() == null) {
                // Work for unloaded models gathers a fuller batch; anything arriving wakes us to look again.
                work.awaitNanos(Math.max(1, pick.waitUntilNanos() - now));
                return null;
            }
            Deque<Job> queue = queues.get(pick.expertId());
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
            while (batch.size() < config.maxBatchSize()
                    && !queue.isEmpty()
                    && (batch.isEmpty() || queue.peekFirst().enqueuedNanos() < pick.queuedBefore())) {
                Job job = queue.pollFirst();
                if (!job.result().isDone()) {
                    batch.add(job);
                }
            }
            depth.get(pick.expertId()).set(queue.size());
            return batch.isEmpty() ? null : batch;
        } finally {
            lock.unlock();
        }
    }

    /**
     * While a joining expert's batch runs (the lock is held): its queued calls go at once, up to the batch size in
     * flight, to join it between two decoding steps; other experts' work waits for that batch to end, unless some of
     * it has waited past the max wait, which stops new joiners so the batch drains and the policy picks again.
     */
    private List<Job> joiners(long now) throws InterruptedException {
        for (Map.Entry<String, Deque<Job>> e : queues.entrySet()) {
            Job head = e.getValue().peekFirst();
            if (!e.getKey().equals(joining)
                    && head != null
                    && now - head.enqueuedNanos() >= config.maxWait().toNanos()) {
                work.await();
                return null;
            }
        }
        Deque<Job> queue = queues.get(joining);
        List<Job> batch = new ArrayList<>();
        while (joiningCalls + batch.size() < config.maxBatchSize() && queue != null && !queue.isEmpty()) {
            Job job = queue.pollFirst();
            if (!job.result().isDone()) {
                batch.add(job);
            }
        }
        if (batch.isEmpty()) {
            // Woken by new work, by a call ending, or by a queue's head reaching the max wait.
            work.awaitNanos(config.maxWait().toNanos());
            return null;
        }
        depth.get(joining).set(queue.size());
        return batch;
    }

    /**
     * Runs a joining expert's batch as one call per request, each on its own thread, and returns at once: the calls
     * meet in the expert's running batch, each ends (and frees its place for a queued call) when its own answer does.
     */
    private void runJoining(List<Job> batch) {
        Expert expert = batch.getFirst().expert();
        long start = System.nanoTime();
        lock.lock();
        try {
            joining = expert.id();
            joiningCalls += batch.size();
        } finally {
            lock.unlock();
        }
        lastExpert = expert.id();
        AtomicInteger left = new AtomicInteger(batch.size());
        for (Job j : batch) {
            listener.onWait(expert.id(), start - j.enqueuedNanos());
            telemetry.queued(j.context(), expert.id(), start - j.enqueuedNanos(), batch.size());
            Thread thread = Thread.ofVirtual().name("coe-join-" + expert.id()).unstarted(() -> {
                ExpertOutcome outcome = null;
                Throwable failure = null;
                try {
                    if (j.result().isDone() || closed) {
                        // Cancelled (or closed) before this thread was known to the canceller: leave at once.
                        Thread.currentThread().interrupt();
                    }
                    outcome = telemetry
                            .inBatch(
                                    List.of(j.context()),
                                    () -> expert.doChatBatch(List.of(j.request()), List.of(j.tokens())))
                            .getFirst();
                } catch (RuntimeException e) {
                    log.warn("call for expert '{}' failed: {}", expert.id(), e.toString());
                    outcome = ExpertOutcome.of(ExpertErrors.map(expert.id(), e));
                } catch (Throwable e) {
                    // An Error (a native library's, out of memory): this call fails, the scheduler goes on.
                    log.error("call for expert '{}' failed: {}", expert.id(), e.toString());
                    failure = e;
                } finally {
                    joiners.remove(Thread.currentThread());
                    if (left.decrementAndGet() == 0) {
                        listener.onBatch(expert.id(), batch.size(), System.nanoTime() - start);
                    }
                    lock.lock();
                    try {
                        if (--joiningCalls == 0) {
                            joining = null;
                        }
                        work.signalAll();
                    } finally {
                        lock.unlock();
                    }
                    if (outcome != null) {
                        j.result().complete(outcome);
                    } else {
                        j.result()
                                .completeExceptionally(
                                        failure != null ? failure : new IllegalStateException("the call ended"));
                    }
                }
            });
            j.runner().set(thread);
            joiners.add(thread);
            thread.start();
        }
    }

    /** The non-empty queues (the lock is held). */
    private List<SchedulingPolicy.QueueState> states() {
        List<SchedulingPolicy.QueueState> states = new ArrayList<>(queues.size());
        for (Map.Entry<String, Deque<Job>> e : queues.entrySet()) {
            Deque<Job> q = e.getValue();
            if (!q.isEmpty()) {
                states.add(new SchedulingPolicy.QueueState(
                        e.getKey(),
                        q.size(),
                        q.peekFirst().enqueuedNanos(),
                        resident.test(e.getKey()),
                        e.getKey().equals(lastExpert),
                        q.peekFirst().planned()));
            }
        }
        return states;
    }

    private void run(List<Job> batch) {
        Expert expert = batch.getFirst().expert();
        long start = System.nanoTime();
        for (Job j : batch) {
            listener.onWait(expert.id(), start - j.enqueuedNanos());
            telemetry.queued(j.context(), expert.id(), start - j.enqueuedNanos(), batch.size());
        }
        List<ExpertOutcome> outcomes;
        try {
            outcomes = telemetry.inBatch(
                    batch.stream().map(Job::context).toList(),
                    () -> expert.doChatBatch(
                            batch.stream().map(Job::request).toList(),
                            batch.stream().map(Job::tokens).toList()));
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
        // Calls running in a joining batch leave it at its next step.
        joiners.forEach(Thread::interrupt);
    }
}
