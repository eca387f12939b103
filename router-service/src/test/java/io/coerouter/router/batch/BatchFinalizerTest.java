package io.coerouter.router.batch;

import static io.coerouter.router.batch.BatchFixtures.file;
import static io.coerouter.router.batch.BatchFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A batch's last stage: its files, then its end state. */
class BatchFinalizerTest {

    private final ManualClock clock = new ManualClock();
    private final BatchStore store = BatchStore.inMemory(clock);
    private final FileStore files = FileStore.inMemory(clock);
    private final AtomicBoolean cancel = new AtomicBoolean();

    private BatchJob job;
    private BatchLines run;

    private BatchStop stop() {
        return new BatchStop(cancel, () -> false, BatchKey.none(), clock, job.expiresAt());
    }

    private void running(String... lines) {
        job = BatchFixtures.saved(store, "batch_z", "file-in", clock);
        store.update(job.id(), j -> j.started(clock.instant().getEpochSecond()));
        run = BatchFixtures.lines(job.id(), BatchFixtures.read(file(lines)), store, clock);
    }

    private String content(String fileId) {
        return new String(files.content(fileId).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void aFinishedBatchWritesItsOutputAndErrorFilesAndEndsCompleted() {
        running(line("a", "echo", "one"), line("b", "echo", "two"), line("c", "echo", "three"));
        run.restored(0, false, "ok a");
        run.restored(1, true, "failed b");
        run.restored(2, false, "ok c");
        clock.advance(Duration.ofSeconds(5));

        new BatchFinalizer(store, files, clock).finish(job, run, stop());

        BatchJob done = store.find(job.id()).orElseThrow();
        long now = clock.instant().getEpochSecond();
        assertThat(done.state()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(done.finalizingAt()).isEqualTo(now);
        assertThat(done.completedAt()).isEqualTo(now);
        assertThat(content(done.outputFileId())).isEqualTo("ok a\nok c\n");
        assertThat(content(done.errorFileId())).isEqualTo("failed b\n");
        assertThat(files.find(done.outputFileId()).orElseThrow().filename()).isEqualTo("batch_z_output.jsonl");
        assertThat(files.find(done.errorFileId()).orElseThrow().purpose()).isEqualTo("batch_output");
        assertThat(done.requestCounts()).isEqualTo(new BatchJob.RequestCounts(3, 2, 1));
        assertThat(done.progress().stage()).isEqualTo("done");
    }

    @Test
    void aBatchWithNoErrorsHasNoErrorFile() {
        running(line("a", "echo", "one"));
        run.restored(0, false, "ok a");

        new BatchFinalizer(store, files, clock).finish(job, run, stop());

        assertThat(store.find(job.id()).orElseThrow().errorFileId()).isNull();
    }

    @Test
    void aCancelledBatchEndsCancelledWhetherCancelledHereOrElsewhere() {
        running(line("a", "echo", "one"));
        run.restored(0, true, "not-run a");
        cancel.set(true);
        new BatchFinalizer(store, files, clock).finish(job, run, stop());
        assertThat(store.find(job.id()).orElseThrow().state()).isEqualTo(BatchStatus.CANCELLED);

        cancel.set(false);
        running(line("a", "echo", "one"));
        store.update(job.id(), j -> j.cancelling(clock.instant().getEpochSecond()));
        new BatchFinalizer(store, files, clock).finish(job, run, stop());
        BatchJob cancelled = store.find(job.id()).orElseThrow();
        assertThat(cancelled.state()).isEqualTo(BatchStatus.CANCELLED);
        assertThat(cancelled.cancelledAt()).isNotNull();
        assertThat(cancelled.finalizingAt()).isNotNull();
    }

    @Test
    void aBatchPastItsWindowEndsExpired() {
        running(line("a", "echo", "one"));
        run.restored(0, true, "not-run a");
        clock.advance(Duration.ofHours(25));

        new BatchFinalizer(store, files, clock).finish(job, run, stop());

        BatchJob expired = store.find(job.id()).orElseThrow();
        assertThat(expired.state()).isEqualTo(BatchStatus.EXPIRED);
        assertThat(expired.expiredAt()).isEqualTo(clock.instant().getEpochSecond());
    }
}
