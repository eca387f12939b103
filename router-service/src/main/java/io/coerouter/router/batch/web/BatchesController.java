package io.coerouter.router.batch.web;

import io.coerouter.router.batch.BatchJob;
import io.coerouter.router.batch.Batches;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.openapi.ApiSchemas;
import io.coerouter.router.security.KeyAccess;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
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
    public BatchObject create(HttpServletRequest request) throws IOException {
        BatchCreateRequest body =
                BatchCreateRequest.read(json, request.getInputStream().readAllBytes());
        return BatchObject.of(batches.create(
                body.inputFileId(),
                body.endpoint(),
                body.completionWindow(),
                body.metadata(),
                KeyAccess.keyId(request)));
    }

    @Operation(operationId = "retrieveBatch")
    @GetMapping(path = "/v1/batches/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public BatchObject get(@PathVariable String id, HttpServletRequest request) {
        return BatchObject.of(batches.get(id, KeyAccess.keyId(request)));
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
        return BatchList.of(data.stream().map(BatchObject::of).toList(), more);
    }

    @Operation(operationId = "cancelBatch")
    @PostMapping(path = "/v1/batches/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    public BatchObject cancel(@PathVariable String id, HttpServletRequest request) {
        return BatchObject.of(batches.cancel(id, KeyAccess.keyId(request)));
    }
}
