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
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * One expert's streamed chats over a LangChain4j {@link StreamingChatModel}, with the expert's timeouts.
 *
 * @param config the expert's configuration (its id and timeouts)
 * @param secrets the credentials the expert sends, scrubbed from provider errors
 * @param endsWithFinishReason whether a stream that ends without a finish reason was cut
 */
record StreamedChat(ExpertConfig config, List<String> secrets, BooleanSupplier endsWithFinishReason) {

    /**
     * LangChain4j streams on its HTTP client's threads; pieces are handed over a queue so the listener runs on the
     * caller's thread, and a timeout, an interrupt or a failing listener cancels the upstream stream.
     */
    ExpertResponse stream(StreamingChatModel streamingModel, ChatRequest chatRequest, TokenListener tokens) {
        LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        try {
            startStream(streamingModel, chatRequest, events, handle);
        } catch (RuntimeException e) {
            throw ExpertErrors.map(config.id(), e, secrets);
        }
        return awaitStream(events, handle, tokens);
    }

    private static void startStream(
            StreamingChatModel streamingModel,
            ChatRequest chatRequest,
            LinkedBlockingQueue<Object> events,
            AtomicReference<StreamingHandle> handle) {
        streamingModel.chat(chatRequest, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                handle.compareAndSet(null, context.streamingHandle());
                events.add(new Piece(partial.text()));
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                events.add(response);
            }

            @Override
            public void onError(Throwable error) {
                events.add(new Failure(error));
            }
        });
    }

    private ExpertResponse awaitStream(
            LinkedBlockingQueue<Object> events, AtomicReference<StreamingHandle> handle, TokenListener tokens) {
        long start = System.nanoTime();
        long deadline = start + config.requestTimeout().toNanos();
        long firstTokenDeadline = start + config.firstTokenTimeout().toNanos();
        boolean started = false;
        boolean finished = false;
        try {
            while (true) {
                long until = started ? deadline : Math.min(deadline, firstTokenDeadline);
                Object event = events.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    // Before any text a timeout is retriable and can fail over: the client has seen nothing.
                    throw ExpertException.of(
                            config.id(),
                            ExpertErrorKind.TIMEOUT,
                            started
                                    ? "stream did not finish within " + config.requestTimeout()
                                    : "stream sent no text within its first-token timeout of "
                                            + config.firstTokenTimeout(),
                            null);
                }
                if (event instanceof Piece piece) {
                    if (!piece.text().isEmpty()) {
                        started = true;
                        tokens.onToken(piece.text());
                    }
                } else if (event instanceof Failure failure) {
                    finished = true;
                    throw ExpertErrors.map(config.id(), failure.error(), secrets);
                } else {
                    finished = true;
                    ChatResponse complete = (ChatResponse) event;
                    if (complete.finishReason() == null && endsWithFinishReason.getAsBoolean()) {
                        // OpenAI-compatible servers end every stream with a finish_reason; without one it was cut.
                        throw ExpertException.of(
                                config.id(),
                                ExpertErrorKind.CONNECTION,
                                "the stream ended before the provider sent a finish reason",
                                null);
                    }
                    return LangChain4jConversions.toResponse(config.id(), complete);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExpertException.of(config.id(), ExpertErrorKind.CANCELLED, "interrupted while streaming", e);
        } finally {
            StreamingHandle h = handle.get();
            if (!finished && h != null && !h.isCancelled()) {
                h.cancel();
            }
        }
    }

    private record Piece(String text) {}

    private record Failure(Throwable error) {}
}
