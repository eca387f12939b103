package io.coerouter.router.batch;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Where uploaded and written files live; in memory by default, replaceable by a shared store. */
public interface FileStore {

    /** Stores {@code content} under a new id, owned by API key {@code apiKeyId} (null: none). */
    StoredFile put(String filename, String purpose, byte[] content, String apiKeyId);

    Optional<StoredFile> find(String id);

    Optional<byte[]> content(String id);

    /** Every file, newest first, of {@code purpose} when it is not null. */
    List<StoredFile> list(String purpose);

    /** Removes {@code id}; returns whether it was there. */
    boolean delete(String id);

    /** A store in this process's memory: files are lost on restart. */
    static FileStore inMemory(Clock clock) {
        return new InMemoryFileStore(clock);
    }
}
