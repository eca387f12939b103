package io.coerouter.router.batch;

import io.coerouter.router.ids.Ids;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Where uploaded and written files live; in memory by default, replaceable by a shared store. Content goes in and
 * comes out as streams, held in chunks of {@link #CHUNK_BYTES}, so no file is ever one array or one store command.
 */
public interface FileStore {

    /** The most bytes a store holds or moves as one piece. */
    int CHUNK_BYTES = 256 * 1024;

    /**
     * Stores what {@code content} holds, read chunk by chunk to its end, under a new id owned by API key {@code
     * apiKeyId} (null: none). When reading fails nothing is kept and the exception is passed on.
     */
    StoredFile put(String filename, String purpose, InputStream content, String apiKeyId) throws IOException;

    /** Stores {@code content}, owned by API key {@code apiKeyId} (null: none). */
    default StoredFile put(String filename, String purpose, byte[] content, String apiKeyId) {
        try {
            return put(filename, purpose, new ByteArrayInputStream(content), apiKeyId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<StoredFile> find(String id);

    /** Whether {@code id} is a file id as the stores make them ({@code file-} and letters and digits). */
    static boolean validId(String id) {
        return Ids.valid("file-", id);
    }

    /** The content of {@code id}, read chunk by chunk as the stream is read; the caller closes it. */
    Optional<InputStream> open(String id);

    /** The content of {@code id} as one array: for small files only. */
    default Optional<byte[]> content(String id) {
        return open(id).map(in -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Every file, newest first, of {@code purpose} when it is not null. */
    List<StoredFile> list(String purpose);

    /** Removes {@code id}; returns whether it was there. Its bytes no longer count in {@link #usage}. */
    boolean delete(String id);

    /** What the store holds: in all, and for API key {@code apiKeyId} (null: the files no key owns). */
    Usage usage(String apiKeyId);

    /**
     * Bytes and files held.
     *
     * @param storedBytes the bytes of every file
     * @param keyBytes the bytes of one key's files
     * @param keyFiles how many files that key holds
     */
    record Usage(long storedBytes, long keyBytes, long keyFiles) {}

    /** A store in this process's memory: files are lost on restart. */
    static FileStore inMemory(Clock clock) {
        return new InMemoryFileStore(clock);
    }
}
