package io.coerouter.router.chat;

import io.coerouter.router.chat.ChatCompletionResponses.Chunk;
import io.coerouter.router.chat.ChatCompletionResponses.ChunkChoice;
import io.coerouter.router.chat.ChatCompletionResponses.Delta;
import io.coerouter.router.chat.ChatCompletionResponses.Usage;
import io.coerouter.router.error.ApiException;
import io.coerouter.router.routing.RoutedAnswer;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one chat completion as server-sent events, as OpenAI does: a role chunk, content chunks, a finish chunk,
 * an optional usage chunk, then {@code data: [DONE]}. Headers are sent with the first chunk, so a failure before any
 * text still gets a proper HTTP error status.
 */
final class SseStream {

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

    boolean started() {
        return out != null;
    }

    /** Sends a piece of the answer; a failure to write (the client left) is thrown unchecked. */
    void content(String text) {
        try {
            start();
            send(chunk(new Delta(null, text), null, null, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the stream if needed and sends an SSE comment, so proxies keep the connection while experts run. */
    void keepAlive() {
        try {
            start();
            out.write(KEEP_ALIVE);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void finish(RoutedAnswer answer, boolean includeUsage) throws IOException {
        start();
        send(chunk(new Delta(null, null), answer.finishReason().openAiName(), null, answer));
        if (includeUsage) {
            send(new Chunk(id, "chat.completion.chunk", created, model, List.of(), Usage.of(answer.usage()), null));
        }
        out.write(DONE);
        out.flush();
    }

    /** Ends a started stream with an error event; the client may already be gone, which is fine. */
    void fail(ApiException error) {
        try {
            out.write(DATA);
            out.write(json.writeValueAsBytes(error.body()));
            out.write(END);
            out.flush();
        } catch (IOException | UncheckedIOException ignored) {
            // Nobody is listening any more.
        }
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
