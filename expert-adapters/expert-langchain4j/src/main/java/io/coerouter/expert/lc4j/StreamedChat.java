package io.coerouter.expert.lc4j;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertErrors;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenListener;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * One expert's streamed chats over a LangChain4j {@link StreamingChatModel}, with the expert's timeouts.
 *
 * @param config the expert's configuration (its id and timeouts)
 * @param secrets the credentials the expert sends, scrubbed from provider errors
 * @param endsWithFinishReason whether a stream that ends without a finish reason was cut
 */
record StreamedChat(ExpertConfig config, List<String> secrets, BooleanSupplier endsWithFinishReason) {

    /**
     * Streams {@code chatRequest} to {@code tokens} on the caller's thread. Over the {@link BlockingHttpClient} the
     * model reads the stream on this very thread: each piece reaches the listener as it arrives, and the stream's
     * limits ({@link StreamDeadline}) bound every socket read. Should a model stream on threads of its own, its pieces
     * are handed over a queue instead. Either way a timeout, an interrupt or a failing listener cancels the upstream
     * stream (its connection is closed, not pooled).
     */
    ExpertResponse stream(StreamingChatModel streamingModel, ChatRequest chatRequest, TokenListener tokens) {
        StreamDeadline limits = StreamDeadline.startingNow(config.requestTimeout(), config.firstTokenTimeout());
        Exchange exchange = new Exchange(tokens, limits, Thread.currentThread());
        try {
            limits.during(() -> {
                streamingModel.chat(chatRequest, exchange);
                return null;
            });
        } catch (RuntimeException e) {
            exchange.cancel();
            throw ExpertErrors.map(config.id(), e, secrets);
        }
        return exchange.outcome();
    }

    /** One streamed call's pieces and end, taken in on the caller's thread. */
    private final class Exchange implements StreamingChatResponseHandler {
        private final TokenListener tokens;
        private final StreamDeadline limits;
        private final Thread caller;
        private final LinkedBlockingQueue<Object> handedOver = new LinkedBlockingQueue<>();
        private volatile StreamingHandle handle;
        /** The answer, or the exception to throw; set on the caller's thread only. */
        private Object outcome;

        Exchange(TokenListener tokens, StreamDeadline limits, Thread caller) {
            this.tokens = tokens;
            this.limits = limits;
            this.caller = caller;
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            if (handle == null) {
                handle = context.streamingHandle();
            }
            take(new Piece(partial.text()));
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            take(response);
        }

        @Override
        public void onError(Throwable error) {
            take(new Failure(error));
        }

        private void take(Object event) {
            if (Thread.currentThread() != caller) {
                handedOver.add(event);
                return;
            }
            if (outcome != null) {
                return; // the call has ended (a read error is followed by the stream's close, say)
            }
            try {
                outcome = handle(event);
            } catch (RuntimeException e) {
                outcome = e;
                cancel();
            }
        }

        /** The answer once the model is done: thrown if it failed; awaited when the model streams elsewhere. */
        ExpertResponse outcome() {
            boolean finished = false;
            try {
                while (outcome == null) {
                    long left = limits.remainingNanos();
                    Object event = left <= 0 ? null : handedOver.poll(left, TimeUnit.NANOSECONDS);
                    if (event == null) {
                        throw timeout();
                    }
                    outcome = handle(event);
                }
                if (outcome instanceof RuntimeException e) {
                    throw e;
                }
                finished = true;
                return (ExpertResponse) outcome;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ExpertException.of(config.id(), ExpertErrorKind.CANCELLED, "interrupted while streaming", e);
            } finally {
                if (!finished) {
                    cancel();
                }
            }
        }

        /** A piece to the listener, or the call's end: its answer, or an exception to throw; null while it goes on. */
        private Object handle(Object event) {
            if (event instanceof Piece piece) {
                if (limits.remainingNanos() <= 0) {
                    throw timeout();
                }
                if (!piece.text().isEmpty()) {
                    limits.started();
                    tokens.onToken(piece.text());
                }
                return null;
            }
            if (event instanceof Failure failure) {
                if (Thread.currentThread().isInterrupted()) {
                    return ExpertException.of(
                            config.id(), ExpertErrorKind.CANCELLED, "interrupted while streaming", failure.error());
                }
                if (limits.remainingNanos() <= 0 || timedOut(failure.error())) {
                    return timeout();
                }
                return ExpertErrors.map(config.id(), failure.error(), secrets);
            }
            ChatResponse complete = (ChatResponse) event;
            if (complete.finishReason() == null && endsWithFinishReason.getAsBoolean()) {
                // OpenAI-compatible servers end every stream with a finish_reason; without one it was cut.
                return ExpertException.of(
                        config.id(),
                        ExpertErrorKind.CONNECTION,
                        "the stream ended before the provider sent a finish reason",
                        null);
            }
            return LangChain4jConversions.toResponse(config.id(), complete);
        }

        /** Before any text a timeout is retriable and can fail over: the client has seen nothing. */
        private ExpertException timeout() {
            return ExpertException.of(
                    config.id(),
                    ExpertErrorKind.TIMEOUT,
                    limits.isStarted()
                            ? "stream did not finish within " + config.requestTimeout()
                            : "stream sent no text within its first-token timeout of " + config.firstTokenTimeout(),
                    null);
        }

        private static boolean timedOut(Throwable error) {
            for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof SocketTimeoutException
                        && !(t instanceof ConnectTimeoutException)) { // a read timed out
                    return true;
                }
            }
            return false;
        }

        /** Stops the upstream stream: at its next read over the blocking client, through the model's handle else. */
        void cancel() {
            limits.cancel();
            StreamingHandle h = handle;
            if (h != null && !h.isCancelled()) {
                try {
                    h.cancel();
                } catch (RuntimeException e) {
                    // the flag stops it at its next read
                }
            }
        }
    }

    private record Piece(String text) {}

    private record Failure(Throwable error) {}
}
