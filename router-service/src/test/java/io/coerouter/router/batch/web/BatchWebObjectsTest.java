package io.coerouter.router.batch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.batch.BatchJob;
import io.coerouter.router.batch.BatchStatus;
import io.coerouter.router.batch.StoredFile;
import io.coerouter.router.error.RouterException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Files and Batch APIs' objects are what the router has always answered, byte for byte: the JSON below is what
 * it wrote for these objects before the domain types and the API's objects were separate types.
 */
class BatchWebObjectsTest {

    private static final JsonMapper JSON =
            JsonMapper.builder().findAndAddModules().build();

    private static final String COMPLETED =
            """
            {"id":"batch_abc123","object":"batch","endpoint":"/v1/chat/completions","errors":null,\
            "input_file_id":"file-in1","completion_window":"24h","status":"completed","output_file_id":"file-out1",\
            "error_file_id":"file-err1","created_at":1767225600,"in_progress_at":1767225601,"expires_at":1767312000,\
            "finalizing_at":1767225660,"completed_at":1767225661,"failed_at":null,"expired_at":null,\
            "cancelling_at":null,"cancelled_at":null,"request_counts":{"total":3,"completed":2,"failed":1},\
            "metadata":{"project":"demo"},"coe":{"stage":"done","calls":4,"calls_done":4,\
            "experts":[{"id":"echo","calls":4,"done":4}]},"api_key_id":"key_owner"}""";

    private static final String FAILED =
            """
            {"id":"batch_def456","object":"batch","endpoint":"/v1/chat/completions","errors":{"object":"list",\
            "data":[{"code":"empty_file","message":"The input file file-in2 holds no requests.","param":null,\
            "line":null}]},"input_file_id":"file-in2","completion_window":"24h","status":"failed",\
            "output_file_id":null,"error_file_id":null,"created_at":1767225600,"in_progress_at":null,\
            "expires_at":1767312000,"finalizing_at":null,"completed_at":null,"failed_at":1767225602,\
            "expired_at":null,"cancelling_at":null,"cancelled_at":null,\
            "request_counts":{"total":0,"completed":0,"failed":0},"metadata":null,\
            "coe":{"stage":"queued","calls":0,"calls_done":0,"experts":[]}}""";

    @Test
    void aBatchIsShownFieldForFieldAsBefore() {
        BatchJob completed = new BatchJob(
                "batch_abc123",
                "/v1/chat/completions",
                null,
                "file-in1",
                "24h",
                BatchStatus.COMPLETED,
                "file-out1",
                "file-err1",
                1767225600L,
                1767225601L,
                1767312000L,
                1767225660L,
                1767225661L,
                null,
                null,
                null,
                null,
                new BatchJob.RequestCounts(3, 2, 1),
                Map.of("project", "demo"),
                new BatchJob.Progress("done", 4, 4, List.of(new BatchJob.ExpertProgress("echo", 4, 4))),
                "key_owner");
        BatchJob failed = new BatchJob(
                "batch_def456",
                "/v1/chat/completions",
                new BatchJob.Errors(List.of(
                        new BatchJob.Error("empty_file", "The input file file-in2 holds no requests.", null, null))),
                "file-in2",
                "24h",
                BatchStatus.FAILED,
                null,
                null,
                1767225600L,
                null,
                1767312000L,
                null,
                null,
                1767225602L,
                null,
                null,
                null,
                new BatchJob.RequestCounts(0, 0, 0),
                null,
                new BatchJob.Progress("queued", 0, 0, List.of()),
                null);

        assertThat(JSON.writeValueAsString(BatchObject.of(completed))).isEqualTo(COMPLETED);
        assertThat(JSON.writeValueAsString(BatchObject.of(failed))).isEqualTo(FAILED);
        assertThat(JSON.writeValueAsString(BatchList.of(List.of(BatchObject.of(completed)), true)))
                .isEqualTo("{\"object\":\"list\",\"data\":[" + COMPLETED
                        + "],\"first_id\":\"batch_abc123\",\"last_id\":\"batch_abc123\",\"has_more\":true}");
    }

    @Test
    void aFileIsShownFieldForFieldAsBefore() {
        assertThat(JSON.writeValueAsString(
                        FileObject.of(new StoredFile("file-abc", 42, 1767225600L, "in.jsonl", "batch", "key_owner"))))
                .isEqualTo("{\"id\":\"file-abc\",\"object\":\"file\",\"bytes\":42,\"created_at\":1767225600,"
                        + "\"filename\":\"in.jsonl\",\"purpose\":\"batch\",\"status\":\"processed\","
                        + "\"api_key_id\":\"key_owner\"}");
        assertThat(JSON.writeValueAsString(FileList.of(List.of())))
                .isEqualTo("{\"object\":\"list\",\"data\":[],\"first_id\":null,\"last_id\":null,\"has_more\":false}");
        assertThat(JSON.writeValueAsString(FileDeleted.of("file-abc")))
                .isEqualTo("{\"id\":\"file-abc\",\"object\":\"file\",\"deleted\":true}");
    }

    @Test
    void outputLinesCarryTheOnlineStatusAndErrorBodyOrTheLinesOwnError() {
        OpenAiOutputLines lines = new OpenAiOutputLines(JSON);

        JsonNode failed = JSON.readTree(lines.failed(
                "a", RouterException.invalid("model", "model_not_found", "The model 'x' does not exist."), null));
        assertThat(failed.propertyNames()).containsExactly("id", "custom_id", "response", "error");
        assertThat(failed.path("id").asString()).startsWith("batch_req_");
        assertThat(failed.path("custom_id").asString()).isEqualTo("a");
        assertThat(failed.path("response").path("status_code").asInt()).isEqualTo(400);
        assertThat(failed.path("response").path("request_id").asString()).startsWith("req_");
        assertThat(failed.path("response")
                        .path("body")
                        .path("error")
                        .path("code")
                        .asString())
                .isEqualTo("model_not_found");
        assertThat(failed.get("error").isNull()).isTrue();

        JsonNode malformed = JSON.readTree(
                lines.failed("b", RouterException.invalid(null, "invalid_json", "Line 2 must be a JSON object."), 2));
        assertThat(malformed.path("error").toString())
                .isEqualTo("{\"code\":\"invalid_json\",\"message\":\"Line 2 must be a JSON object.\",\"line\":2}");

        String notRun = lines.notRun("c", "batch_expired", "Not run.", 3);
        assertThat(notRun)
                .matches("\\{\"id\":\"batch_req_[A-Za-z0-9]+\",\"custom_id\":\"c\",\"response\":null,"
                        + "\"error\":\\{\"code\":\"batch_expired\",\"message\":\"Not run.\",\"line\":3}}");
    }
}
