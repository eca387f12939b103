package io.coerouter.expert.lc4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertErrors;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertListener;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenListener;
import io.coerouter.expert.TokenUsage;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The base of every adapter over a LangChain4j chat model: the conversation and sampling options in LangChain4j's
 * terms, whole answers through its {@link ChatModel}, streams through its {@link StreamingChatModel} handed to the
 * caller's thread, usage and finish reasons back in ours. Provider failures surface as LangChain4j's exceptions, which
 * {@link ExpertErrors#map} turns into our error kinds. A subclass builds its provider's two models (with LangChain4j's
 * own retries off: retrying is the router's decision) and may add provider-specific parameters.
 */
public abstract class LangChain4jExpert implements Expert {

    /** Sent where the endpoint needs no key (local servers); some LangChain4j models insist on one. */
    protected static final String NO_KEY = "no-key";

    private final ExpertConfig config;
    private final List<ExpertListener> listeners;
    private final String apiKey;
    private final String missingKeyEnv;
    private final io.coerouter.expert.egress.EgressPolicy egress;
    private ChatModel chatModel;
    private StreamingChatModel streamingModel;

    protected LangChain4jExpert(ExpertConfig config, ExpertContext context) {
        this.config = config;
        this.listeners = context.listeners();
        String value = config.apiKeyEnv() == null ? null : context.environment().apply(config.apiKeyEnv());
        boolean missing = config.apiKeyEnv() != null && (value == null || value.isBlank());
        this.apiKey = config.apiKeyEnv() == null || missing ? NO_KEY : value;
        this.missingKeyEnv = missing ? config.apiKeyEnv() : null;
        this.egress = context.egress();
    }

    /** Sets the provider's models; called once from the subclass's constructor. */
    protected final void models(ChatModel chatModel, StreamingChatModel streamingModel) {
        this.chatModel = chatModel;
        this.streamingModel = streamingModel;
    }

    /** The API key from {@code api-key-env}, or {@link #NO_KEY} when none is configured or it is unset. */
    protected final String apiKey() {
        return apiKey;
    }

    /**
     * LangChain4j's JDK HTTP client with the expert's timeouts, never following redirects (a credential goes to the
     * configured host only), guarded by the context's egress policy: it sends only to {@code config}'s base URL and
     * checks the addresses its host resolves to before every call.
     */
    protected final dev.langchain4j.http.client.HttpClientBuilder httpClient(ExpertConfig config) {
        HttpClient.Builder jdk = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("http".equalsIgnoreCase(config.baseUrl().getScheme())) {
            // Plain-HTTP servers (vLLM, llama.cpp, Ollama) gain nothing from an h2c upgrade attempt on every call.
            jdk.version(HttpClient.Version.HTTP_1_1);
        }
        JdkHttpClientBuilder client = JdkHttpClient.builder()
                .httpClientBuilder(jdk)
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.requestTimeout());
        return GuardedHttpClient.builder(client, config.baseUrl(), egress);
    }

    @Override
    public ExpertConfig config() {
        return config;
    }

    @Override
    public List<ExpertListener> listeners() {
        return listeners;
    }

    @Override
    public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
        if (missingKeyEnv != null) {
            // The variable's name, and whether it is set, are for the operator, not for gateway callers.
            throw ExpertErrors.configuration(
                    config.id(),
                    ExpertErrorKind.AUTHENTICATION,
                    "environment variable " + missingKeyEnv + " (api-key-env) is not set",
                    null);
        }
        ChatRequest chatRequest = ChatRequest.builder()
                .messages(request.messages().stream()
                        .map(LangChain4jExpert::toLangChain4j)
                        .toList())
                .parameters(parameters(request))
                .build();
        if (tokens.streaming()) {
            return stream(chatRequest, tokens);
        }
        try {
            return toResponse(chatModel.chat(chatRequest));
        } catch (RuntimeException e) {
            throw ExpertErrors.map(config.id(), e, secrets());
        }
    }

    /** The credentials this expert sends, to be scrubbed from whatever a provider says back. */
    private List<String> secrets() {
        return NO_KEY.equals(apiKey) ? List.of() : List.of(apiKey);
    }

    /**
     * The request's sampling options for this provider. The default passes the options every LangChain4j model
     * knows; an option the provider lacks is refused as a bad request naming it.
     */
    protected ChatRequestParameters parameters(ExpertRequest request) {
        if (request.seed() != null) {
            throw unsupported("seed");
        }
        return sampling(DefaultChatRequestParameters.builder(), request).build();
    }

    /** The options every LangChain4j model knows (model, temperature, top-p, length, penalties, stops) on {@code params}. */
    protected final <B extends DefaultChatRequestParameters.Builder<?>> B sampling(B params, ExpertRequest request) {
        params.modelName(config.model());
        params.temperature(request.temperature());
        params.topP(request.topP());
        params.maxOutputTokens(request.maxTokens());
        params.presencePenalty(request.presencePenalty());
        params.frequencyPenalty(request.frequencyPenalty());
        if (!request.stop().isEmpty()) {
            params.stopSequences(request.stop());
        }
        return params;
    }

    /** The request's seed for providers that take a 32-bit one; a larger one is a bad request. */
    protected final Integer seed32(ExpertRequest request) {
        if (request.seed() == null) {
            return null;
        }
        if (request.seed() < Integer.MIN_VALUE || request.seed() > Integer.MAX_VALUE) {
            throw ExpertException.of(
                    config.id(),
                    ExpertErrorKind.BAD_REQUEST,
                    "seed must fit in 32 bits for adapter '" + config.adapter() + "', but was " + request.seed(),
                    null);
        }
        return request.seed().intValue();
    }

    /** A bad request: {@code option} is not something this adapter's provider takes. */
    protected final ExpertException unsupported(String option) {
        return ExpertException.of(
                config.id(),
                ExpertErrorKind.BAD_REQUEST,
                option + " is not supported by adapter '" + config.adapter() + "'",
                null);
    }

    /** Whether a stream that ends without a finish reason was cut (true for OpenAI-compatible servers). */
    protected boolean streamsEndWithFinishReason() {
        return true;
    }

    private static dev.langchain4j.data.message.ChatMessage toLangChain4j(ChatMessage message) {
        return switch (message.role()) {
            case SYSTEM -> SystemMessage.from(message.content());
            case USER -> UserMessage.from(message.content());
            case ASSISTANT -> AiMessage.from(message.content());
        };
    }

    /**
     * LangChain4j streams on its HTTP client's threads; pieces are handed over a queue so the listener runs on the
     * caller's thread, and a timeout, an interrupt or a failing listener cancels the upstream stream.
     */
    private ExpertResponse stream(ChatRequest chatRequest, TokenListener tokens) {
        LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        try {
            startStream(chatRequest, events, handle);
        } catch (RuntimeException e) {
            throw ExpertErrors.map(config.id(), e, secrets());
        }
        return awaitStream(events, handle, tokens);
    }

    private void startStream(
            ChatRequest chatRequest, LinkedBlockingQueue<Object> events, AtomicReference<StreamingHandle> handle) {
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
                    throw ExpertErrors.map(config.id(), failure.error(), secrets());
                } else {
                    finished = true;
                    ChatResponse complete = (ChatResponse) event;
                    if (complete.finishReason() == null && streamsEndWithFinishReason()) {
                        // OpenAI-compatible servers end every stream with a finish_reason; without one it was cut.
                        throw ExpertException.of(
                                config.id(),
                                ExpertErrorKind.CONNECTION,
                                "the stream ended before the provider sent a finish reason",
                                null);
                    }
                    return toResponse(complete);
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

    private ExpertResponse toResponse(ChatResponse response) {
        String text = response.aiMessage() == null || response.aiMessage().text() == null
                ? ""
                : response.aiMessage().text();
        dev.langchain4j.model.output.TokenUsage usage = response.tokenUsage();
        TokenUsage tokens = usage == null
                ? TokenUsage.ZERO
                : new TokenUsage(orZero(usage.inputTokenCount()), orZero(usage.outputTokenCount()));
        return ExpertResponse.of(config.id(), text, finishReason(response.finishReason()), tokens);
    }

    private static long orZero(Integer count) {
        return count == null ? 0 : count;
    }

    private static FinishReason finishReason(dev.langchain4j.model.output.FinishReason reason) {
        if (reason == null) {
            return FinishReason.STOP;
        }
        return switch (reason) {
            case LENGTH -> FinishReason.LENGTH;
            case CONTENT_FILTER -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP;
        };
    }

    private record Piece(String text) {}

    private record Failure(Throwable error) {}
}
