package io.coerouter.router.batch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A file's description as the Redis store keeps it: versioned JSON, field for field the description it has always
 * stored (so one stored before {@code schema_version} existed, version 0, reads as the same file), with {@code
 * schema_version} {@value #VERSION} first. A record without {@code schema_version} (null here) is version 0.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record StoredFileRecord(
        @JsonProperty("schema_version") Integer schemaVersion,
        String id,
        String object,
        long bytes,
        @JsonProperty("created_at") long createdAt,
        String filename,
        String purpose,
        String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("api_key_id") String apiKeyId) {

    /** The version this router writes. */
    static final int VERSION = 1;

    static StoredFileRecord of(StoredFile file) {
        return new StoredFileRecord(
                VERSION,
                file.id(),
                "file",
                file.bytes(),
                file.createdAt(),
                file.filename(),
                file.purpose(),
                "processed",
                file.apiKeyId());
    }

    /**
     * The file this record describes, of this version or an earlier one.
     *
     * @throws IllegalStateException for a version this router does not know (written by a newer router)
     */
    StoredFile toFile() {
        if (schemaVersion != null && schemaVersion > VERSION) {
            throw new IllegalStateException("file " + id + " is stored with schema_version " + schemaVersion
                    + "; this router reads up to " + VERSION);
        }
        return new StoredFile(id, bytes, createdAt, filename, purpose, apiKeyId);
    }
}
