package io.coerouter.router.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.keys.KeyAccess;
import io.coerouter.router.openapi.ApiSchemas;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /v1/batches}, OpenAI-compatible. */
@RestController
public class BatchesController {

    private final Batches batches;
    private final JsonMapper json;

    public BatchesController(Batches batches, JsonMapper json) {
        this.batches = batches;
        this.json = json;
    }

    /** A page of batches, newest first, as OpenAI lists them. */
    public record BatchList(
            String object,
            List<BatchJob> data,
            @JsonProperty("first_id") String firstId,
            @JsonProperty("last_id") String lastId,
            @JsonProperty("has_more") boolean hasMore) {}

    @Operation(
            operationId = "createBatch",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @io.swagger.v3.oas.annotations.media.Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema =
                                                    @io.swagger.v3.oas.annotations.media.Schema(
                                                            implementation = ApiSchemas.CreateBatchRequest.class))))
    @PostMapping(path = "/v1/batches", produces = MediaType.APPLICATION_JSON_VALUE)
    public BatchJob create(HttpServletRequest request) throws IOException {
        JsonNode body = read(request.getInputStream().readAllBytes());
        return batches.create(
                string(body, "input_file_id"),
                string(body, "endpoint"),
                string(body, "completion_window"),
                metadata(body),
                KeyAccess.keyId(request));
    }

    @Operation(operationId = "retrieveBatch")
    @GetMapping(path = "/v1/batches/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public BatchJob get(@PathVariable String id, HttpServletRequest request) {
        return batches.get(id, KeyAccess.keyId(request));
    }

    @Operation(operationId = "listBatches")
    @GetMapping(path = "/v1/batches", produces = MediaType.APPLICATION_JSON_VALUE)
    public BatchList list(
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", defaultValue = "20") int limit,
            HttpServletRequest request) {
        if (limit < 1 || limit > 100) {
            throw RouterException.invalid(
                    "limit", "invalid_value", "limit must be between 1 and 100, but was " + limit + ".");
        }
        // One more than asked for, to tell whether there are more.
        List<BatchJob> page = batches.list(after, limit + 1, KeyAccess.keyId(request));
        boolean more = page.size() > limit;
        List<BatchJob> data = more ? page.subList(0, limit) : page;
        return new BatchList(
                "list",
                data,
                data.isEmpty() ? null : data.getFirst().id(),
                data.isEmpty() ? null : data.getLast().id(),
                more);
    }

    @Operation(operationId = "cancelBatch")
    @PostMapping(path = "/v1/batches/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    public BatchJob cancel(@PathVariable String id, HttpServletRequest request) {
        return batches.cancel(id, KeyAccess.keyId(request));
    }

    private JsonNode read(byte[] body) {
        JsonNode node = JsonBodies.readObject(json, body);
        for (String name : node.propertyNames()) {
            if (!List.of("input_file_id", "endpoint", "completion_window", "metadata", "output_expires_after")
                    .contains(name)) {
                throw RouterException.invalid(
                        JsonBodies.echo(name),
                        "unknown_parameter",
                        "Unrecognized request argument supplied: " + JsonBodies.echo(name));
            }
        }
        return node;
    }

    private static String string(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw RouterException.invalid(name, "invalid_type", "'" + name + "' must be a string.");
        }
        return value.asString();
    }

    private static Map<String, String> metadata(JsonNode body) {
        JsonNode value = body.get("metadata");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw RouterException.invalid("metadata", "invalid_type", "'metadata' must be an object of strings.");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String key : value.propertyNames()) {
            JsonNode v = value.get(key);
            if (!v.isString()) {
                throw RouterException.invalid("metadata." + key, "invalid_type", "metadata values must be strings.");
            }
            metadata.put(key, v.asString());
        }
        return metadata;
    }
}
