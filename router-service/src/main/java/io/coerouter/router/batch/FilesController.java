package io.coerouter.router.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.error.ApiException;
import io.coerouter.router.keys.KeyAccess;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
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

    public FilesController(FileStore files) {
        this.files = files;
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
     * whether or not it names a file name (some clients send bytes without one).
     */
    @PostMapping(path = "/v1/files", produces = MediaType.APPLICATION_JSON_VALUE)
    public StoredFile upload(HttpServletRequest request) throws IOException, ServletException {
        if (request.getContentType() == null || !request.getContentType().startsWith("multipart/")) {
            throw ApiException.invalid(
                    "file",
                    "invalid_request",
                    "Upload files as multipart/form-data with the fields 'file' and 'purpose'.");
        }
        String purpose = request.getParameter("purpose");
        Part part = request.getPart("file");
        if (purpose == null || purpose.isBlank()) {
            throw ApiException.invalid(
                    "purpose", "missing_required_parameter", "Missing required parameter: 'purpose'.");
        }
        if (!"batch".equals(purpose)) {
            throw ApiException.invalid(
                    "purpose",
                    "invalid_value",
                    "Invalid purpose '" + purpose + "'; CoE Router stores files for purpose 'batch'.");
        }
        if (part == null) {
            throw ApiException.invalid("file", "missing_required_parameter", "Missing required parameter: 'file'.");
        }
        byte[] content;
        try (var in = part.getInputStream()) {
            content = in.readAllBytes();
        }
        if (content.length == 0) {
            throw ApiException.invalid("file", "invalid_value", "The uploaded file is empty.");
        }
        String name = part.getSubmittedFileName() == null
                        || part.getSubmittedFileName().isBlank()
                ? "upload.jsonl"
                : part.getSubmittedFileName();
        return files.put(name, purpose, content, KeyAccess.keyId(request));
    }

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

    @GetMapping(path = "/v1/files/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public StoredFile get(@PathVariable String id, HttpServletRequest request) {
        return visible(id, request);
    }

    /** The file {@code id} if the caller's key may see it; another key's file is as absent as a missing one. */
    private StoredFile visible(String id, HttpServletRequest request) {
        return files.find(id).filter(f -> f.visibleTo(KeyAccess.keyId(request))).orElseThrow(() -> notFound(id));
    }

    @GetMapping(path = "/v1/files/{id}/content")
    public ResponseEntity<byte[]> content(@PathVariable String id, HttpServletRequest request) {
        visible(id, request);
        byte[] content = files.content(id).orElseThrow(() -> notFound(id));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(content.length)
                .body(content);
    }

    @DeleteMapping(path = "/v1/files/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Deleted delete(@PathVariable String id, HttpServletRequest request) {
        visible(id, request);
        if (!files.delete(id)) {
            throw notFound(id);
        }
        return new Deleted(id, "file", true);
    }

    static ApiException notFound(String id) {
        return new ApiException(
                HttpStatus.NOT_FOUND,
                ApiException.INVALID_REQUEST,
                "No such File object: " + id + ".",
                "id",
                "file_not_found");
    }
}
