package io.coerouter.expert.openai;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.lc4j.LangChain4jExpert;

/**
 * An OpenAI-compatible endpoint behind LangChain4j's {@link OpenAiChatModel} (whole answers) and {@link
 * OpenAiStreamingChatModel} (streams): OpenAI itself, Azure OpenAI's v1 API, vLLM, llama.cpp, Ollama's {@code /v1}.
 */
final class OpenAiExpert extends LangChain4jExpert {

    OpenAiExpert(ExpertConfig config, ExpertContext context) {
        super(config, context);
        String apiKey = apiKey();
        String baseUrl = config.baseUrl().toString();
        models(
                OpenAiChatModel.builder()
                        .baseUrl(baseUrl)
                        .apiKey(apiKey)
                        .modelName(config.model())
                        .httpClientBuilder(httpClient(config))
                        .timeout(config.requestTimeout())
                        .maxRetries(0)
                        .build(),
                OpenAiStreamingChatModel.builder()
                        .baseUrl(baseUrl)
                        .apiKey(apiKey)
                        .modelName(config.model())
                        .httpClientBuilder(httpClient(config))
                        .timeout(config.requestTimeout())
                        .build());
    }

    /** Every OpenAI option, the 32-bit seed included. */
    @Override
    protected ChatRequestParameters parameters(ExpertRequest request) {
        return sampling(OpenAiChatRequestParameters.builder(), request)
                .seed(seed32(request))
                .build();
    }
}
