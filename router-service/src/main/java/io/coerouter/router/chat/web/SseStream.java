package io.coerouter.router.chat.web;

import io.coerouter.router.error.RouterException;
import io.coerouter.router.error.web.HttpErrors;
import io.coerouter.router.openai.ChatCompletionResponses.Chunk;
import io.coerouter.router.openai.ChatCompletionResponses.ChunkChoice;
import io.coerouter.router.openai.ChatCompletionResponses.Delta;
import io.coerouter.router.openai.ChatCompletionResponses.Usage;
import io.coerouter.router.routing.RoutedAnswer;
import io.coerouter.router.streaming.StreamSink;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one chat completion as server-sent events, as OpenAI does: a role chunk, content chunks, a finish chunk,
 * an optional usage chunk, then {@code data: [DONE]}. Headers are sent with the first chunk, so a failure before any
 * text still gets a proper HTTP error status. It is the client side of a {@link
 * io.coerouter.router.streaming.DecoupledStream}: only that stream's writer thread calls it, so the expert never
 * waits on the client's socket.
 */
final class SseStream implements StreamSink<SseStream.End> {

    /**
     * How a stream ends: with the answer (and its usage chunk when asked for), or with an error event.
     *
     * @param answer the routed answer, or null for an error
     * @param includeUsage whether a usage chunk precedes {@code [DONE]}
     * @param error the error sent instead of an answer, or null
     */
    record End(RoutedAnswer answer, boolean includeUsage, RouterException error) {

        End {
            if ((answer == null) == (error == null)) {
                throw new IllegalArgumentException("a stream ends with either an answer or an error");
            }
        }

        static End answered(RoutedAnswer answer, boolean includeUsage) {
            return new End(Objects.requireNonNull(answer, "answer must not be null"), includeUsage, null);
        }

        static End failed(RouterException error) {
            return new End(null, false, Objects.requireNonNull(error, "error must not be null"));
        }
    }

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpServletResponse response;
    private final JsonMapper json;
    private final String id;
    private final long created;
    private final String model;
    private ServletOutputStream out;

    SseStream(HttpServletResponse response, JsonMapper json, String id, long created, String model) {
        this.response = response;
        this.json = json;
        this.id = id;
        this.created = created;
        this.model = model;
    }

    /** Sends a piece of the answer. */
    @Override
    public void text(String text) throws IOException {
        start();
        send(chunk(new Delta(null, text), null, null, null));
    }

    /** Starts the stream if needed and sends an SSE comment, so proxies keep the connection while experts run. */
    @Override
    public void keepAlive() throws IOException {
        start();
        out.write(KEEP_ALIVE);
        out.flush();
    }

    @Override
    public void end(End end) throws IOException {
        start();
        if (end.error() != null) {
            fail(end.error());
        } else {
            finish(end.answer(), end.includeUsage());
        }
    }

    private void finish(RoutedAnswer answer, boolean includeUsage) throws IOException {
        start();
        send(chunk(new Delta(null, null), answer.finishReason().openAiName(), null, answer));
        if (includeUsage) {
            send(new Chunk(id, "chat.completion.chunk", created, model, List.of(), Usage.of(answer.usage()), null));
        }
        out.write(DONE);
        out.flush();
    }

    /** Ends a started stream with an error event. */
    private void fail(RouterException error) throws IOException {
        out.write(DATA);
        out.write(json.writeValueAsBytes(HttpErrors.of(error).body()));
        out.write(END);
        out.flush();
    }

    private void start() throws IOException {
        if (out != null) {
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        // Tells nginx-style proxies not to buffer the stream.
        response.setHeader("X-Accel-Buffering", "no");
        out = response.getOutputStream();
        send(chunk(new Delta("assistant", ""), null, null, null));
    }

    private Chunk chunk(Delta delta, String finishReason, Usage usage, RoutedAnswer answer) {
        return new Chunk(
                id,
                "chat.completion.chunk",
                created,
                model,
                List.of(new ChunkChoice(0, delta, null, finishReason)),
                usage,
                answer == null ? null : answer.trace());
    }

    private void send(Chunk chunk) throws IOException {
        out.write(DATA);
        out.write(json.writeValueAsBytes(chunk));
        out.write(END);
        out.flush();
    }
}
