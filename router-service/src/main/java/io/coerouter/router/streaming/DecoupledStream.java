package io.coerouter.router.streaming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One streamed response, produced and consumed at their own paces: the producer (the thread calling the expert)
 * writes into a {@link ResponseBuffer} and never waits for the client, while a virtual thread of its own drains the
 * buffer into a {@link StreamSink} at the client's pace. A client that disconnects, stops reading or falls too far
 * behind is given up on (see {@link Abandonment}) without the producer noticing anything but dropped text: the
 * expert's call finishes, and its slot is released, whatever the client does.
 *
 * <p>{@link #close()} waits for the writer, which ends when everything is written, when a write fails, or when the
 * response is abandoned; a write blocked in the socket ends when the server's own write timeout fails it.
 *
 * @param <E> how the answer ends
 */
public final class DecoupledStream<E> implements AutoCloseable {

    private final ResponseBuffer<E> buffer;
    private final StreamSink<E> sink;
    private final Duration checkEvery;
    private final Thread writer;

    private DecoupledStream(
            StreamConfig config, Clock clock, StreamSink<E> sink, Consumer<Abandonment> onAbandoned, String name) {
        this.buffer = new ResponseBuffer<>(config, clock, onAbandoned);
        this.sink = Objects.requireNonNull(sink, "sink must not be null");
        Duration idle = config.idleTimeout();
        this.checkEvery = idle.compareTo(Duration.ofSeconds(1)) < 0 ? idle : Duration.ofSeconds(1);
        this.writer = Thread.ofVirtual().name(name).start(this::drain);
    }

    /**
     * Starts the writer thread for one response.
     *
     * @param onAbandoned told once when the client is given up on (for metrics)
     * @param name the writer thread's name
     */
    public static <E> DecoupledStream<E> start(
            StreamConfig config, Clock clock, StreamSink<E> sink, Consumer<Abandonment> onAbandoned, String name) {
        return new DecoupledStream<>(config, clock, sink, onAbandoned, name);
    }

    /** Hands answer text to the client; never blocks, never fails. A {@link io.coerouter.expert.TokenListener}. */
    public void append(String text) {
        buffer.append(text);
    }

    /** Asks for a keep-alive (it starts the response); never blocks, never fails. */
    public void keepAlive() {
        buffer.keepAlive();
    }

    /** Ends the answer with {@code last}, sent after the text before it. */
    public void end(E last) {
        buffer.end(last);
    }

    /**
     * Ends the stream before anything was sent, when nothing was: the caller may then answer with an HTTP error.
     *
     * @return false when something was already handed to the client (the response has started)
     */
    public boolean discardIfUnused() {
        return buffer.discardIfUnused();
    }

    /** Why the client was given up on, if it was. */
    public Optional<Abandonment> abandoned() {
        return buffer.abandoned();
    }

    /**
     * Waits for the writer to send what is left and finish, abandoning the response if a write stays blocked past the
     * idle timeout. Nothing may be appended after this.
     */
    @Override
    public void close() {
        buffer.producerDone();
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                if (!writer.join(checkEvery)) {
                    buffer.checkIdle();
                }
            } catch (InterruptedException e) {
                interrupted = true;
                buffer.abandon(Abandonment.CLIENT_GONE);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        try {
            while (true) {
                Optional<ResponseBuffer.Batch<E>> next = buffer.take();
                if (next.isEmpty()) {
                    return;
                }
                ResponseBuffer.Batch<E> batch = next.get();
                try {
                    if (batch.text().isEmpty() && batch.end() == null) {
                        sink.keepAlive();
                    }
                    if (!batch.text().isEmpty()) {
                        sink.text(batch.text());
                    }
                    if (batch.end() != null) {
                        sink.end(batch.end());
                        return;
                    }
                } finally {
                    buffer.written();
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException clientGone) {
            // IllegalStateException: the container refusing a write on a response it already closed.
            buffer.abandon(Abandonment.CLIENT_GONE);
        } catch (InterruptedException e) {
            buffer.abandon(Abandonment.CLIENT_GONE);
            Thread.currentThread().interrupt();
        }
    }
}
