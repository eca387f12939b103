package io.coerouter.expert.lc4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertErrors;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertListener;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenListener;
import java.lang.ref.Cleaner;
import java.util.List;

/**
 * The base of every adapter over a LangChain4j chat model: the conversation and sampling options in LangChain4j's
 * terms, whole answers through its {@link ChatModel}, streams through its {@link StreamingChatModel} handed to the
 * caller's thread, usage and finish reasons back in ours. Provider failures surface as LangChain4j's exceptions, which
 * {@link ExpertErrors#map} turns into our error kinds. A subclass builds its provider's two models (with LangChain4j's
 * own retries off: retrying is the router's decision) and may add provider-specific parameters.
 */
public abstract class LangChain4jExpert implements Expert, AutoCloseable {

    /** Sent where the endpoint needs no key (local servers); some LangChain4j models insist on one. */
    protected static final String NO_KEY = "no-key";

    /** Closes the connections of experts dropped unclosed, once they are unreachable. */
    private static final Cleaner CLEANER = Cleaner.create();

    private final ExpertConfig config;
    private final List<ExpertListener> listeners;
    private final String apiKey;
    private final String missingKeyEnv;
    private final io.coerouter.expert.egress.EgressPolicy egress;
    private final io.coerouter.expert.TraceHeaders traceHeaders;
    private final HttpPool connections;
    private final Cleaner.Cleanable closer;
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
        this.traceHeaders = context.traceHeaders();
        this.connections = HttpPool.create(config.connectTimeout(), config.maxConcurrency());
        // Whoever drops an expert without closing it (a replaced definition, a checked one) still frees its sockets.
        this.closer = CLEANER.register(this, connections::close);
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
     * The expert's HTTP client for one of its models: blocking, the whole exchange on the caller's thread, over the
     * expert's one pool of keep-alive connections ({@link HttpPool}), with the expert's timeouts and never following
     * redirects (a credential goes to the configured host only); guarded by the context's egress policy: it sends only
     * to {@code config}'s base URL and checks the addresses its host resolves to before every call.
     */
    protected final dev.langchain4j.http.client.HttpClientBuilder httpClient(ExpertConfig config) {
        return GuardedHttpClient.builder(
                connections.builder().connectTimeout(config.connectTimeout()).readTimeout(config.requestTimeout()),
                config.baseUrl(),
                egress,
                traceHeaders);
    }

    /** Closes the expert's connections, idle and in use; a call after this fails. */
    @Override
    public void close() {
        closer.clean();
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
                        .map(LangChain4jConversions::toLangChain4j)
                        .toList())
                .parameters(parameters(request))
                .build();
        if (tokens.streaming()) {
            return new StreamedChat(config, secrets(), this::streamsEndWithFinishReason)
                    .stream(streamingModel, chatRequest, tokens);
        }
        try {
            return LangChain4jConversions.toResponse(config.id(), chatModel.chat(chatRequest));
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
}
