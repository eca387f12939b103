package io.coerouter.router.streaming;

import java.io.IOException;

/**
 * Where a {@link DecoupledStream} writes: the client's connection. Called on the stream's writer thread only, in
 * order; any {@link IOException} (or unchecked one) means the client is gone.
 *
 * @param <E> how the answer ends
 */
public interface StreamSink<E> {

    /** Sends answer text (possibly several tokens coalesced). */
    void text(String text) throws IOException;

    /** Sends a keep-alive (the first call also starts the response). */
    void keepAlive() throws IOException;

    /** Sends the end of the answer; nothing follows. */
    void end(E end) throws IOException;
}
