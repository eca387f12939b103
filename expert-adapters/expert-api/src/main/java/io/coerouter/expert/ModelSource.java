package io.coerouter.expert;

import java.io.IOException;

/**
 * Something the pool can load: a model's bytes on disk and the way to turn them into a loaded, closeable handle.
 *
 * @param <M> the loaded handle
 */
public interface ModelSource<M extends AutoCloseable> {

    /** A stable id; the pool keeps one loaded copy per id. */
    String id();

    /** What the loaded model costs in device memory, in bytes (> 0). */
    long sizeBytes();

    /** The model's bytes, read from disk; the pool may keep them in its host tier. */
    byte[] readBytes() throws IOException;

    /** A loaded model made from {@code bytes}. */
    M load(byte[] bytes) throws Exception;
}
