package io.coerouter.router.batch;

import static io.coerouter.router.batch.BatchFixtures.file;
import static io.coerouter.router.batch.BatchFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.coerouter.router.scheduling.GroupedCalls;
import io.coerouter.router.testing.ManualClock;
import io.coerouter.router.usage.CompletedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A whole batch run on the in-memory stores and the echo expert, created without a key. */
class BatchRunnerTest {

    private final ManualClock clock = new ManualClock();
    private final BatchStore store = BatchStore.inMemory(clock);
    private final FileStore files = FileStore.inMemory(clock);
    private final BatchFixtures.EchoRouter router = new BatchFixtures.EchoRouter();
    private final List<CompletedRequest> reported = new CopyOnWriteArrayList<>();
    private final BatchRunner runner = new BatchRunner(
            store,
            files,
            router,
            BatchFixtures.PARSER,
            BatchFixtures.JSON,
            clock,
            new GroupedCalls(4, id -> false),
            2,
            null,
            BatchFixtures.FORMAT,
            reported::add);

    private String upload(String content) {
        return files.put("in.jsonl", "batch", content.getBytes(StandardCharsets.UTF_8), null)
                .id();
    }

    private String content(String fileId) {
        return new String(files.content(fileId).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void everyLineEndsInTheOutputOrTheErrorFileInLineOrderAndTheBatchCompletes() {
        String input =
                upload(file(line("a", "echo", "one"), line("b", "twice", "two"), "{bad", line("d", "refused", "four")));
        BatchJob job = BatchFixtures.saved(store, "batch_run", input, clock);

        runner.run(job.id());

        BatchJob done = store.find(job.id()).orElseThrow();
        long now = clock.instant().getEpochSecond();
        assertThat(done.state()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(done.requestCounts()).isEqualTo(new BatchJob.RequestCounts(4, 2, 2));
        assertThat(content(done.outputFileId())).isEqualTo("ok a one @" + now + "\nok b two x2 @" + now + "\n");
        assertThat(content(done.errorFileId()))
                .isEqualTo("failed null invalid_json line 3\nfailed d model_not_found\n");
        assertThat(done.inProgressAt()).isEqualTo(now);
        assertThat(done.progress().stage()).isEqualTo("done");
        assertThat(done.progress().experts()).containsExactly(new BatchJob.ExpertProgress("echo", 3, 3));
        // Usage history hears of every routed line, as a request of the batch's key.
        assertThat(reported)
                .extracting(CompletedRequest::id, CompletedRequest::answered, CompletedRequest::model)
                .containsExactlyInAnyOrder(tuple("batch_run:1", true, "echo"), tuple("batch_run:2", true, "twice"));
    }

    @Test
    void aResumedBatchRunsOnlyTheLinesNotFinishedBefore() {
        String input = upload(file(line("a", "echo", "one"), line("b", "echo", "two")));
        BatchJob job = BatchFixtures.saved(store, "batch_run", input, clock);
        store.update(job.id(), j -> j.started(clock.instant().getEpochSecond()));
        store.putLine(job.id(), 0, false, "ok a before");

        runner.run(job.id());

        assertThat(router.planned).hasValue(1);
        BatchJob done = store.find(job.id()).orElseThrow();
        assertThat(content(done.outputFileId()))
                .startsWith("ok a before\nok b two @")
                .hasLineCount(2);
    }

    @Test
    void aBatchCancelledBeforeItRanListsEveryLineAsCancelled() {
        String input = upload(file(line("a", "echo", "one"), line("b", "echo", "two")));
        BatchJob job = BatchFixtures.saved(store, "batch_run", input, clock);
        store.update(job.id(), j -> j.cancelling(clock.instant().getEpochSecond()));

        runner.run(job.id());

        BatchJob done = store.find(job.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(BatchStatus.CANCELLED);
        assertThat(done.outputFileId()).isNull();
        assertThat(content(done.errorFileId()))
                .isEqualTo("not-run a batch_cancelled line 1\nnot-run b batch_cancelled line 2\n");
    }

    @Test
    void aBatchWhoseInputIsMissingOrEmptyFails() {
        BatchJob missing = BatchFixtures.saved(store, "batch_missing", "file-gone", clock);
        BatchJob empty = BatchFixtures.saved(store, "batch_empty", upload("\n\n"), clock);

        runner.run(missing.id());
        runner.run(empty.id());

        Map<String, String> codes = Map.of(
                "batch_missing", "input_file_missing",
                "batch_empty", "empty_file");
        codes.forEach((id, code) -> {
            BatchJob failed = store.find(id).orElseThrow();
            assertThat(failed.state()).as(id).isEqualTo(BatchStatus.FAILED);
            assertThat(failed.failedAt()).isEqualTo(clock.instant().getEpochSecond());
            assertThat(failed.errors().data().getFirst().code()).isEqualTo(code);
        });
    }
}
