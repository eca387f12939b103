package io.coerouter.router.batch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The limits on {@code POST /v1/files}: uploads received at once by this router, one file's size, the bytes all files
 * hold, and the bytes and files of one API key. An upload is admitted with what the store holds now plus what other
 * uploads on this router have received so far, and its stream is cut off the moment it passes what it may still add.
 * One API key holds at most its share of the uploads at once, and no upload holds its place longer than the upload
 * timeout: its body is read through {@link Upload#watch}, which cuts it off at the first read past its deadline (a
 * client that sends nothing at all is cut off by the container's read timeout, {@code
 * server.tomcat.connection-timeout}).
 */
public final class UploadLimits {

    /** Why an upload is refused. */
    public enum Refusal {
        /** This router is receiving as many uploads as it may. */
        TOO_MANY_UPLOADS,
        /** This API key is sending as many uploads at once as one key may. */
        KEY_UPLOADS,
        /** The upload took longer than an upload may. */
        UPLOAD_TIMEOUT,
        /** The file is larger than one file may be. */
        FILE_TOO_LARGE,
        /** All files together would hold more than the store may. */
        STORAGE_FULL,
        /** The key's files would hold more bytes than a key may. */
        KEY_BYTES,
        /** The key holds as many files as a key may. */
        KEY_FILES
    }

    /** An upload refused, for {@link Refusal why}. */
    public static final class RefusedException extends IOException {

        private final Refusal refusal;

