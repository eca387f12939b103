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

    /** The largest whole body read into memory: far above any chat completion, far below the heap. */
    static final int MAX_BYTES = 32 * 1024 * 1024;

    /** The longest line of a stream (an SSE event's line): a provider's chunk is a few hundred bytes. */
    static final int MAX_STREAM_LINE = 1024 * 1024;

    /** The most a stream may send in all. */
    static final long MAX_STREAM_BYTES = 64L * 1024 * 1024;

    private final InputStream in;
    private final SocketModalCloseable connection;
    private final Cancellable exchange;
    private final AutoCloseable response;
    private final StreamDeadline stream;
    private final long deadline;
    private final long length;
    private final boolean streamed;
    private long timeoutMillis = -1;
    private long streamedBytes;
    private long lineLength;
    private boolean eof;
    private boolean closed;

    /**
     * @param in the entity's content
     * @param connection the connection it is read from (its socket timeout is set per read), or null
     * @param exchange aborts the exchange, closing its connection
     * @param response closed with the body
     * @param stream the stream's limits, or null for a plain exchange
     * @param deadline the plain exchange's deadline ({@link System#nanoTime()}), when {@code stream} is null
     * @param length the body's Content-Length, -1 when the response has none (chunked, or read to the close)
     * @param streamed whether it is a stream, read line by line (its lines and its size are bounded)
     */
    ResponseBody(
            InputStream in,
            SocketModalCloseable connection,
            Cancellable exchange,
            AutoCloseable response,
            StreamDeadline stream,
            long deadline,
            long length,
            boolean streamed) {
        this.in = in;
        this.connection = connection;
        this.exchange = exchange;
        this.response = response;
        this.stream = stream;
        this.deadline = deadline;
        this.length = length;
        this.streamed = streamed;
    }

    @Override
    public int read() throws IOException {
        beforeRead();
        try {
            int b = in.read();
            eof = b < 0;
            if (b >= 0 && streamed) {
                counted(b == '\n' ? 0 : 1, b == '\n' ? 1 : 0, 1);
            }
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
            if (n > 0 && streamed) {
                int lastNewline = -1;
                for (int i = offset + n - 1; i >= offset; i--) {
                    if (buffer[i] == '\n') {
                        lastNewline = i;
                        break;
                    }
                }
                counted(lastNewline < 0 ? n : offset + n - 1 - lastNewline, lastNewline < 0 ? 0 : 1, n);
            }
            return n;
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    /**
     * Reads the rest: the body of a whole answer or of an error, at most {@link #MAX_BYTES} (a larger one aborts the
     * exchange). With a Content-Length the array is allocated once, at its size.
     */
    byte[] readAll() throws IOException {
        if (length > MAX_BYTES) {
            abort();
            throw new IOException(
                    "the response body has " + length + " bytes, more than the " + MAX_BYTES + " allowed");
        }
        byte[] body = length >= 0 ? readNBytes((int) length) : readNBytes(MAX_BYTES);
        if (read() >= 0) {
            abort();
            throw new IOException("the response body is longer than " + (length >= 0 ? length : MAX_BYTES) + " bytes");
        }
        eof = true;
        return body;
    }

    /**
     * Counts a stream's bytes: {@code tail} bytes after the last line break read ({@code newlines} > 0) or added to
     * the current line (none), {@code n} in all. Past a limit the exchange is aborted.
     */
    private void counted(int tail, int newlines, int n) throws IOException {
        lineLength = newlines > 0 ? tail : lineLength + tail;
        streamedBytes += n;
        if (lineLength > MAX_STREAM_LINE || streamedBytes > MAX_STREAM_BYTES) {
            abort();
            throw new IOException(
                    lineLength > MAX_STREAM_LINE
                            ? "the stream sent a line longer than " + MAX_STREAM_LINE + " bytes"
                            : "the stream sent more than " + MAX_STREAM_BYTES + " bytes");
        }
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
