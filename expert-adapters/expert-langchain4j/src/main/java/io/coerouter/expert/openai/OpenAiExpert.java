package io.coerouter.expert.openai;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.lc4j.LangChain4jExpert;
import java.util.Map;
import java.util.function.Function;

/**
 * An OpenAI-protocol endpoint behind LangChain4j's {@link OpenAiChatModel} (whole answers) and {@link
 * OpenAiStreamingChatModel} (streams): OpenAI itself, Azure OpenAI (its v1 API, or per deployment with {@link
 * Endpoint#azure}), vLLM, llama.cpp, Ollama's {@code /v1}.
 */
final class OpenAiExpert extends LangChain4jExpert {

    /**
     * Where and how requests go: the base URL the client appends {@code /chat/completions} to, whether the key goes
     * as a bearer token, and extra headers and query parameters (given the key).
     */
    record Endpoint(
            String baseUrl, boolean bearer, Function<String, Map<String, String>> headers, Map<String, String> query) {

        /** OpenAI's own layout: the configured base URL and a bearer key. */
        static Endpoint openAi(ExpertConfig config) {
            return new Endpoint(config.baseUrl().toString(), true, key -> Map.of(), Map.of());
        }

        /**
         * Azure OpenAI's deployment layout: {@code {baseUrl}/openai/deployments/{model}/chat/completions?api-version=},
         * the key in an {@code api-key} header.
         */
        static Endpoint azure(ExpertConfig config, String apiVersion) {
            String root = config.baseUrl().toString().replaceAll("/+$", "");
            return new Endpoint(
                    root + "/openai/deployments/" + config.model(),
                    false,
                    key -> Map.of("api-key", key),
                    Map.of("api-version", apiVersion));
        }
    }

    OpenAiExpert(ExpertConfig config, ExpertContext context, Endpoint endpoint) {
        super(config, context);
        String bearer = endpoint.bearer() ? apiKey() : null;
        Map<String, String> headers = endpoint.headers().apply(apiKey());
        models(
                OpenAiChatModel.builder()
                        .baseUrl(endpoint.baseUrl())
                        .apiKey(bearer)
                        .customHeaders(headers)
                        .customQueryParams(endpoint.query())
                        .modelName(config.model())
                        .httpClientBuilder(httpClient(config))
                        .timeout(config.requestTimeout())
                        .maxRetries(0)
                        .build(),
                OpenAiStreamingChatModel.builder()
                        .baseUrl(endpoint.baseUrl())
                        .apiKey(bearer)
                        .customHeaders(headers)
                        .customQueryParams(endpoint.query())
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
