package io.coerouter.router.batch;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.ids.Ids;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Batch API's operations: create (validated, then queued to run), look up, list and cancel. Batches run on
 * their own threads, {@code concurrentBatches} at a time; a queued batch shows {@code validating}.
 *
 * <p>A router runs a batch only while it holds the batch's lease in the store, renewed every third of the lease. Every
 * third of the lease it also looks for unfinished batches nobody holds (their router stopped, or is busy) and, with a
 * free slot, claims and resumes one; and it stops a batch it runs when another replica asked to cancel it. On shutdown
 * its running batches stop where they are, unchanged, and their leases are released so another router resumes them at
 * once.
 */
public final class Batches implements AutoCloseable {

    /** The only endpoint batches can target so far. */
    public static final String CHAT_COMPLETIONS = BatchRequestChecks.CHAT_COMPLETIONS;

    private static final Duration WINDOW = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(Batches.class);

    private final BatchStore store;
    private final FileStore files;
    private final BatchRunner runner;
    private final Clock clock;
    private final int maxRequests;
    private final ExecutorService executor;
    private final int concurrent;
    private final Duration lease;
    /** This router's replica id, the owner of the leases it takes. */
    private final String owner;
    /** Batches queued or running here. */
    private final Set<String> taken = ConcurrentHashMap.newKeySet();
    /** Whether this router takes over unfinished batches (false on a worker, which serves no API). */
    private final boolean resumes;
    /** Batches whose lease this router holds. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService timer;
    private volatile boolean closing;

    Batches(
            BatchStore store,
            FileStore files,
            BatchRunner runner,
            Clock clock,
            int maxRequests,
            int concurrent,
            Duration lease,
            String owner,
            boolean resumes) {
        this.owner = owner;
        this.resumes = resumes;
        this.store = store;
        this.files = files;
        this.runner = runner;
        this.clock = clock;
        this.maxRequests = maxRequests;
        this.concurrent = concurrent;
        this.lease = lease;
        this.executor = Executors.newFixedThreadPool(
                concurrent, Thread.ofVirtual().name("coe-batch-", 0).factory());
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("coe-batch-leases").factory());
        long every = Math.max(100, lease.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Validates and queues a batch over {@code inputFileId}. */
    public BatchJob create(
            String inputFileId,
            String endpoint,
            String completionWindow,
            Map<String, String> metadata,
            String apiKeyId) {
        BatchRequestChecks.check(inputFileId, endpoint, completionWindow, metadata);
        StoredFile input = files.find(inputFileId)
                .filter(f -> f.visibleTo(apiKeyId))
                .orElseThrow(() -> new RouterException(
                        ErrorKind.NOT_FOUND,
                        "No such File object: " + inputFileId + ".",
                        "input_file_id",
                        "file_not_found"));
        if (!"batch".equals(input.purpose())) {
            throw RouterException.invalid(
                    "input_file_id",
                    "invalid_value",
                    "File " + inputFileId + " has purpose '" + input.purpose() + "'; a batch needs purpose 'batch'.");
        }
        int lines = countLines(inputFileId);
        if (lines > maxRequests) {
            throw RouterException.invalid(
                    "input_file_id",
                    "too_many_requests_in_file",
                    "File " + inputFileId + " holds " + lines + " requests; a batch takes at most " + maxRequests
                            + " (coe.batch.max-requests).");
        }
        long now = clock.instant().getEpochSecond();
        BatchJob job = BatchJob.created(
                Ids.next("batch_"), inputFileId, endpoint, now, now + WINDOW.toSeconds(), metadata, apiKeyId);
        store.save(job);
        submit(job.id());
        return job;
    }

    /** The batch {@code id} if the caller's key ({@code callerKeyId}, null without one) may see it. */
    public BatchJob get(String id, String callerKeyId) {
        // An id outside the stores' grammar is never found (BatchStore.validId), so it is 404 before any store call.
        return store.find(id).filter(b -> b.visibleTo(callerKeyId)).orElseThrow(() -> notFound(id));
    }

