package io.coerouter.expert.lc4j;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
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
        return sampling(OllamaChatRequestParameters.builder(), request)
                .seed(seed32(request))
                .build();
    }

    @Override
    protected boolean streamsEndWithFinishReason() {
        return false;
    }
}
