package io.coerouter.router.batch;

/**
 * A file the store holds: uploaded for a batch, or written by one. How the stores keep it is {@code StoredFileRecord};
 * how the API shows it, the web edge's file object.
 *
 * @param id {@code file-...}
 * @param bytes its size
 * @param createdAt when it was stored (epoch seconds)
 * @param filename the name it was uploaded or written with
 * @param purpose {@code batch} for uploads, {@code batch_output} for a batch's output and error files
 * @param apiKeyId the gateway API key that uploaded or (for output files) ran it; only that key sees it. Null when
 *     auth is off
 */
public record StoredFile(String id, long bytes, long createdAt, String filename, String purpose, String apiKeyId) {

    static StoredFile of(String id, long bytes, long createdAt, String filename, String purpose, String apiKeyId) {
        return new StoredFile(id, bytes, createdAt, filename, purpose, apiKeyId);
    }

    /** Whether the caller with {@code apiKeyId} (null: no key, auth off) may see this file. */
    public boolean visibleTo(String callerKeyId) {
        return callerKeyId == null || callerKeyId.equals(apiKeyId);
    }
}