    /** Up to {@code limit} of the batches the caller may see, newest first, after {@code after}. */
    public List<BatchJob> list(String after, int limit, String callerKeyId) {
        if (callerKeyId == null) {
            return store.list(after, limit);
        }
        // Other keys' batches are skipped, page by page, so a key's page is as full as its own batches allow.
        List<BatchJob> mine = new java.util.ArrayList<>();
        String cursor = after;
        while (mine.size() < limit) {
            List<BatchJob> page = store.list(cursor, 100);
            page.stream().filter(b -> b.visibleTo(callerKeyId)).forEach(mine::add);
            if (page.size() < 100) {
                break;
            }
            cursor = page.getLast().id();
        }
        return List.copyOf(mine.subList(0, Math.min(limit, mine.size())));
    }

    /**
     * Stops a queued or running batch: no new work starts, what was answered is kept, and the rest goes to the error
     * file as {@code batch_cancelled}.
     */
    public BatchJob cancel(String id, String callerKeyId) {
        BatchJob job = get(id, callerKeyId);
        if (job.finished()) {
            throw new RouterException(
                    ErrorKind.CONFLICT,
                    "Batch " + id + " is already " + job.status() + " and cannot be cancelled.",
                    null,
                    "batch_not_cancellable");
        }
        long now = clock.instant().getEpochSecond();
        if (taken.contains(id)) {
            runner.cancel(id); // at once here; the router running it elsewhere sees the stored status
        }
        return store.update(id, j -> j.finished() ? j : j.cancelling(now)).orElseThrow(() -> notFound(id));
    }

    /** The router running batch {@code id} now (holding its lease), if any. */
    public Optional<String> owner(String id) {
        return store.owner(id);
    }

    private static RouterException notFound(String id) {
        return new RouterException(
                ErrorKind.NOT_FOUND, "No such Batch object: " + JsonBodies.echo(id) + ".", null, "batch_not_found");
    }

    private int countLines(String fileId) {
        try (InputStream in = files.open(fileId).orElseGet(InputStream::nullInputStream)) {
            return BatchInput.count(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void submit(String id) {
        taken.add(id);
        try {
            executor.execute(() -> runHeld(id));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            taken.remove(id); // shutting down: the batch stays in the store for another router
        }
    }

    /** Runs batch {@code id} if this router holds (or can take) its lease. */
    private void runHeld(String id) {
        try {
            if (closing || !store.claim(id, owner, lease)) {
                return; // another router runs it
            }
            held.add(id);
            if (store.find(id).map(BatchJob::finished).orElse(true)) {
                return;
            }
            runner.run(id);
        } catch (RuntimeException e) {
            log.warn("batch {} could not be run here: {}", id, e.getMessage());
        } finally {
            Thread.interrupted(); // a shutdown's interrupt must not stop the lease's release
            held.remove(id);
            taken.remove(id);
            release(id);
        }
    }

    private void release(String id) {
        try {
            store.release(id, owner);
        } catch (RuntimeException e) {
            log.warn("batch {}: lease not released ({}); it expires by itself", id, e.getMessage());
        }
    }

    /** Renews this router's leases, passes on cancellations from other replicas, and takes orphaned batches. */
    private void tick() {
        try {
            for (String id : held) {
                if (!store.renew(id, owner, lease)) {
                    log.warn("batch {}: this router lost its lease; another router resumes the batch", id);
                    runner.halt(id);
                } else if (store.find(id)
                        .map(j -> j.state() == BatchStatus.CANCELLING)
                        .orElse(false)) {
                    runner.cancel(id);
                }
            }
            if (closing || !resumes || taken.size() >= concurrent) {
                return;
            }
            for (String id : store.unfinished()) {
                if (taken.size() >= concurrent || closing) {
                    return;
                }
                if (!taken.contains(id) && store.claim(id, owner, lease)) {
                    held.add(id);
                    log.info("batch {}: taken over by this router", id);
                    submit(id);
                }
            }
        } catch (RuntimeException e) {
            // Redis down or slow: the leases are tried again next time, and expire only after the whole lease.
            log.warn("batch leases not checked: {}", e.getMessage());
        }
    }

    /**
     * Stops taking batches. Running ones stop where they are, neither failed nor cancelled: what they finished is kept,
     * and their leases are released so that another router resumes them at once.
     */
    @Override
    public void close() {
        closing = true;
        runner.close();
        timer.shutdownNow();
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        held.forEach(this::release);
    }
}
