package io.coerouter.router.batch;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A batch: what it runs, where it is ({@link BatchStatus}, moved only through this type's transitions), when it got
 * there, its files and counts, the {@code coe} progress by stage and expert, and the gateway key that created it (the
 * only one that sees it and whose limits its lines keep). Immutable: each change makes a new snapshot for the store.
 * How it is stored is {@code StoredBatch}; how the API shows it, the web edge's batch object.
 *
 * @param completionWindow always {@code 24h}
 * @param errors why the whole batch failed; null unless it did
 * @param metadata the caller's pairs; null when none
 * @param progress where a running batch is
 * @param apiKeyId the key that created it; null when auth is off
 */
public record BatchJob(
        String id,
        String endpoint,
        Errors errors,
        String inputFileId,
        String completionWindow,
        BatchStatus state,
        String outputFileId,
        String errorFileId,
        long createdAt,
        Long inProgressAt,
        Long expiresAt,
        Long finalizingAt,
        Long completedAt,
        Long failedAt,
        Long expiredAt,
        Long cancellingAt,
        Long cancelledAt,
        RequestCounts requestCounts,
        Map<String, String> metadata,
        Progress progress,
        String apiKeyId) {

    public BatchJob {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(state, "state must not be null");
    }

    /** Lines in the input file: all of them, those answered, those that went to the error file. */
    public record RequestCounts(int total, int completed, int failed) {}

    /** Why a whole batch failed (OpenAI's {@code errors} list). */
    public record Errors(List<Error> data) {

        public Errors {
            data = List.copyOf(data);
        }

        static Errors of(List<Error> data) {
            return new Errors(data);
        }
    }

    public record Error(String code, String message, String param, Integer line) {}

    /**
     * Where a running batch is.
     *
     * @param stage {@code queued}, {@code routing}, {@code experts}, {@code aggregation} or {@code done}
     * @param calls expert calls planned for the whole batch
     * @param callsDone those finished
     * @param experts calls per expert, in the order the experts run
     */
    public record Progress(String stage, int calls, int callsDone, List<ExpertProgress> experts) {}

    public record ExpertProgress(String id, int calls, int done) {}

    static BatchJob created(
            String id,
            String inputFileId,
            String endpoint,
            long now,
            long expiresAt,
            Map<String, String> metadata,
            String apiKeyId) {
        return new BatchJob(
                id,
                endpoint,
                null,
                inputFileId,
                "24h",
                BatchStatus.VALIDATING,
                null,
                null,
                now,
                null,
                expiresAt,
                null,
                null,
                null,
                null,
                null,
                null,
                new RequestCounts(0, 0, 0),
                metadata == null || metadata.isEmpty() ? null : Map.copyOf(metadata),
                new Progress("queued", 0, 0, List.of()),
                apiKeyId);
    }

    /** The OpenAI name of its state ({@code in_progress}, ...). */
    public String status() {
        return state.openAiName();
    }

    /** Whether the caller with {@code callerKeyId} (null: no key, auth off) may see this batch. */
    public boolean visibleTo(String callerKeyId) {
        return callerKeyId == null || callerKeyId.equals(apiKeyId);
    }

    /** Whether the batch has reached an end state. */
    public boolean finished() {
        return state.finished();
    }

    /**
     * Started (or resumed) by a router at {@code now}: {@code in_progress}, unless it is being cancelled; it keeps the
     * time it first started.
     */
    BatchJob started(long now) {
        Long since = inProgressAt == null ? now : inProgressAt;
        BatchStatus next = state == BatchStatus.CANCELLING ? state : state.moveTo(BatchStatus.IN_PROGRESS);
        return toBuilder().state(next).inProgressAt(since).build();
    }

    /** Asked at {@code now} to stop: {@code cancelling}. */
    BatchJob cancelling(long now) {
        return toBuilder()
                .state(state.moveTo(BatchStatus.CANCELLING))
                .cancellingAt(now)
                .build();
    }

    /** Its files being written from {@code now}: {@code finalizing}, unless it is being cancelled. */
    BatchJob finalizing(long now) {
        BatchStatus next = state == BatchStatus.CANCELLING ? state : state.moveTo(BatchStatus.FINALIZING);
        return toBuilder().state(next).finalizingAt(now).build();
    }

    /**
     * Ended at {@code now} in {@code end} ({@code completed}, {@code expired} or {@code cancelled}) with its files.
     *
     * @throws BatchTransitionException when it may not end so from where it is
     */
    BatchJob ended(BatchStatus end, long now, String outputFile, String errorFile) {
        BatchJobBuilder b =
                toBuilder().state(state.moveTo(end)).outputFileId(outputFile).errorFileId(errorFile);
        switch (end) {
            case COMPLETED -> b.completedAt(now);
            case EXPIRED -> b.expiredAt(now);
            case CANCELLED -> b.cancelledAt(now);
            default -> throw new BatchTransitionException(state, end);
        }
        return b.build();
    }

    /** Failed as a whole at {@code now}, for {@code error}. */
    BatchJob failed(long now, Error error) {
        return toBuilder()
                .state(state.moveTo(BatchStatus.FAILED))
                .failedAt(now)
                .errors(Errors.of(List.of(error)))
                .build();
    }

    /** With the counts and progress a running batch has reached. */
    BatchJob progressed(RequestCounts counts, Progress progress) {
        return toBuilder().requestCounts(counts).progress(progress).build();
    }

    BatchJobBuilder toBuilder() {
        return new BatchJobBuilder(this);
    }
}
