package io.coerouter.router.batch.web;

import io.coerouter.router.batch.FileStore;
import io.coerouter.router.batch.StoredFile;
import io.coerouter.router.batch.UploadLimits;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.openapi.ApiSchemas;
import io.coerouter.router.security.KeyAccess;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/files}, OpenAI-compatible, for batch input files and the output and error files batches write. */
@RestController
public class FilesController {

    private final FileStore files;
    private final MultipartUploads uploads;

    FilesController(FileStore files, UploadLimits limits) {
        this.files = files;
        this.uploads = new MultipartUploads(files, limits);
    }

    /**
     * Stores an uploaded file: multipart/form-data with {@code purpose} and {@code file} (see {@link
     * MultipartUploads}).
     */
    @Operation(
            operationId = "createFile",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @io.swagger.v3.oas.annotations.media.Content(
                                            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                                            schema =
                                                    @io.swagger.v3.oas.annotations.media.Schema(
                                                            implementation = ApiSchemas.CreateFileRequest.class))))
    @PostMapping(path = "/v1/files", produces = MediaType.APPLICATION_JSON_VALUE)
    public FileObject upload(HttpServletRequest request) throws IOException {
        return FileObject.of(uploads.upload(request));
    }

    @Operation(operationId = "listFiles")
    @GetMapping(path = "/v1/files", produces = MediaType.APPLICATION_JSON_VALUE)
    public FileList list(@RequestParam(name = "purpose", required = false) String purpose, HttpServletRequest request) {
        String caller = KeyAccess.keyId(request);
        return FileList.of(files.list(purpose).stream()
                .filter(f -> f.visibleTo(caller))
                .map(FileObject::of)
                .toList());
    }

    @Operation(operationId = "retrieveFile")
    @GetMapping(path = "/v1/files/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public FileObject get(@PathVariable String id, HttpServletRequest request) {
        return FileObject.of(visible(id, request));
    }

    /** The file {@code id} if the caller's key may see it; another key's file is as absent as a missing one. */
    private StoredFile visible(String id, HttpServletRequest request) {
        // An id outside the stores' grammar is never found (FileStore.validId), so it is 404 before any store call.
        return files.find(id).filter(f -> f.visibleTo(KeyAccess.keyId(request))).orElseThrow(() -> notFound(id));
    }

    /** The file's bytes, streamed from the store chunk by chunk. */
    @Operation(operationId = "retrieveFileContent")
    @GetMapping(path = "/v1/files/{id}/content")
    public ResponseEntity<InputStreamResource> content(@PathVariable String id, HttpServletRequest request) {
        StoredFile file = visible(id, request);
        InputStream content = files.open(id).orElseThrow(() -> notFound(id));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(file.bytes())
                .body(new InputStreamResource(content));
    }

    @Operation(operationId = "deleteFile")
    @DeleteMapping(path = "/v1/files/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public FileDeleted delete(@PathVariable String id, HttpServletRequest request) {
        visible(id, request);
        if (!files.delete(id)) {
            throw notFound(id);
        }
        return FileDeleted.of(id);
    }

    static RouterException notFound(String id) {
        return new RouterException(
                ErrorKind.NOT_FOUND, "No such File object: " + JsonBodies.echo(id) + ".", "id", "file_not_found");
    }
}
