package io.coerouter.router.batch;

/** A changed copy of a {@link BatchJob}: the fields a batch's life changes; the rest are kept. */
final class BatchJobBuilder {

    private final BatchJob from;
    private BatchJob.Errors errors;
    private BatchStatus state;
    private String outputFileId;
    private String errorFileId;
    private Long inProgressAt;
    private Long finalizingAt;
    private Long completedAt;
    private Long failedAt;
    private Long expiredAt;
    private Long cancellingAt;
    private Long cancelledAt;
    private BatchJob.RequestCounts requestCounts;
    private BatchJob.Progress progress;

    BatchJobBuilder(BatchJob from) {
        this.from = from;
        errors = from.errors();
        state = from.state();
        outputFileId = from.outputFileId();
        errorFileId = from.errorFileId();
        inProgressAt = from.inProgressAt();
        finalizingAt = from.finalizingAt();
        completedAt = from.completedAt();
        failedAt = from.failedAt();
        expiredAt = from.expiredAt();
        cancellingAt = from.cancellingAt();
        cancelledAt = from.cancelledAt();
        requestCounts = from.requestCounts();
        progress = from.progress();
    }

    BatchJobBuilder errors(BatchJob.Errors value) {
        errors = value;
        return this;
    }

    BatchJobBuilder state(BatchStatus value) {
        state = value;
        return this;
    }

    BatchJobBuilder outputFileId(String value) {
        outputFileId = value;
        return this;
    }

    BatchJobBuilder errorFileId(String value) {
        errorFileId = value;
        return this;
    }

    BatchJobBuilder inProgressAt(Long value) {
        inProgressAt = value;
        return this;
    }

    BatchJobBuilder finalizingAt(Long value) {
        finalizingAt = value;
        return this;
    }

    BatchJobBuilder completedAt(Long value) {
        completedAt = value;
        return this;
    }

    BatchJobBuilder failedAt(Long value) {
        failedAt = value;
        return this;
    }

    BatchJobBuilder expiredAt(Long value) {
        expiredAt = value;
        return this;
    }

    BatchJobBuilder cancellingAt(Long value) {
        cancellingAt = value;
        return this;
    }

    BatchJobBuilder cancelledAt(Long value) {
        cancelledAt = value;
        return this;
    }

    BatchJobBuilder requestCounts(BatchJob.RequestCounts value) {
        requestCounts = value;
        return this;
    }

    BatchJobBuilder progress(BatchJob.Progress value) {
        progress = value;
        return this;
    }

    BatchJob build() {
        return new BatchJob(
                from.id(),
                from.endpoint(),
                errors,
                from.inputFileId(),
                from.completionWindow(),
                state,
                outputFileId,
                errorFileId,
                from.createdAt(),
                inProgressAt,
                from.expiresAt(),
                finalizingAt,
                completedAt,
                failedAt,
                expiredAt,
                cancellingAt,
                cancelledAt,
                requestCounts,
                from.metadata(),
                progress,
                from.apiKeyId());
    }
}
