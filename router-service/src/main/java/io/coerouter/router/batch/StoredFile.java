package io.coerouter.router.batch;

import com.fasterxml.jackson.annotation.JsonProperty;

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
 */
public record StoredFile(
        String id,
        String object,
        long bytes,
        @JsonProperty("created_at") long createdAt,
        String filename,
        String purpose,
        String status) {

    static StoredFile of(String id, long bytes, long createdAt, String filename, String purpose) {
        return new StoredFile(id, "file", bytes, createdAt, filename, purpose, "processed");
    }
}
