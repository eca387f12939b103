package io.coerouter.expert.lc4j;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatRequestParameters;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertRequest;

/**
 * Google's Gemini API ({@code models/{model}:generateContent} and {@code :streamGenerateContent}) behind LangChain4j's
 * {@link GoogleAiGeminiChatModel} and {@link GoogleAiGeminiStreamingChatModel}; the key goes in {@code
 * x-goog-api-key}. Gemini takes no per-request seed: one is refused as a bad request.
 */
final class GeminiExpert extends LangChain4jExpert {

    GeminiExpert(ExpertConfig config, ExpertContext context) {
        super(config, context);
        String apiKey = apiKey();
        String baseUrl = config.baseUrl().toString().replaceAll("/+$", "");
        models(
                GoogleAiGeminiChatModel.builder()
                        .baseUrl(baseUrl)
                        .apiKey(apiKey)
                        .modelName(config.model())
                        .httpClientBuilder(httpClient(config))
                        .timeout(config.requestTimeout())
                        .maxRetries(0)
                        .build(),
                GoogleAiGeminiStreamingChatModel.builder()
                        .baseUrl(baseUrl)
                        .apiKey(apiKey)
                        .modelName(config.model())
                        .httpClientBuilder(httpClient(config))
                        .timeout(config.requestTimeout())
                        .build());
    }

    @Override
    protected ChatRequestParameters parameters(ExpertRequest request) {
        if (request.seed() != null) {
            throw unsupported("seed");
        }
        return sampling(GoogleAiGeminiChatRequestParameters.builder(), request).build();
    }
}
