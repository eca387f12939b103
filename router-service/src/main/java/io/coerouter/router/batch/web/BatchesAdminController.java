package io.coerouter.router.batch.web;

import io.coerouter.router.batch.Batches;
import io.coerouter.router.batch.FileStore;
import io.coerouter.router.batch.StoredFile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.InputStream;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin's view of every key's batches and files, through the same core as {@code /v1/batches} and {@code
 * /v1/files}: cancel any batch, download any file (a batch's output or error file).
 */
@RestController
class BatchesAdminController {

    /** A batch file's type: one JSON object per line. */
    static final MediaType JSONL = new MediaType("application", "jsonl");

    private final Batches batches;
    private final FileStore files;

    BatchesAdminController(Batches batches, FileStore files) {
        this.batches = batches;
        this.files = files;
    }

    /** Cancels a batch whichever key created it, as {@code POST /v1/batches/{id}/cancel} does for its own key. */
    @Operation(operationId = "adminCancelBatch")
    @PostMapping(path = "/admin/batches/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    BatchObject cancel(@PathVariable String id) {
        return BatchObject.of(batches.cancel(id, null));
    }

    /** The bytes of a file whichever key owns it, streamed from the store, for download. */
    @Operation(
            operationId = "adminFileContent",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The file's lines",
                            content =
                                    @Content(
                                            mediaType = "application/jsonl",
                                            schema = @Schema(type = "string", format = "binary"))))
    @GetMapping(path = "/admin/files/{id}/content")
    ResponseEntity<InputStreamResource> content(@PathVariable String id) {
        StoredFile file = files.find(id).orElseThrow(() -> FilesController.notFound(id));
        InputStream content = files.open(id).orElseThrow(() -> FilesController.notFound(id));
        return ResponseEntity.ok()
                .contentType(JSONL)
                .contentLength(file.bytes())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(id + ".jsonl")
                                .build()
                                .toString())
                .body(new InputStreamResource(content));
    }
}
