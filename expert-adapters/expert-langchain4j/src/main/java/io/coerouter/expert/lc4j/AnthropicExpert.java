package io.coerouter.expert.lc4j;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertRequest;

/**
 * Anthropic's Messages API behind LangChain4j's {@link AnthropicChatModel} and {@link AnthropicStreamingChatModel}.
 * Anthropic needs {@code max_tokens} on every request: without one from the client, {@link #DEFAULT_MAX_TOKENS}.
 * It has no seed, presence or frequency penalty: those are refused as bad requests.
 */
final class AnthropicExpert extends LangChain4jExpert {

    static final int DEFAULT_MAX_TOKENS = 1024;

    AnthropicExpert(ExpertConfig config, ExpertContext context) {
        super(config, context);
        String apiKey = apiKey();
        String baseUrl = config.baseUrl().toString();
        models(
                AnthropicChatModel.builder()
                        .baseUrl(baseUrl)
                        .apiKey(apiKey)
                        .modelName(config.model())
                        .httpClientBuilder(httpClient(config))
                        .timeout(config.requestTimeout())
                        .maxTokens(DEFAULT_MAX_TOKENS)
                        .maxRetries(0)
                        .build(),
                AnthropicStreamingChatModel.builder()
                        .baseUrl(baseUrl)
                        .apiKey(apiKey)
                        .modelName(config.model())
                        .httpClientBuilder(httpClient(config))
                        .timeout(config.requestTimeout())
                        .maxTokens(DEFAULT_MAX_TOKENS)
                        .build());
    }

    @Override
    protected ChatRequestParameters parameters(ExpertRequest request) {
        if (request.seed() != null) {
            throw unsupported("seed");
        }
        if (request.presencePenalty() != null) {
            throw unsupported("presence_penalty");
        }
        if (request.frequencyPenalty() != null) {
            throw unsupported("frequency_penalty");
        }
        DefaultChatRequestParameters.Builder<?> params = DefaultChatRequestParameters.builder()
                .modelName(config().model())
                .temperature(request.temperature())
                .topP(request.topP())
                .maxOutputTokens(request.maxTokens() == null ? DEFAULT_MAX_TOKENS : request.maxTokens());
        if (!request.stop().isEmpty()) {
            params.stopSequences(request.stop());
        }
        return params.build();
    }
}
