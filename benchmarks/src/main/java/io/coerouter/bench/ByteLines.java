package io.coerouter.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buffered reader of HTTP/1.1 lines and bodies on one connection, shared by the load generator's client and the
 * loopback upstream: lines without CRLF, fixed-length and chunked bodies copied to a sink or skipped.
 */
final class ByteLines {

    private final InputStream in;
    private final String what;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int limit;
    private long received;

    /** @param what "request" or "response", for messages */
    ByteLines(InputStream in, String what) {
        this.in = in;
        this.what = what;
    }

    /** Bytes read from the connection so far. */
    long received() {
        return received;
    }

    /** One line without CRLF, or null at end of stream before any byte of it. */
    String readLine() throws IOException {
        int start = pos;
        // each pass reads at least one byte, and fill() fails once a line outgrows the buffer
        for (int pass = 0; pass <= buf.length; pass++) {
            for (int i = start; i < limit; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return line;
                }
            }
            int consumed = limit - pos;
            if (!fill()) {
                if (consumed == 0) {
                    return null;
                }
                throw new IOException("connection closed in the middle of a " + what + " line");
            }
            start = pos + consumed;
        }
        throw new IOException(what + " line longer than " + buf.length + " bytes");
    }

    /** One line; the end of the stream is an error. */
    String requireLine() throws IOException {
        String line = readLine();
        if (line == null) {
            throw new IOException("connection closed in a " + what);
        }
        return line;
    }

    /** The next {@code n} bytes, copied to {@code sink}, or skipped when it is null. */
    void read(long n, OutputStream sink) throws IOException {
        long left = n;
        while (left > 0) {
            if (pos == limit && !fill()) {
                throw new IOException("connection closed in a " + what + " body");
            }
            int take = (int) Math.min(left, limit - pos);
            if (sink != null) {
                sink.write(buf, pos, take);
            }
            pos += take;
            left -= take;
        }
    }

    /** A chunked body and its trailers, copied to {@code sink} or skipped. */
    void readChunked(OutputStream sink) throws IOException {
        for (int chunks = 0; chunks < 1_000_000; chunks++) {
            String size = requireLine();
            int semi = size.indexOf(';');
            long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                // trailers, up to the empty line
                for (int t = 0; t < 200; t++) {
                    String trailer = readLine();
                    if (trailer == null || trailer.isEmpty()) {
                        return;
                    }
                }
                throw new IOException("too many trailers");
            }
            read(n, sink);
            readLine(); // the CRLF after the chunk
        }
        throw new IOException("too many chunks");
    }

    /** Everything until the peer closes, copied to {@code sink} or skipped (bounded). */
    void readToEnd(OutputStream sink) throws IOException {
        for (int i = 0; i < 1_000_000 && (pos < limit || fill()); i++) {
            if (sink != null) {
                sink.write(buf, pos, limit - pos);
            }
            pos = limit;
        }
    }

    private boolean fill() throws IOException {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        }
        if (limit == buf.length) {
            if (pos == 0) {
                throw new IOException(what + " line longer than " + buf.length + " bytes");
            }
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        received += n;
        return true;
    }
}
