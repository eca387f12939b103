package io.coerouter.expert.lc4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.SocketModalCloseable;
import org.apache.hc.core5.util.Timeout;

/**
 * A response body read on the caller's thread: before every read the socket's timeout is set to what is left of the
 * exchange's deadline (or of its stream's, {@link StreamDeadline}), and a cancelled stream or an interrupted thread
 * stops it. Read to its end, the connection goes back to the pool; closed before, failed or cancelled, the exchange is
 * aborted and its connection closed (never drained, never pooled).
 */
final class ResponseBody extends InputStream {

    private final InputStream in;
    private final SocketModalCloseable connection;
    private final Cancellable exchange;
    private final AutoCloseable response;
    private final StreamDeadline stream;
    private final long deadline;
    private long timeoutMillis = -1;
    private boolean eof;
    private boolean closed;

    /**
     * @param in the entity's content
     * @param connection the connection it is read from (its socket timeout is set per read), or null
     * @param exchange aborts the exchange, closing its connection
     * @param response closed with the body
     * @param stream the stream's limits, or null for a plain exchange
     * @param deadline the plain exchange's deadline ({@link System#nanoTime()}), when {@code stream} is null
     */
    ResponseBody(
            InputStream in,
            SocketModalCloseable connection,
            Cancellable exchange,
            AutoCloseable response,
            StreamDeadline stream,
            long deadline) {
        this.in = in;
        this.connection = connection;
        this.exchange = exchange;
        this.response = response;
        this.stream = stream;
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        beforeRead();
        try {
            int b = in.read();
            eof = b < 0;
            return b;
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        beforeRead();
        try {
            int n = in.read(buffer, offset, length);
            eof = n < 0;
            return n;
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Reads the rest: the body of a whole answer or of an error. */
    byte[] readAll() throws IOException {
        byte[] body = readAllBytes();
        eof = true;
        return body;
    }

    private void beforeRead() throws IOException {
        if (closed) {
            throw new IOException("the response body is closed");
        }
        if (Thread.currentThread().isInterrupted() || (stream != null && stream.isCancelled())) {
            abort();
            throw new InterruptedIOException("the exchange was cancelled");
        }
        long left = stream != null ? stream.remainingNanos() : deadline - System.nanoTime();
        if (left <= 0) {
            abort();
            throw new SocketTimeoutException("the exchange's deadline has passed");
        }
        long millis = millis(left);
        if (connection != null && millis != timeoutMillis) {
            connection.setSocketTimeout(Timeout.ofMilliseconds(millis));
            timeoutMillis = millis;
        }
    }

    /** {@code nanos} as a socket timeout: whole milliseconds, rounded up, so it never fires before the deadline. */
    static long millis(long nanos) {
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (!eof) {
            abort();
            return;
        }
        closed = true;
        closeQuietly(response); // read to its end: the connection is back in the pool already
    }

    /** Closes the connection now (a half-read body is never drained nor pooled). */
    void abort() {
        if (closed) {
            return;
        }
        closed = true;
        exchange.cancel();
        closeQuietly(response);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // the connection is closed either way
        }
    }
}
