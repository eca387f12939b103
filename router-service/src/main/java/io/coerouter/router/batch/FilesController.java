package io.coerouter.router.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.keys.KeyAccess;
import io.coerouter.router.openapi.ApiSchemas;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.tomcat.util.http.fileupload.FileItem;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.UploadContext;
import org.apache.tomcat.util.http.fileupload.disk.DiskFileItemFactory;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
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

    /** Room in an upload's body for the form fields and part headers around its file. */
    public static final long FRAMING = 64 * 1024;

    /** Parts smaller than this stay in memory; larger ones spill to disk. */
    private static final int IN_MEMORY_BYTES = 8 * 1024;

    /** Parts in one upload's form: {@code purpose}, {@code file}, and a few a client may add. */
    private static final long MAX_PARTS = 16;

    /** The headers of one part; a longer section (a huge file name, say) is a 400. */
    private static final int MAX_PART_HEADER_BYTES = 8 * 1024;

    private static final int MAX_FILE_NAME_CHARS = 255;
    private static final int MAX_PURPOSE_BYTES = 64;

    private final FileStore files;
    private final UploadLimits limits;

    FilesController(FileStore files, UploadLimits limits) {
        this.files = files;
        this.limits = limits;
    }

    /** A page of files, as OpenAI lists them. */
    public record FileList(
            String object,
            List<StoredFile> data,
            @JsonProperty("first_id") String firstId,
            @JsonProperty("last_id") String lastId,
            @JsonProperty("has_more") boolean hasMore) {}

    public record Deleted(String id, String object, boolean deleted) {}

    /**
     * Stores an uploaded file: multipart/form-data with {@code purpose} and {@code file}. The file part is read
     * whether or not it names a file name (some clients send bytes without one). The upload is admitted by the {@link
     * UploadLimits} before its body is read, the body is parsed here from the request's stream as it is received
     * (watched for the upload's deadline), every part past a few kilobytes spills to disk, and the file's bytes go to
     * the store in chunks: no file is ever held whole in memory.
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
    public StoredFile upload(HttpServletRequest request) throws IOException {
        if (request.getContentType() == null || !request.getContentType().startsWith("multipart/")) {
            throw RouterException.invalid(
                    "file",
                    "invalid_request",
                    "Upload files as multipart/form-data with the fields 'file' and 'purpose'.");
        }
        String owner = KeyAccess.keyId(request);
        try (UploadLimits.Upload upload = limits.begin(owner, request.getContentLengthLong())) {
            List<FileItem> items = parse(request, upload);
            try {
                FileItem purposeItem = item(items, "purpose");
                FileItem part = item(items, "file");
                String purpose = purposeItem == null || purposeItem.getSize() > MAX_PURPOSE_BYTES
                        ? null
                        : purposeItem.getString(StandardCharsets.UTF_8.name());
                if (purposeItem == null || (purpose != null && purpose.isBlank())) {
                    throw RouterException.invalid(
                            "purpose", "missing_required_parameter", "Missing required parameter: 'purpose'.");
                }
                if (!"batch".equals(purpose)) {
                    throw RouterException.invalid(
                            "purpose",
                            "invalid_value",
                            "Invalid purpose; CoE Router stores files for purpose 'batch'.");
                }
                if (part == null) {
                    throw RouterException.invalid(
                            "file", "missing_required_parameter", "Missing required parameter: 'file'.");
                }
                String name = fileName(part.getName());
                try (PushbackInputStream content = new PushbackInputStream(upload.guard(part.getInputStream()), 1)) {
                    int first = content.read();
                    if (first < 0) {
                        throw RouterException.invalid("file", "invalid_value", "The uploaded file is empty.");
                    }
                    content.unread(first);
                    return files.put(name, purpose, content, owner);
                }
            } finally {
                items.forEach(FileItem::delete);
            }
        } catch (UploadLimits.RefusedException e) {
            throw refused(e.refusal());
        }
    }

    /** The body's parts, read from the request's stream through the upload's deadline watch. */
    private List<FileItem> parse(HttpServletRequest request, UploadLimits.Upload upload)
            throws UploadLimits.RefusedException {
        Object tempDir = request.getServletContext().getAttribute(ServletContext.TEMPDIR);
        FileUpload parser = new FileUpload();
        parser.setFileItemFactory(new DiskFileItemFactory(
                IN_MEMORY_BYTES, tempDir instanceof File dir ? dir : new File(System.getProperty("java.io.tmpdir"))));
        parser.setFileSizeMax(limits.maxFileBytes());
        parser.setSizeMax(limits.maxFileBytes() + FRAMING);
        parser.setFileCountMax(MAX_PARTS);
        parser.setPartHeaderSizeMax(MAX_PART_HEADER_BYTES);
        parser.setHeaderEncoding(StandardCharsets.UTF_8.name());
        try {
            InputStream body = upload.watch(request.getInputStream());
            return parser.parseRequest(new UploadContext() {
                @Override
                public String getCharacterEncoding() {
                    return request.getCharacterEncoding();
                }

                @Override
                public String getContentType() {
                    return request.getContentType();
                }

                @Override
                public InputStream getInputStream() {
                    return body;
                }

                @Override
                public long contentLength() {
                    return request.getContentLengthLong();
                }
            });
        } catch (IOException | RuntimeException e) {
            // The parser fails with exceptions of its own too (an invalid file name, a malformed part header): every
            // one of them is a body that could not be read, never a 500.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof UploadLimits.RefusedException refused) {
                    throw refused;
                }
                if (t instanceof RouterException answer) {
                    throw answer; // the body's size limit (RequestSizeLimitFilter)
                }
            }
            throw unreadable(e);
        }
    }

    private static FileItem item(List<FileItem> items, String field) {
        return items.stream()
                .filter(i -> field.equals(i.getFieldName()))
                .findFirst()
                .orElse(null);
    }

    /** The file's name as sent; none: {@code upload.jsonl}. A name too long or with control characters is refused. */
    private static String fileName(String submitted) {
        if (submitted == null || submitted.isBlank()) {
            return "upload.jsonl";
        }
        if (submitted.length() > MAX_FILE_NAME_CHARS) {
            throw RouterException.invalid(
                    "file", "invalid_value", "The file name is longer than " + MAX_FILE_NAME_CHARS + " characters.");
        }
        if (submitted.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw RouterException.invalid("file", "invalid_value", "The file name contains control characters.");
        }
        return submitted;
    }

    /** How each refusal is answered: one file too large is 413, a full quota or too many uploads at once 429. */
    private RouterException refused(UploadLimits.Refusal refusal) {
        return switch (refusal) {
            case FILE_TOO_LARGE ->
                new RouterException(
                        ErrorKind.TOO_LARGE,
                        "The uploaded file is larger than the limit (coe.batch.max-file-size).",
                        "file",
                        "file_too_large");
            case TOO_MANY_UPLOADS ->
                new RouterException(
                        ErrorKind.RATE_LIMITED,
                        "Too many uploads at once (coe.batch.max-concurrent-uploads); retry shortly.",
                        null,
                        "too_many_concurrent_uploads",
                        Duration.ofSeconds(1),
                        null);
            case KEY_UPLOADS ->
                new RouterException(
                        ErrorKind.RATE_LIMITED,
                        "This API key is sending as many uploads at once as a key may"
                                + " (coe.batch.max-concurrent-uploads-per-key); retry shortly.",
                        null,
                        "too_many_concurrent_uploads",
                        Duration.ofSeconds(1),
                        null);
            case UPLOAD_TIMEOUT ->
                new RouterException(
                        ErrorKind.REQUEST_TIMEOUT,
                        "The upload took longer than the limit (coe.batch.upload-timeout); nothing was stored.",
                        "file",
                        "upload_timeout");
            case STORAGE_FULL -> quota("The file store is full (coe.batch.max-stored-bytes); delete files and retry.");
            case KEY_BYTES ->
                quota("This API key's files hold as many bytes as a key may (coe.batch.max-key-bytes);"
                        + " delete files and retry.");
            case KEY_FILES ->
                quota("This API key holds as many files as a key may (coe.batch.max-key-files);"
                        + " delete files and retry.");
        };
    }

    /**
     * A body that could not be parsed: a part's headers too long or too many parts (400), too large (413), or not the
     * multipart form an upload is (400).
     */
    private RouterException unreadable(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SizeException size && size.getPermittedSize() == MAX_PART_HEADER_BYTES) {
                return RouterException.invalid(
                        "file",
                        "invalid_value",
                        "A part's headers are longer than " + MAX_PART_HEADER_BYTES
                                + " bytes (a file name that long is not accepted).");
            }
            if (t instanceof FileCountLimitExceededException) {
                return RouterException.invalid(
                        "file", "invalid_value", "The form has more than " + MAX_PARTS + " parts.");
            }
            if (t instanceof SizeException) {
                return refused(UploadLimits.Refusal.FILE_TOO_LARGE);
            }
        }
        return RouterException.invalid(
                "file",
                "invalid_request",
                "The body is not multipart/form-data with the fields 'file' and 'purpose' that could be read.");
    }

    private static RouterException quota(String message) {
        return new RouterException(ErrorKind.QUOTA_EXCEEDED, message, "file", "insufficient_quota");
    }

    @Operation(operationId = "listFiles")
    @GetMapping(path = "/v1/files", produces = MediaType.APPLICATION_JSON_VALUE)
    public FileList list(@RequestParam(name = "purpose", required = false) String purpose, HttpServletRequest request) {
        String caller = KeyAccess.keyId(request);
        List<StoredFile> all =
                files.list(purpose).stream().filter(f -> f.visibleTo(caller)).toList();
        return new FileList(
                "list",
                all,
                all.isEmpty() ? null : all.getFirst().id(),
                all.isEmpty() ? null : all.getLast().id(),
                false);
    }

    @Operation(operationId = "retrieveFile")
    @GetMapping(path = "/v1/files/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public StoredFile get(@PathVariable String id, HttpServletRequest request) {
        return visible(id, request);
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
    public Deleted delete(@PathVariable String id, HttpServletRequest request) {
        visible(id, request);
        if (!files.delete(id)) {
            throw notFound(id);
        }
        return new Deleted(id, "file", true);
    }

    static RouterException notFound(String id) {
        return new RouterException(
                ErrorKind.NOT_FOUND, "No such File object: " + JsonBodies.echo(id) + ".", "id", "file_not_found");
    }
}
