package io.coerouter.router.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A batch as {@code /v1/batches} describes it, field for field as OpenAI does (explicit nulls included), plus the
 * {@code coe} object with progress by stage and expert, and {@code api_key_id}: the gateway key that created it, the
 * only one that sees it and whose limits its lines keep. Immutable: each change makes a new snapshot for the store.
 */
public record BatchJob(
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

    public static final String VALIDATING = "validating";
    public static final String IN_PROGRESS = "in_progress";
    public static final String FINALIZING = "finalizing";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String EXPIRED = "expired";
    public static final String CANCELLING = "cancelling";
    public static final String CANCELLED = "cancelled";

    /** Lines in the input file: all of them, those answered, those that went to the error file. */
    public record RequestCounts(int total, int completed, int failed) {}

    /** Why a whole batch failed (OpenAI's {@code errors} list). */
    public record Errors(String object, List<Error> data) {

        static Errors of(List<Error> data) {
            return new Errors("list", List.copyOf(data));
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
    public record Progress(
            String stage, int calls, @JsonProperty("calls_done") int callsDone, List<ExpertProgress> experts) {}

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
                "batch",
                endpoint,
                null,
                inputFileId,
                "24h",
                VALIDATING,
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

    /** Whether the caller with {@code callerKeyId} (null: no key, auth off) may see this batch. */
    public boolean visibleTo(String callerKeyId) {
        return callerKeyId == null || callerKeyId.equals(apiKeyId);
    }

    /** Whether the batch has reached an end state. */
    public boolean finished() {
        return switch (status) {
            case COMPLETED, FAILED, EXPIRED, CANCELLED -> true;
            default -> false;
        };
    }

    /** A copy with the changes {@code edit} makes. */
    BatchJob with(Consumer<Draft> edit) {
        Draft d = new Draft(this);
        edit.accept(d);
        return d.build();
    }

    /** The changeable fields of a snapshot. */
    static final class Draft {
        private final BatchJob from;
        Errors errors;
        String status;
        String outputFileId;
        String errorFileId;
        Long inProgressAt;
        Long finalizingAt;
        Long completedAt;
        Long failedAt;
        Long expiredAt;
        Long cancellingAt;
        Long cancelledAt;
        RequestCounts requestCounts;
        Progress coe;

        private Draft(BatchJob from) {
            this.from = from;
            errors = from.errors;
            status = from.status;
            outputFileId = from.outputFileId;
            errorFileId = from.errorFileId;
            inProgressAt = from.inProgressAt;
            finalizingAt = from.finalizingAt;
            completedAt = from.completedAt;
            failedAt = from.failedAt;
            expiredAt = from.expiredAt;
            cancellingAt = from.cancellingAt;
            cancelledAt = from.cancelledAt;
            requestCounts = from.requestCounts;
            coe = from.coe;
        }

        private BatchJob build() {
            return new BatchJob(
                    from.id,
                    from.object,
                    from.endpoint,
                    errors,
                    from.inputFileId,
                    from.completionWindow,
                    status,
                    outputFileId,
                    errorFileId,
                    from.createdAt,
                    inProgressAt,
                    from.expiresAt,
                    finalizingAt,
                    completedAt,
                    failedAt,
                    expiredAt,
                    cancellingAt,
                    cancelledAt,
                    requestCounts,
                    from.metadata,
                    coe,
                    from.apiKeyId);
        }
    }
}
