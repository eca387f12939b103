package io.coerouter.expert.lc4j;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;

/**
 * A model served by Ollama, through its native chat API ({@code /api/chat}) behind LangChain4j's {@link
 * OllamaChatModel} and {@link OllamaStreamingChatModel}. Ollama ends streams with {@code done}, not always with a
 * finish reason.
 */
final class OllamaExpert extends LangChain4jExpert {

    OllamaExpert(ExpertConfig config, ExpertContext context) {
        super(config, context);
        String baseUrl = config.baseUrl().toString();
        models(
                OllamaChatModel.builder()
                        .maxRetries(0)
                        .baseUrl(baseUrl)
                        .modelName(config.model())
                        .httpClientBuilder(httpClient(config))
                        .timeout(config.requestTimeout())
                        .build(),
                OllamaStreamingChatModel.builder()
                        .baseUrl(baseUrl)
                        .modelName(config.model())
                        .httpClientBuilder(httpClient(config))
                        .timeout(config.requestTimeout())
                        .build());
    }

    @Override
    protected ChatRequestParameters parameters(ExpertRequest request) {
        OllamaChatRequestParameters.Builder params = OllamaChatRequestParameters.builder()
                .modelName(config().model())
                .temperature(request.temperature())
                .topP(request.topP())
                .maxOutputTokens(request.maxTokens())
                .presencePenalty(request.presencePenalty())
                .frequencyPenalty(request.frequencyPenalty());
        if (!request.stop().isEmpty()) {
            params.stopSequences(request.stop());
        }
        if (request.seed() != null) {
            if (request.seed() < Integer.MIN_VALUE || request.seed() > Integer.MAX_VALUE) {
                throw ExpertException.of(
                        config().id(),
                        ExpertErrorKind.BAD_REQUEST,
                        "seed must fit in 32 bits for adapter 'ollama', but was " + request.seed(),
                        null);
            }
            params.seed(request.seed().intValue());
        }
        return params.build();
    }

    @Override
    protected boolean streamsEndWithFinishReason() {
        return false;
    }
}
