package io.coerouter.router.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batches and files as the stores keep them: a batch or file stored before {@code schema_version} existed (the JSON
 * below was written by the router before it, captured from {@code RedisBatchStore} and {@code RedisFileStore}) reads
 * as the same batch or file, and what is written now reads back the same.
 */
class StoredBatchTest {

    private static final JsonMapper JSON =
            JsonMapper.builder().findAndAddModules().build();

    /** A finished batch as the router stored it before versions. */
    private static final String LEGACY_COMPLETED =
            """
            {"id":"batch_abc123","object":"batch","endpoint":"/v1/chat/completions","errors":null,\
            "input_file_id":"file-in1","completion_window":"24h","status":"completed","output_file_id":"file-out1",\
            "error_file_id":"file-err1","created_at":1767225600,"in_progress_at":1767225601,"expires_at":1767312000,\
            "finalizing_at":1767225660,"completed_at":1767225661,"failed_at":null,"expired_at":null,\
            "cancelling_at":null,"cancelled_at":null,"request_counts":{"total":3,"completed":2,"failed":1},\
            "metadata":{"project":"demo"},"coe":{"stage":"done","calls":4,"calls_done":4,\
            "experts":[{"id":"echo","calls":4,"done":4}]},"api_key_id":"key_owner"}""";

    /** A failed batch created without a key, as the router stored it before versions. */
    private static final String LEGACY_FAILED =
            """
            {"id":"batch_def456","object":"batch","endpoint":"/v1/chat/completions","errors":{"object":"list",\
            "data":[{"code":"empty_file","message":"The input file file-in2 holds no requests.","param":null,\
            "line":null}]},"input_file_id":"file-in2","completion_window":"24h","status":"failed",\
            "output_file_id":null,"error_file_id":null,"created_at":1767225600,"in_progress_at":null,\
            "expires_at":1767312000,"finalizing_at":null,"completed_at":null,"failed_at":1767225602,\
            "expired_at":null,"cancelling_at":null,"cancelled_at":null,\
            "request_counts":{"total":0,"completed":0,"failed":0},"metadata":null,\
            "coe":{"stage":"queued","calls":0,"calls_done":0,"experts":[]}}""";

    private static final String LEGACY_FILE =
            """
            {"id":"file-abc","object":"file","bytes":42,"created_at":1767225600,"filename":"in.jsonl",\
            "purpose":"batch","status":"processed","api_key_id":"key_owner"}""";

    private static BatchJob read(String json) {
        return JSON.readValue(json, StoredBatch.class).toBatch();
    }

    private static BatchJob completed() {
        return BatchJob.created(
                        "batch_abc123",
                        "file-in1",
                        Batches.CHAT_COMPLETIONS,
                        1767225600L,
                        1767312000L,
                        Map.of("project", "demo"),
                        "key_owner")
                .started(1767225601L)
                .progressed(
                        new BatchJob.RequestCounts(3, 2, 1),
                        new BatchJob.Progress("done", 4, 4, List.of(new BatchJob.ExpertProgress("echo", 4, 4))))
                .finalizing(1767225660L)
                .ended(BatchStatus.COMPLETED, 1767225661L, "file-out1", "file-err1");
    }

    @Test
    void aBatchStoredBeforeVersionsReadsAsTheSameBatch() {
        assertThat(read(LEGACY_COMPLETED)).isEqualTo(completed());

        BatchJob failed = BatchJob.created(
                        "batch_def456", "file-in2", Batches.CHAT_COMPLETIONS, 1767225600L, 1767312000L, null, null)
                .failed(
                        1767225602L,
                        new BatchJob.Error("empty_file", "The input file file-in2 holds no requests.", null, null));
        assertThat(read(LEGACY_FAILED)).isEqualTo(failed);
    }

    @Test
    void aBatchIsWrittenAsBeforeWithItsSchemaVersionFirstAndReadsBackTheSame() {
        String written = JSON.writeValueAsString(StoredBatch.of(completed()));

        assertThat(written).startsWith("{\"schema_version\":1,\"id\":\"batch_abc123\",");
        JsonNode now = JSON.readTree(written);
        JsonNode before = JSON.readTree(LEGACY_COMPLETED);
        assertThat(((tools.jackson.databind.node.ObjectNode) now).without("schema_version"))
                .isEqualTo(before);
        assertThat(read(written)).isEqualTo(completed());
        assertThat(JSON.readTree(JSON.writeValueAsString(StoredBatch.of(read(LEGACY_FAILED)))))
                .isEqualTo(((tools.jackson.databind.node.ObjectNode) JSON.readTree(LEGACY_FAILED))
                        .put("schema_version", 1));
    }

    @Test
    void aBatchWrittenByANewerRouterIsRefusedNotMisread() {
        String newer = LEGACY_COMPLETED.replaceFirst("\\{", "{\"schema_version\":2,");

        assertThatThrownBy(() -> read(newer))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema_version 2");
    }

    @Test
    void aFileStoredBeforeVersionsReadsAsTheSameFileAndIsWrittenAsBefore() {
        StoredFile file = StoredFile.of("file-abc", 42, 1767225600L, "in.jsonl", "batch", "key_owner");

        assertThat(JSON.readValue(LEGACY_FILE, StoredFileRecord.class).toFile()).isEqualTo(file);
        String written = JSON.writeValueAsString(StoredFileRecord.of(file));
        assertThat(written).isEqualTo(LEGACY_FILE.replaceFirst("\\{", "{\"schema_version\":1,"));

        StoredFile keyless = StoredFile.of("file-def", 7, 1767225600L, "batch_x_output.jsonl", "batch_output", null);
        assertThat(JSON.writeValueAsString(StoredFileRecord.of(keyless)))
                .isEqualTo("{\"schema_version\":1,\"id\":\"file-def\",\"object\":\"file\",\"bytes\":7,"
                        + "\"created_at\":1767225600,\"filename\":\"batch_x_output.jsonl\",\"purpose\":\"batch_output\","
                        + "\"status\":\"processed\"}");
    }
}
