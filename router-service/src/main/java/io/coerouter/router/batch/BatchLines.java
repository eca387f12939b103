package io.coerouter.router.batch;

import io.coerouter.router.error.RouterException;
import io.coerouter.router.routing.RoutedAnswer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The lines of one running batch as they finish: each line's entry for the output or the error file, kept in the
 * store as it finishes (so a router resuming the batch does not run it again), the counts, and the progress published
 * to the stored batch at most every {@value #PUBLISH_EVERY_NANOS} ns.
 */
final class BatchLines {

    private static final long PUBLISH_EVERY_NANOS = 200_000_000L;

    private final String id;
    private final List<BatchInput.Line> lines;
    private final BatchStore store;
    private final BatchOutputFormat format;
    private final Clock clock;
    private final BooleanSupplier halted;
    private final BatchKey gate;
    private final String[] output;
    private final String[] errors;
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger callsDone = new AtomicInteger();
    private final Map<String, AtomicInteger[]> perExpert = new LinkedHashMap<>();
    private volatile String stage = "routing";
    private volatile int calls;
    private long lastPublish;

    /**
     * @param halted whether the batch's router stopped it where it is: then nothing more is kept or published
     * @param gate the limits of the key that created the batch
     */
    BatchLines(
            String id,
            List<BatchInput.Line> lines,
            BatchStore store,
            BatchOutputFormat format,
            Clock clock,
            BooleanSupplier halted,
            BatchKey gate) {
        this.id = id;
        this.lines = lines;
        this.store = store;
        this.format = format;
        this.clock = clock;
        this.halted = halted;
        this.gate = gate;
        this.output = new String[lines.size()];
        this.errors = new String[lines.size()];
    }

    String id() {
        return id;
    }

    int size() {
        return lines.size();
    }

    BatchInput.Line line(int i) {
        return lines.get(i);
    }

    BatchKey gate() {
        return gate;
    }

    int completed() {
        return completed.get();
    }

    int failed() {
        return failed.get();
    }

    /** The output file's lines in line order (null where a line went to the error file). */
    String[] output() {
        return output.clone();
    }

    /** The error file's lines in line order (null where a line was answered). */
    String[] errors() {
        return errors.clone();
    }

    void answered(int i, RoutedAnswer answer) {
        BatchInput.Line line = lines.get(i);
        output[i] = format.answered(
                line.customId(), line.request().model(), clock.instant().getEpochSecond(), answer);
        keep(i, false, output[i]);
        completed.incrementAndGet();
    }

    /** A line finished before (by this router or one that stopped): not run again. */
    void restored(int i, boolean error, String line) {
        (error ? errors : output)[i] = line;
        (error ? failed : completed).incrementAndGet();
    }

    /** A request that failed when run: the status and OpenAI error body the online endpoint would give. */
    void failed(int i, RouterException e) {
        failed(i, format.failed(lines.get(i).customId(), e, null));
    }

    /** A line that could not be read as a request: its error, also with its line number. */
    void malformed(int i) {
        BatchInput.Line line = lines.get(i);
        failed(i, format.failed(line.customId(), line.error(), line.number()));
    }

    /** A line not run, for {@code code} ({@link BatchStop#code()}). */
    void stopped(int i, String code) {
        BatchInput.Line line = lines.get(i);
        String message =
                switch (code) {
                    case "batch_expired" -> "This request could not be executed before the completion window expired.";
                    case "insufficient_quota" ->
                        "This request was not executed because the API key's budget was spent.";
                    default -> "This request was not executed because the batch was cancelled.";
                };
        failed(i, format.notRun(line.customId(), code, message, line.number()));
    }

    private void failed(int i, String entry) {
        errors[i] = entry;
        keep(i, true, entry);
        failed.incrementAndGet();
    }

    /**
     * Keeps a finished line in the store as it finishes. A halted run keeps nothing more: its last outcomes may be calls
     * cut short by the shutdown, not real answers.
     */
    private void keep(int i, boolean error, String line) {
        if (!halted.getAsBoolean()) {
            store.putLine(id, i, error, line);
        }
    }

    /** Enters {@code stage} ({@code experts}, {@code aggregation}, {@code done}) and publishes it. */
    void stage(String stage) {
        this.stage = stage;
        publish(true);
    }

    /** The expert calls planned for the whole batch, by expert in the order they were planned. */
    synchronized void planned(List<String> expertPerCall) {
        calls = expertPerCall.size();
        for (String expert : expertPerCall) {
            perExpert.computeIfAbsent(expert, e -> new AtomicInteger[] {new AtomicInteger(), new AtomicInteger()})[0]
                    .incrementAndGet();
        }
    }

    /** One call to {@code expert} finished. */
    void callDone(String expert) {
        callsDone.incrementAndGet();
        perExpert.get(expert)[1].incrementAndGet();
    }

    /** Writes the counts and progress to the stored batch: now when {@code force}, else at most every 200 ms. */
    synchronized void publish(boolean force) {
        long now = System.nanoTime();
        if ((!force && now - lastPublish < PUBLISH_EVERY_NANOS) || halted.getAsBoolean()) {
            return;
        }
        lastPublish = now;
        List<BatchJob.ExpertProgress> experts = new ArrayList<>();
        perExpert.forEach((expert, c) -> experts.add(new BatchJob.ExpertProgress(expert, c[0].get(), c[1].get())));
        BatchJob.Progress progress = new BatchJob.Progress(stage, calls, callsDone.get(), experts);
        BatchJob.RequestCounts counts = new BatchJob.RequestCounts(lines.size(), completed.get(), failed.get());
        store.update(id, job -> job.progressed(counts, progress));
    }
}
