package io.coerouter.router.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.aggregate.AllCandidatesFailedException;
import io.coerouter.aggregate.Candidate;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.chat.ChatRequestParser;
import io.coerouter.router.chat.Ids;
import io.coerouter.router.chat.web.ChatCompletionResponses;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.ExpertFailures;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.error.web.HttpErrors;
import io.coerouter.router.keys.ApiKey;
import io.coerouter.router.keys.ApiKeys;
import io.coerouter.router.routing.ChatRouter;
import io.coerouter.router.routing.PlannedCall;
import io.coerouter.router.routing.RoutedAnswer;
import io.coerouter.router.routing.RoutingPlan;
import io.coerouter.router.scheduling.ExpertScheduler;
import io.coerouter.router.scheduling.GroupedCalls;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one batch as Symbolic-MoE runs its instances: every line is routed first; then all the expert calls of the
 * whole batch run grouped by expert (each local model loaded once, its lines in full batches); then the lines with
 * several answers are aggregated, concurrently, so a synthesiser's calls batch too. Every line ends in the output
 * file or in the error file with its line number; a cancelled or expired batch keeps what was answered and lists
 * the rest as {@code batch_cancelled} or {@code batch_expired}.
 */
final class BatchRunner {

    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);
    private static final long PUBLISH_EVERY_NANOS = 200_000_000L;

    private final BatchStore store;
    private final ApiKeys keys;
    private final FileStore files;
    private final ChatRouter router;
    private final ChatRequestParser parser;
    private final JsonMapper json;
    private final Clock clock;
    private final GroupedCalls grouped;
    private final int aggregationParallelism;
    private final Map<String, AtomicBoolean> cancelled = new ConcurrentHashMap<>();
    private final Set<String> halted = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    BatchRunner(
            BatchStore store,
            FileStore files,
            ChatRouter router,
            ChatRequestParser parser,
            JsonMapper json,
            Clock clock,
            GroupedCalls grouped,
            int aggregationParallelism,
            ApiKeys keys) {
        this.keys = keys;
        this.store = store;
        this.files = files;
        this.router = router;
        this.parser = parser;
        this.json = json;
        this.clock = clock;
        this.grouped = grouped;
        this.aggregationParallelism = aggregationParallelism;
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

    /** One line of the output or error file, as OpenAI writes them. */
    record OutputLine(
            String id,
            @JsonProperty("custom_id") String customId,
            Response response,
            @JsonInclude(JsonInclude.Include.ALWAYS) LineError error) {}

    record Response(
            @JsonProperty("status_code") int statusCode, @JsonProperty("request_id") String requestId, Object body) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LineError(String code, String message, Integer line) {}

    /** The state of one running batch. */
    private final class Run {
        final String id;
        final List<BatchInput.Line> lines;
        final String[] output;
        final String[] errors;
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger callsDone = new AtomicInteger();
        final Map<String, AtomicInteger[]> perExpert = new LinkedHashMap<>();
        volatile String stage = "routing";
        final BatchKey gate;
        volatile int calls;
        long lastPublish;

        Run(String id, List<BatchInput.Line> lines, BatchKey gate) {
            this.id = id;
            this.gate = gate;
            this.lines = lines;
            this.output = new String[lines.size()];
            this.errors = new String[lines.size()];
        }

        void answered(int i, RoutedAnswer answer) {
            BatchInput.Line line = lines.get(i);
            var body = ChatCompletionResponses.completion(
                    Ids.next("chatcmpl-"),
                    clock.instant().getEpochSecond(),
                    line.request().model(),
                    answer);
            output[i] = write(new OutputLine(
                    Ids.next("batch_req_"), line.customId(), new Response(200, Ids.next("req_"), body), null));
            keep(i, false, output[i]);
            completed.incrementAndGet();
        }

        /** A line finished before (by this router or one that stopped): not run again. */
        void restored(int i, boolean error, String line) {
            (error ? errors : output)[i] = line;
            (error ? failed : completed).incrementAndGet();
        }

        /**
         * Keeps a finished line in the store as it finishes, so a router resuming the batch does not run it again. A
         * halted run keeps nothing more: its last outcomes may be calls cut short by the shutdown, not real answers.
         */
        private void keep(int i, boolean error, String line) {
            if (!halted(id)) {
                store.putLine(id, i, error, line);
            }
        }

        /** A request that failed when run: the status and OpenAI error body the online endpoint would give. */
        void failed(int i, RouterException e) {
            failed(i, e, null);
        }

        /** A line that could not be read as a request: its error, also with its line number. */
        void malformed(int i) {
            BatchInput.Line line = lines.get(i);
            RouterException error = line.error();
            failed(i, error, new LineError(error.code(), error.getMessage(), line.number()));
        }

        private void failed(int i, RouterException e, LineError lineError) {
            errors[i] = write(new OutputLine(
                    Ids.next("batch_req_"),
                    lines.get(i).customId(),
                    new Response(
                            HttpErrors.status(e.kind()).value(),
                            Ids.next("req_"),
                            HttpErrors.of(e).body()),
                    lineError));
            keep(i, true, errors[i]);
            failed.incrementAndGet();
        }

        void stopped(int i, String code) {
            BatchInput.Line line = lines.get(i);
            errors[i] = write(new OutputLine(
                    Ids.next("batch_req_"),
                    line.customId(),
                    null,
                    new LineError(
                            code,
                            switch (code) {
                                case "batch_expired" ->
                                    "This request could not be executed before the completion window expired.";
                                case "insufficient_quota" ->
                                    "This request was not executed because the API key's budget was spent.";
                                default -> "This request was not executed because the batch was cancelled.";
                            },
                            line.number())));
            keep(i, true, errors[i]);
            failed.incrementAndGet();
        }

        synchronized void publish(boolean force) {
            long now = System.nanoTime();
            if ((!force && now - lastPublish < PUBLISH_EVERY_NANOS) || halted(id)) {
                return;
            }
            lastPublish = now;
            List<BatchJob.ExpertProgress> experts = new ArrayList<>();
            perExpert.forEach((expert, c) -> experts.add(new BatchJob.ExpertProgress(expert, c[0].get(), c[1].get())));
            BatchJob.Progress progress = new BatchJob.Progress(stage, calls, callsDone.get(), experts);
            BatchJob.RequestCounts counts = new BatchJob.RequestCounts(lines.size(), completed.get(), failed.get());
            store.update(
                    id,
                    job -> job.with(d -> {
                        d.requestCounts = counts;
                        d.coe = progress;
                    }));
        }
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
            long now = clock.instant().getEpochSecond();
            store.update(
                    id,
                    job -> job.with(d -> {
                        d.status = BatchJob.FAILED;
                        d.failedAt = now;
                        d.errors = BatchJob.Errors.of(List.of(new BatchJob.Error(
                                "internal_error", "The batch failed unexpectedly: " + e.getMessage(), null, null)));
                    }));
        } finally {
            cancelled.remove(id);
            halted.remove(id);
        }
    }

    private void execute(String id) {
        BatchJob job = store.find(id).orElseThrow();
        List<BatchInput.Line> lines;
        try (java.io.InputStream content = files.open(job.inputFileId()).orElse(null)) {
            if (content == null) {
                fail(id, "input_file_missing", "The input file " + job.inputFileId() + " no longer exists.");
                return;
            }
            lines = BatchInput.read(content, job.endpoint(), json, parser);
        } catch (java.io.IOException e) {
            fail(id, "input_file_missing", "The input file " + job.inputFileId() + " could not be read.");
            return;
        }
        if (lines.isEmpty()) {
            fail(id, "empty_file", "The input file " + job.inputFileId() + " holds no requests.");
            return;
        }
        long started = clock.instant().getEpochSecond();
        BatchJob running = store.update(
                        id,
                        j -> j.with(d -> {
                            d.status =
                                    j.status().equals(BatchJob.CANCELLING) ? BatchJob.CANCELLING : BatchJob.IN_PROGRESS;
                            d.inProgressAt = j.inProgressAt() == null ? started : j.inProgressAt();
                        }))
                .orElseThrow();
        BatchKey gate = gate(job);
        if (gate == null) {
            return;
        }
        Run run = new Run(id, lines, gate);
        AtomicBoolean cancel = cancelled.computeIfAbsent(id, k -> new AtomicBoolean());
        if (running.status().equals(BatchJob.CANCELLING)) {
            cancel.set(true); // cancelled on another router, or while no router ran it
        }
        long expiresAt = job.expiresAt();
        java.util.function.BooleanSupplier stop = () ->
                cancel.get() || halted(id) || gate.spent() || clock.instant().getEpochSecond() >= expiresAt;
        // Lines finished before, by a router that stopped: kept as they are, not run again.
        BatchStore.FinishedLines finished = store.lines(id);
        if (finished.size() > 0) {
            log.info("batch {}: resuming, {} of {} lines already finished", id, finished.size(), lines.size());
        }

        // Route every line.
        RoutingPlan[] plans = new RoutingPlan[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            BatchInput.Line line = lines.get(i);
            if (finished.output().containsKey(i) || finished.errors().containsKey(i)) {
                boolean error = !finished.output().containsKey(i);
                run.restored(i, error, (error ? finished.errors() : finished.output()).get(i));
                continue;
            }
            if (!line.ok()) {
                run.malformed(i);
                continue;
            }
            if (halted(id)) {
                return;
            }
            if (stop.getAsBoolean()) {
                run.stopped(i, stopCode(cancel, gate));
                continue;
            }
            try {
                plans[i] = router.plan(gate.admit(line.request()));
            } catch (RouterException e) {
                run.failed(i, e);
            }
            run.publish(false);
        }

        if (halted(id)) {
            return;
        }

        // Every line's calls, grouped by expert.
        List<GroupedCalls.Call> calls = new ArrayList<>();
        List<int[]> owners = new ArrayList<>(); // call -> {line, index within the line}
        ExpertOutcome[][] outcomes = new ExpertOutcome[lines.size()][];
        AtomicInteger[] missing = new AtomicInteger[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
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
                run.perExpert
                        .computeIfAbsent(planned.get(j).expert().id(), e ->
                                new AtomicInteger[] {new AtomicInteger(), new AtomicInteger()})[0]
                        .incrementAndGet();
            }
        }
        run.calls = calls.size();
        run.stage = "experts";
        run.publish(true);
        grouped.run(calls, stop, (c, outcome) -> {
            int line = owners.get(c)[0];
            outcomes[line][owners.get(c)[1]] = outcome;
            run.callsDone.incrementAndGet();
            run.perExpert.get(calls.get(c).expert().id())[1].incrementAndGet();
            if (missing[line].decrementAndGet() == 0 && plans[line].single()) {
                finish(run, line, plans[line], outcomes[line], stop, cancel);
            }
            run.publish(false);
        });

        if (halted(id)) {
            return;
        }

        // Lines with several answers: aggregated concurrently, so a local synthesiser's calls share batches.
        run.stage = "aggregation";
        run.publish(true);
        Semaphore slots = new Semaphore(aggregationParallelism);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < lines.size(); i++) {
                if (plans[i] == null || plans[i].single()) {
                    continue;
                }
                int line = i;
                slots.acquireUninterruptibly();
                threads.execute(() -> {
                    try {
                        finish(run, line, plans[line], outcomes[line], stop, cancel);
                        run.publish(false);
                    } finally {
                        slots.release();
                    }
                });
            }
        }

        if (halted(id)) {
            return;
        }

        // Finalize: the files, then the end state.
        long finalizing = clock.instant().getEpochSecond();
        store.update(
                id,
                j -> j.with(d -> {
                    if (!j.status().equals(BatchJob.CANCELLING)) {
                        d.status = BatchJob.FINALIZING;
                    }
                    d.finalizingAt = finalizing;
                }));
        run.stage = "done";
        run.publish(true);
        String outputFile = writeFile(job, "output", run.output);
        String errorFile = writeFile(job, "errors", run.errors);
        long now = clock.instant().getEpochSecond();
        boolean expired = !cancel.get() && now >= expiresAt;
        store.update(
                id,
                j -> j.with(d -> {
                    d.outputFileId = outputFile;
                    d.errorFileId = errorFile;
                    if (cancel.get() || j.status().equals(BatchJob.CANCELLING)) {
                        d.status = BatchJob.CANCELLED;
                        d.cancelledAt = now;
                    } else if (expired) {
                        d.status = BatchJob.EXPIRED;
                        d.expiredAt = now;
                    } else {
                        d.status = BatchJob.COMPLETED;
                        d.completedAt = now;
                    }
                }));
        log.info(
                "batch {}: {} lines, {} answered, {} failed, {} expert calls",
                id,
                lines.size(),
                run.completed.get(),
                run.failed.get(),
                calls.size());
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

    /** Why the lines not run were stopped. */
    private static String stopCode(AtomicBoolean cancel, BatchKey gate) {
        return cancel.get() ? "batch_cancelled" : gate.spent() ? "insufficient_quota" : "batch_expired";
    }

    /** One line's answer from its calls' outcomes, into the output or error file. */
    private void finish(
            Run run,
            int line,
            RoutingPlan plan,
            ExpertOutcome[] outcomes,
            java.util.function.BooleanSupplier stop,
            AtomicBoolean cancel) {
        List<Candidate> candidates = new ArrayList<>(outcomes.length);
        boolean stoppedCall = false;
        for (int j = 0; j < outcomes.length; j++) {
            ExpertOutcome o = outcomes[j];
            double score = plan.calls().get(j).score();
            if (o.succeeded()) {
                candidates.add(Candidate.answered(score, o.response()));
            } else {
                stoppedCall |= (o.error().kind() == ExpertErrorKind.CANCELLED && stop.getAsBoolean()) || halted(run.id);
                candidates.add(Candidate.failed(score, o.error()));
            }
        }
        if (stoppedCall) {
            if (halted(run.id)) {
                return; // cut short by a shutdown: the router resuming the batch runs this line again
            }
            run.stopped(line, stopCode(cancel, run.gate));
            return;
        }
        try {
            RoutedAnswer answer =
                    ExpertScheduler.planned(() -> router.answer(plan, candidates, List.of(), TokenListener.NONE));
            run.answered(line, answer);
            run.gate.charge(answer.trace().costUsd());
        } catch (RouterException | ExpertException | AllCandidatesFailedException e) {
            run.failed(line, ExpertFailures.toApi(e));
        } catch (RuntimeException e) {
            log.error(
                    "batch {} line {} failed unexpectedly",
                    run.id,
                    run.lines.get(line).number(),
                    e);
            run.failed(
                    line,
                    new RouterException(
                            ErrorKind.INTERNAL,
                            "The server had an error while processing this request. It has been logged.",
                            null,
                            "internal_error"));
        }
    }

    /** Writes one of {@code batch}'s files, owned by the key that created the batch. */
    private String writeFile(BatchJob batch, String kind, String[] lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (line != null) {
                text.append(line).append('\n');
            }
        }
        if (text.isEmpty()) {
            return null;
        }
        return files.put(
                        batch.id() + "_" + kind + ".jsonl",
                        "batch_output",
                        text.toString().getBytes(StandardCharsets.UTF_8),
                        batch.apiKeyId())
                .id();
    }

    private void fail(String id, String code, String message) {
        long now = clock.instant().getEpochSecond();
        store.update(
                id,
                job -> job.with(d -> {
                    d.status = BatchJob.FAILED;
                    d.failedAt = now;
                    d.errors = BatchJob.Errors.of(List.of(new BatchJob.Error(code, message, null, null)));
                }));
    }

    private String write(Object value) {
        return json.writeValueAsString(value);
    }
}
