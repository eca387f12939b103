package io.coerouter.router.batch;

import io.coerouter.expert.ExpertOutcome;
import io.coerouter.router.chat.ChatRequestParser;
import io.coerouter.router.keys.ApiKey;
import io.coerouter.router.keys.ApiKeys;
import io.coerouter.router.routing.RoutingPlan;
import io.coerouter.router.scheduling.GroupedCalls;
import io.coerouter.router.usage.UsageSink;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one batch as Symbolic-MoE runs its instances: every line is routed first ({@link LineRouting}); then all the
 * expert calls of the whole batch run grouped by expert ({@link ExpertFanOut}); then the lines with several answers
 * are aggregated, concurrently, so a synthesiser's calls batch too ({@link LineAnswers}); then the files are written
 * and the batch ends ({@link BatchFinalizer}). Every line ends in the output file or in the error file with its line
 * number; a cancelled or expired batch keeps what was answered and lists the rest as {@code batch_cancelled} or
 * {@code batch_expired}.
 */
final class BatchRunner {

    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

    private final BatchStore store;
    private final ApiKeys keys;
    private final FileStore files;
    private final ChatRequestParser parser;
    private final JsonMapper json;
    private final Clock clock;
    private final BatchOutputFormat format;
    private final LineRouting routing;
    private final ExpertFanOut fanOut;
    private final LineAnswers answers;
    private final BatchFinalizer finalizer;
    private final Map<String, AtomicBoolean> cancelled = new ConcurrentHashMap<>();
    private final Set<String> halted = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    /**
     * @param keys the gateway's keys, whose limits a batch's lines keep; unused for batches created without a key
     * @param format how the lines of the output and error files are written
     * @param usage told of every line answered or failed (usage history)
     */
    BatchRunner(
            BatchStore store,
            FileStore files,
            BatchRouter router,
            ChatRequestParser parser,
            JsonMapper json,
            Clock clock,
            GroupedCalls grouped,
            int aggregationParallelism,
            ApiKeys keys,
            BatchOutputFormat format,
            UsageSink usage) {
        this.store = store;
        this.files = files;
        this.parser = parser;
        this.json = json;
        this.clock = clock;
        this.keys = keys;
        this.format = format;
        this.routing = new LineRouting(router);
        this.fanOut = new ExpertFanOut(grouped);
        this.answers = new LineAnswers(router, aggregationParallelism, usage, clock);
        this.finalizer = new BatchFinalizer(store, files, clock);
    }

    /** Asks a queued or running batch to stop starting work. */
    void cancel(String id) {
        cancelled.computeIfAbsent(id, k -> new AtomicBoolean()).set(true);
    }

    /**
     * Stops batch {@code id} where it is, changing nothing more in the store: its router lost the lease, so another
     * router runs the rest.
     */
    void halt(String id) {
        halted.add(id);
    }

    /**
     * Stops every batch where it is, changing nothing more in the store: the router is shutting down, and another
     * router (or this one after a restart) resumes its batches from the lines kept so far.
     */
    void close() {
        closing = true;
    }

    private boolean halted(String id) {
        return closing || halted.contains(id);
    }

    /** Runs batch {@code id} to an end state. Never throws: a failure ends the batch as {@code failed}. */
    void run(String id) {
        halted.remove(id); // a halt meant for an earlier run of this batch here
        try {
            execute(id);
        } catch (RuntimeException e) {
            if (halted(id)) {
                log.info("batch {} stopped here and is left for another router to resume", id);
                return;
            }
            log.error("batch {} failed", id, e);
            fail(id, "internal_error", "The batch failed unexpectedly: " + e.getMessage());
        } finally {
            cancelled.remove(id);
            halted.remove(id);
        }
    }

    private void execute(String id) {
        BatchJob job = store.find(id).orElseThrow();
        Optional<List<BatchInput.Line>> read = read(job);
        if (read.isEmpty()) {
            return;
        }
        List<BatchInput.Line> lines = read.get();
        long started = clock.instant().getEpochSecond();
        BatchJob running = store.update(id, j -> j.started(started)).orElseThrow();
        BatchKey gate = gate(job);
        if (gate == null) {
            return;
        }
        AtomicBoolean cancel = cancelled.computeIfAbsent(id, k -> new AtomicBoolean());
        if (running.state() == BatchStatus.CANCELLING) {
            cancel.set(true); // cancelled on another router, or while no router ran it
        }
        BatchStop stop = new BatchStop(cancel, () -> halted(id), gate, clock, job.expiresAt());
        BatchLines run = new BatchLines(id, lines, store, format, clock, () -> halted(id), gate);
        // Lines finished before, by a router that stopped: kept as they are, not run again.
        BatchStore.FinishedLines finished = store.lines(id);
        if (finished.size() > 0) {
            log.info("batch {}: resuming, {} of {} lines already finished", id, finished.size(), lines.size());
        }

        Optional<RoutingPlan[]> routed = routing.route(run, finished, stop);
        if (routed.isEmpty()) {
            return;
        }
        RoutingPlan[] plans = routed.get();
        ExpertOutcome[][] outcomes = fanOut.run(run, plans, stop, (line, plan, calls) -> {
            if (plan.single()) {
                answers.finish(run, line, plan, calls, stop);
            }
        });
        if (halted(id)) {
            return;
        }
        run.stage("aggregation");
        answers.aggregate(run, plans, outcomes, stop);
        if (halted(id)) {
            return;
        }
        finalizer.finish(job, run, stop);
        log.info(
                "batch {}: {} lines, {} answered, {} failed, {} expert calls",
                id,
                lines.size(),
                run.completed(),
                run.failed(),
                java.util.Arrays.stream(plans)
                        .filter(java.util.Objects::nonNull)
                        .mapToInt(p -> p.calls().size())
                        .sum());
    }

    /** The lines of {@code job}'s input file; empty (the batch marked failed) when there are none to read. */
    private Optional<List<BatchInput.Line>> read(BatchJob job) {
        List<BatchInput.Line> lines;
        try (InputStream content = files.open(job.inputFileId()).orElse(null)) {
            if (content == null) {
                fail(job.id(), "input_file_missing", "The input file " + job.inputFileId() + " no longer exists.");
                return Optional.empty();
            }
            lines = BatchInput.read(content, job.endpoint(), json, parser);
        } catch (IOException e) {
            fail(job.id(), "input_file_missing", "The input file " + job.inputFileId() + " could not be read.");
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            fail(job.id(), "empty_file", "The input file " + job.inputFileId() + " holds no requests.");
            return Optional.empty();
        }
        return Optional.of(lines);
    }

    /**
     * The limits of the key that created batch {@code job}; null (the batch marked failed) when that key was
     * deleted or disabled since, so its lines cannot outlive it.
     */
    private BatchKey gate(BatchJob job) {
        if (job.apiKeyId() == null) {
            return BatchKey.none();
        }
        ApiKey key = keys.store().find(job.apiKeyId()).orElse(null);
        if (key == null || !key.enabled()) {
            fail(
                    job.id(),
                    "api_key_disabled",
                    "The API key '" + job.apiKeyId() + "' that created this batch was "
                            + (key == null ? "deleted" : "disabled") + ".");
            return null;
        }
        return BatchKey.of(key, keys.usage());
    }

    /** Ends batch {@code id} as failed, for {@code code}, unless it has ended already. */
    private void fail(String id, String code, String message) {
        long now = clock.instant().getEpochSecond();
        store.update(id, job -> job.finished() ? job : job.failed(now, new BatchJob.Error(code, message, null, null)));
    }
}
