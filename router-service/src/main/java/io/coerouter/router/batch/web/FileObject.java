package io.coerouter.router.batch.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.batch.StoredFile;

/**
 * A file as {@code /v1/files} describes it, field for field as OpenAI does.
 *
 * @param id {@code file-...}
 * @param object always {@code file}
 * @param bytes its size
 * @param createdAt when it was stored (epoch seconds)
 * @param filename the name it was uploaded or written with
 * @param purpose {@code batch} for uploads, {@code batch_output} for a batch's output and error files
 * @param status always {@code processed} (OpenAI's deprecated field, kept for clients that read it)
 * @param apiKeyId the gateway API key that uploaded or (for output files) ran it; absent when auth is off
 */
public record FileObject(
        String id,
        String object,
        long bytes,
        @JsonProperty("created_at") long createdAt,
        String filename,
        String purpose,
        String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("api_key_id") String apiKeyId) {

    static FileObject of(StoredFile file) {
        return new FileObject(
                file.id(),
                "file",
                file.bytes(),
                file.createdAt(),
                file.filename(),
                file.purpose(),
                "processed",
                file.apiKeyId());
    }
}
