package io.coerouter.router.batch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A batch as the stores keep it: versioned JSON, field for field the batch object the router has always stored (so
 * a batch stored before {@code schema_version} existed, version 0, reads as the same batch), with {@code
 * schema_version} {@value #VERSION} first. A record without {@code schema_version} (null here) is version 0. Both stores go through it: Redis as JSON, memory as the record.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record StoredBatch(
        @JsonProperty("schema_version") Integer schemaVersion,
        String id,
        String object,
        String endpoint,
        StoredErrors errors,
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
        @JsonProperty("request_counts") StoredCounts requestCounts,
        Map<String, String> metadata,
        @JsonInclude(JsonInclude.Include.NON_NULL) StoredProgress coe,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("api_key_id") String apiKeyId) {

    /** The version this router writes. */
    static final int VERSION = 1;

    record StoredErrors(String object, List<StoredError> data) {}

    record StoredError(String code, String message, String param, Integer line) {}

    record StoredCounts(int total, int completed, int failed) {}

    record StoredProgress(
            String stage, int calls, @JsonProperty("calls_done") int callsDone, List<StoredExpertProgress> experts) {}

    record StoredExpertProgress(String id, int calls, int done) {}

    /** {@code job} as this version stores it. */
    static StoredBatch of(BatchJob job) {
        BatchJob.Errors errors = job.errors();
        BatchJob.RequestCounts counts = job.requestCounts();
        BatchJob.Progress progress = job.progress();
        return new StoredBatch(
                VERSION,
                job.id(),
                "batch",
                job.endpoint(),
                errors == null
                        ? null
                        : new StoredErrors(
                                "list",
                                errors.data().stream()
                                        .map(e -> new StoredError(e.code(), e.message(), e.param(), e.line()))
                                        .toList()),
                job.inputFileId(),
                job.completionWindow(),
                job.state().openAiName(),
                job.outputFileId(),
                job.errorFileId(),
                job.createdAt(),
                job.inProgressAt(),
                job.expiresAt(),
                job.finalizingAt(),
                job.completedAt(),
                job.failedAt(),
                job.expiredAt(),
                job.cancellingAt(),
                job.cancelledAt(),
                counts == null ? null : new StoredCounts(counts.total(), counts.completed(), counts.failed()),
                job.metadata(),
                progress == null
                        ? null
                        : new StoredProgress(
                                progress.stage(),
                                progress.calls(),
                                progress.callsDone(),
                                progress.experts().stream()
                                        .map(e -> new StoredExpertProgress(e.id(), e.calls(), e.done()))
                                        .toList()),
                job.apiKeyId());
    }

    /**
     * The batch this record holds, of this version or an earlier one.
     *
     * @throws IllegalStateException for a version this router does not know (written by a newer router)
     */
    BatchJob toBatch() {
        if (schemaVersion != null && schemaVersion > VERSION) {
            throw new IllegalStateException("batch " + id + " is stored with schema_version " + schemaVersion
                    + "; this router reads up to " + VERSION);
        }
        return new BatchJob(
                id,
                endpoint,
                errors == null
                        ? null
                        : BatchJob.Errors.of(errors.data().stream()
                                .map(e -> new BatchJob.Error(e.code(), e.message(), e.param(), e.line()))
                                .toList()),
                inputFileId,
                completionWindow,
                BatchStatus.ofOpenAiName(status),
                outputFileId,
                errorFileId,
                createdAt,
                inProgressAt,
                expiresAt,
                finalizingAt,
                completedAt,
                failedAt,
                expiredAt,
                cancellingAt,
                cancelledAt,
                requestCounts == null
                        ? null
                        : new BatchJob.RequestCounts(
                                requestCounts.total(), requestCounts.completed(), requestCounts.failed()),
                metadata == null ? null : Map.copyOf(metadata),
                coe == null
                        ? null
                        : new BatchJob.Progress(
                                coe.stage(),
                                coe.calls(),
                                coe.callsDone(),
                                coe.experts() == null
                                        ? List.of()
                                        : coe.experts().stream()
                                                .map(e -> new BatchJob.ExpertProgress(e.id(), e.calls(), e.done()))
                                                .toList()),
                apiKeyId);
    }
}
