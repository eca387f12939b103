package io.coerouter.router.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch's life through its own transitions: each sets its state and the time it got there, and nothing else. */
class BatchJobTest {

    private static BatchJob created() {
        return BatchJob.created("batch_a", "file-in", Batches.CHAT_COMPLETIONS, 100, 86_500, null, "key_a");
    }

    @Test
    void aCompletedBatchKeepsTheTimeOfEachStage() {
        BatchJob job = created().started(101).finalizing(150).ended(BatchStatus.COMPLETED, 151, "file-o", "file-e");

        assertThat(job.state()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(job.status()).isEqualTo("completed");
        assertThat(job.finished()).isTrue();
        assertThat(job.inProgressAt()).isEqualTo(101);
        assertThat(job.finalizingAt()).isEqualTo(150);
        assertThat(job.completedAt()).isEqualTo(151);
        assertThat(job.outputFileId()).isEqualTo("file-o");
        assertThat(job.errorFileId()).isEqualTo("file-e");
        assertThat(job.cancelledAt()).isNull();
        assertThat(job.expiredAt()).isNull();
    }

    @Test
    void aResumedBatchKeepsWhenItFirstStarted() {
        BatchJob job = created().started(101).started(300);

        assertThat(job.state()).isEqualTo(BatchStatus.IN_PROGRESS);
        assertThat(job.inProgressAt()).isEqualTo(101);
    }

    @Test
    void aBatchBeingCancelledStaysCancellingWhenStartedOrFinalizedAndEndsCancelled() {
        BatchJob job = created().cancelling(101).started(102).finalizing(103);

        assertThat(job.state()).isEqualTo(BatchStatus.CANCELLING);
        assertThat(job.cancellingAt()).isEqualTo(101);
        assertThat(job.inProgressAt()).isEqualTo(102);
        assertThat(job.finalizingAt()).isEqualTo(103);
        assertThat(job.ended(BatchStatus.CANCELLED, 104, null, "file-e").cancelledAt())
                .isEqualTo(104);
        assertThatThrownBy(() -> job.ended(BatchStatus.COMPLETED, 104, null, null))
                .isInstanceOf(BatchTransitionException.class);
    }

    @Test
    void aFailedBatchSaysWhyAndMovesNoMore() {
        BatchJob job = created().failed(101, new BatchJob.Error("empty_file", "empty", null, null));

        assertThat(job.state()).isEqualTo(BatchStatus.FAILED);
        assertThat(job.failedAt()).isEqualTo(101);
        assertThat(job.errors().data()).containsExactly(new BatchJob.Error("empty_file", "empty", null, null));
        assertThatThrownBy(() -> job.started(102)).isInstanceOf(BatchTransitionException.class);
        assertThatThrownBy(() -> job.cancelling(102)).isInstanceOf(BatchTransitionException.class);
    }

    @Test
    void onlyAFinalizingBatchEndsAndOnlyInAnEndState() {
        assertThatThrownBy(() -> created().started(101).ended(BatchStatus.COMPLETED, 102, null, null))
                .isInstanceOf(BatchTransitionException.class);
        assertThatThrownBy(() -> created().started(101).finalizing(102).ended(BatchStatus.FAILED, 103, null, null))
                .isInstanceOf(BatchTransitionException.class);
        assertThat(created()
                        .started(101)
                        .finalizing(102)
                        .ended(BatchStatus.EXPIRED, 103, null, null)
                        .expiredAt())
                .isEqualTo(103);
    }

    @Test
    void progressChangesOnlyTheCountsAndTheProgress() {
        BatchJob before = created();
        BatchJob.Progress progress =
                new BatchJob.Progress("experts", 4, 1, List.of(new BatchJob.ExpertProgress("echo", 4, 1)));

        BatchJob after = before.progressed(new BatchJob.RequestCounts(3, 1, 0), progress);

        assertThat(after.requestCounts()).isEqualTo(new BatchJob.RequestCounts(3, 1, 0));
        assertThat(after.progress()).isEqualTo(progress);
        assertThat(after.state()).isEqualTo(before.state());
        assertThat(after.toBuilder().build()).isEqualTo(after);
    }
}