        RefusedException(Refusal refusal) {
            super("upload refused: " + refusal, null);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private static final String NO_KEY = "";

    /** Room in an upload's body for the form fields and part headers around its file. */
    public static final long FRAMING = 64 * 1024;

    private final FileStore files;
    private final long maxFileBytes;
    private final long maxStoredBytes;
    private final long maxKeyBytes;
    private final long maxKeyFiles;
    private final Semaphore uploads;
    private final int maxUploadsPerKey;
    private final long timeoutNanos;
    private final Map<String, Integer> uploadsByKey = new HashMap<>();
    private final AtomicLong receiving = new AtomicLong();
    private final Map<String, AtomicLong> receivingByKey = new ConcurrentHashMap<>();

    UploadLimits(
            FileStore files,
            long maxFileBytes,
            long maxStoredBytes,
            long maxKeyBytes,
            long maxKeyFiles,
            int maxConcurrentUploads,
            int maxUploadsPerKey,
            Duration uploadTimeout) {
        this.files = files;
        this.maxFileBytes = maxFileBytes;
        this.maxStoredBytes = maxStoredBytes;
        this.maxKeyBytes = maxKeyBytes;
        this.maxKeyFiles = maxKeyFiles;
        this.uploads = new Semaphore(maxConcurrentUploads);
        this.maxUploadsPerKey = maxUploadsPerKey;
        this.timeoutNanos = uploadTimeout.toNanos();
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    /**
     * Admits one upload by API key {@code apiKeyId} (null: none) that says it is {@code declaredBytes} long (-1:
     * unknown); close the returned upload when it is done. Without a key (auth off) there is one
     * owner and no share to keep: only the router's limit applies.
     *
     * @throws RefusedException when a limit is reached already
     */
    public Upload begin(String apiKeyId, long declaredBytes) throws RefusedException {
        if (declaredBytes > maxFileBytes) {
            throw new RefusedException(Refusal.FILE_TOO_LARGE);
        }
        if (!uploads.tryAcquire()) {
            throw new RefusedException(Refusal.TOO_MANY_UPLOADS);
        }
        if (apiKeyId != null && !takeKeyShare(apiKeyId)) {
            uploads.release();
            throw new RefusedException(Refusal.KEY_UPLOADS);
        }
        try {
            String key = apiKeyId == null ? NO_KEY : apiKeyId;
            AtomicLong keyReceiving = receivingByKey.computeIfAbsent(key, k -> new AtomicLong());
            FileStore.Usage usage = files.usage(apiKeyId);
            if (usage.keyFiles() >= maxKeyFiles) {
                throw new RefusedException(Refusal.KEY_FILES);
            }
            long storedRoom = maxStoredBytes - usage.storedBytes() - receiving.get();
            long keyRoom = maxKeyBytes - usage.keyBytes() - keyReceiving.get();
            // A declared length counts the multipart framing too: refused early only when clearly over.
            long fileAtLeast = declaredBytes - FRAMING;
            if (storedRoom <= 0 || fileAtLeast > storedRoom) {
                throw new RefusedException(Refusal.STORAGE_FULL);
            }
            if (keyRoom <= 0 || fileAtLeast > keyRoom) {
                throw new RefusedException(Refusal.KEY_BYTES);
            }
            return new Upload(apiKeyId, key, keyReceiving, storedRoom, keyRoom);
        } catch (RefusedException | RuntimeException e) {
            if (apiKeyId != null) {
                releaseKeyShare(apiKeyId);
            }
            uploads.release();
            throw e;
        }
    }

    private synchronized boolean takeKeyShare(String apiKeyId) {
        int held = uploadsByKey.getOrDefault(apiKeyId, 0);
        if (held >= maxUploadsPerKey) {
            return false;
        }
        uploadsByKey.put(apiKeyId, held + 1);
        return true;
    }

    private synchronized void releaseKeyShare(String apiKeyId) {
        uploadsByKey.computeIfPresent(apiKeyId, (k, held) -> held <= 1 ? null : held - 1);
    }

    /** One admitted upload: its guarded stream, and its place among the uploads at once until closed. */
    public final class Upload implements AutoCloseable {

        private final String apiKeyId;
        private final String key;
        private final AtomicLong keyReceiving;
        private final long deadline = System.nanoTime() + timeoutNanos;
        private final long storedRoom;
        private final long keyRoom;
        private long received;
        private boolean closed;

        private Upload(String apiKeyId, String key, AtomicLong keyReceiving, long storedRoom, long keyRoom) {
            this.apiKeyId = apiKeyId;
            this.key = key;
            this.keyReceiving = keyReceiving;
            this.storedRoom = storedRoom;
            this.keyRoom = keyRoom;
        }

        /**
         * The request's body {@code in}, cut off with a {@link RefusedException} ({@link Refusal#UPLOAD_TIMEOUT}) at
         * the first read past this upload's deadline; a read that fails past it (the container's read timeout on a
         * client that went silent) is that refusal too.
         */
        public InputStream watch(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    check();
                    try {
                        return super.read();
                    } catch (IOException e) {
                        throw late(e);
                    }
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    check();
                    try {
                        return super.read(buffer, offset, length);
                    } catch (IOException e) {
                        throw late(e);
                    }
                }

                private void check() throws RefusedException {
                    if (System.nanoTime() - deadline > 0) {
                        throw new RefusedException(Refusal.UPLOAD_TIMEOUT);
                    }
                }

                /** The container wraps its read timeout (a ClientAbortException around a SocketTimeoutException). */
                private IOException late(IOException e) {
                    boolean timedOut = System.nanoTime() - deadline > 0;
                    for (Throwable t = e; t != null && !timedOut; t = t.getCause()) {
                        timedOut = t instanceof SocketTimeoutException;
                    }
                    return timedOut ? new RefusedException(Refusal.UPLOAD_TIMEOUT) : e;
                }
            };
        }

        /** {@code in}, cut off with a {@link RefusedException} once it passes what this upload may add. */
        public InputStream guard(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }
            };
        }

        private void count(int n) throws RefusedException {
            received += n;
            receiving.addAndGet(n);
            keyReceiving.addAndGet(n);
            if (received > maxFileBytes) {
                throw new RefusedException(Refusal.FILE_TOO_LARGE);
            }
            if (received > storedRoom) {
                throw new RefusedException(Refusal.STORAGE_FULL);
            }
            if (received > keyRoom) {
                throw new RefusedException(Refusal.KEY_BYTES);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            receiving.addAndGet(-received);
            if (keyReceiving.addAndGet(-received) == 0) {
                receivingByKey.remove(key, keyReceiving);
            }
            if (apiKeyId != null) {
                releaseKeyShare(apiKeyId);
            }
            uploads.release();
        }
    }
}
