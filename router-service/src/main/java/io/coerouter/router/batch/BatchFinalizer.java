package io.coerouter.router.batch;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * A batch's last stage: {@code finalizing} (unless it is being cancelled), its output and error files written, owned
 * by the key that created it, then its end state: {@code cancelled} when it was cancelled, {@code expired} when its
 * completion window passed, else {@code completed}.
 */
final class BatchFinalizer {

    private final BatchStore store;
    private final FileStore files;
    private final Clock clock;

    BatchFinalizer(BatchStore store, FileStore files, Clock clock) {
        this.store = store;
        this.files = files;
        this.clock = clock;
    }

    /** Ends {@code job}, whose lines are {@code run}'s. */
    void finish(BatchJob job, BatchLines run, BatchStop stop) {
        long finalizing = clock.instant().getEpochSecond();
        store.update(job.id(), j -> j.finalizing(finalizing));
        run.stage("done");
        String outputFile = writeFile(job, "output", run.output());
        String errorFile = writeFile(job, "errors", run.errors());
        long now = clock.instant().getEpochSecond();
        boolean expired = stop.expiredAt(now);
        store.update(job.id(), j -> {
            BatchStatus end = stop.cancelled() || j.state() == BatchStatus.CANCELLING
                    ? BatchStatus.CANCELLED
                    : expired ? BatchStatus.EXPIRED : BatchStatus.COMPLETED;
            return j.ended(end, now, outputFile, errorFile);
        });
    }

    /** Writes one of {@code batch}'s files; null when it would be empty. */
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
}
