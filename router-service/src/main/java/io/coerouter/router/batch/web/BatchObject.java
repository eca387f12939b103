package io.coerouter.router.batch.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.batch.BatchJob;
import java.util.List;
import java.util.Map;

/**
 * A batch as {@code /v1/batches} describes it, field for field as OpenAI does (explicit nulls included), plus the
 * {@code coe} object with progress by stage and expert, and {@code api_key_id}: the gateway key that created it.
 */
public record BatchObject(
        String id,
        String object,
        String endpoint,
        Errors errors,
        @JsonProperty("input_file_id") String inputFileId,
        @JsonProperty("completion_window") String completionWindow,
        String status,
        @JsonProperty("output_file_id") String outputFileId,
        @JsonProperty("error_file_id") String errorFileId,
        @JsonProperty("created_at") long createdAt,
        @JsonProperty("in_progress_at") Long inProgressAt,
        @JsonProperty("expires_at") Long expiresAt,
        @JsonProperty("finalizing_at") Long finalizingAt,
        @JsonProperty("completed_at") Long completedAt,
        @JsonProperty("failed_at") Long failedAt,
        @JsonProperty("expired_at") Long expiredAt,
        @JsonProperty("cancelling_at") Long cancellingAt,
        @JsonProperty("cancelled_at") Long cancelledAt,
        @JsonProperty("request_counts") RequestCounts requestCounts,
        Map<String, String> metadata,
        @JsonInclude(JsonInclude.Include.NON_NULL) Progress coe,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("api_key_id") String apiKeyId) {

    /** Lines in the input file: all of them, those answered, those that went to the error file. */
    public record RequestCounts(int total, int completed, int failed) {}

    /** Why a whole batch failed (OpenAI's {@code errors} list). */
    public record Errors(String object, List<Error> data) {}

    public record Error(String code, String message, String param, Integer line) {}

    /**
     * Where a running batch is.
     *
     * @param stage {@code queued}, {@code routing}, {@code experts}, {@code aggregation} or {@code done}
     * @param calls expert calls planned for the whole batch
     * @param callsDone those finished
     * @param experts calls per expert, in the order the experts run
     */
    public record Progress(
            String stage, int calls, @JsonProperty("calls_done") int callsDone, List<ExpertProgress> experts) {}

    public record ExpertProgress(String id, int calls, int done) {}

    /** {@code batch} as the API shows it. */
    static BatchObject of(BatchJob batch) {
        BatchJob.Errors errors = batch.errors();
        BatchJob.RequestCounts counts = batch.requestCounts();
        BatchJob.Progress progress = batch.progress();
        return new BatchObject(
                batch.id(),
                "batch",
                batch.endpoint(),
                errors == null
                        ? null
                        : new Errors(
                                "list",
                                errors.data().stream()
                                        .map(e -> new Error(e.code(), e.message(), e.param(), e.line()))
                                        .toList()),
                batch.inputFileId(),
                batch.completionWindow(),
                batch.state().openAiName(),
                batch.outputFileId(),
                batch.errorFileId(),
                batch.createdAt(),
                batch.inProgressAt(),
                batch.expiresAt(),
                batch.finalizingAt(),
                batch.completedAt(),
                batch.failedAt(),
                batch.expiredAt(),
                batch.cancellingAt(),
                batch.cancelledAt(),
                counts == null ? null : new RequestCounts(counts.total(), counts.completed(), counts.failed()),
                batch.metadata(),
                progress == null
                        ? null
                        : new Progress(
                                progress.stage(),
                                progress.calls(),
                                progress.callsDone(),
                                progress.experts().stream()
                                        .map(e -> new ExpertProgress(e.id(), e.calls(), e.done()))
                                        .toList()),
                batch.apiKeyId());
    }
}
