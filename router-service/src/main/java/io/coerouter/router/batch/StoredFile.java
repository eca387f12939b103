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
 * @param apiKeyId the gateway API key that uploaded or (for output files) ran it; only that key sees it. Null when
 *     auth is off
 */
public record StoredFile(
        String id,
        String object,
        long bytes,
        @JsonProperty("created_at") long createdAt,
        String filename,
        String purpose,
        String status,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                @JsonProperty("api_key_id")
                String apiKeyId) {

    static StoredFile of(String id, long bytes, long createdAt, String filename, String purpose, String apiKeyId) {
        return new StoredFile(id, "file", bytes, createdAt, filename, purpose, "processed", apiKeyId);
    }

    /** Whether the caller with {@code apiKeyId} (null: no key, auth off) may see this file. */
    public boolean visibleTo(String callerKeyId) {
        return callerKeyId == null || callerKeyId.equals(apiKeyId);
    }
}
