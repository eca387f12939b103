package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.coerouter.expert.testing.OpenAiStubServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Real clients read answers from the response cache as they read any other: the official OpenAI Java SDK (whole and
 * streamed, with the headers) and LangChain4j's OpenAI models.
 */
class CacheClientsIT {

    private static final OpenAiStubServer STUB = OpenAiStubServer.start();
    private static ConfigurableApplicationContext router;
    private OpenAIClient client;

    @BeforeAll
    static void start() {
        router = new SpringApplicationBuilder(CoeRouterApplication.class)
                .run(
                        "--server.port=0",
                        "--coe.skills.warm-up=false",
                        "--coe.cache.enabled=true",
                        "--coe.default-expert=stub-gpt",
                        "--coe.experts[0].id=stub-gpt",
                        "--coe.experts[0].adapter=openai",
                        "--coe.experts[0].base-url=" + STUB.baseUrl(),
                        "--coe.experts[0].model=gpt-stub",
                        "--coe.experts[0].resilience.max-attempts=1");
    }

    @AfterAll
    static void stop() {
        router.close();
        STUB.close();
    }

    @BeforeEach
    void client() {
        STUB.reset();
        client = OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl())
                .apiKey("not-checked")
                .maxRetries(0)
                .build();
    }

    private static String baseUrl() {
        return "http://127.0.0.1:" + Routers.port(router) + "/v1";
    }

    private static ChatCompletionCreateParams.Builder params(String prompt) {
        return ChatCompletionCreateParams.builder().model("stub-gpt").addUserMessage(prompt);
    }

    @Test
    void theOpenAiSdkReadsAHitWholeAndStreamedWithItsUsage() {
        ChatCompletion first = client.chat()
                .completions()
                .create(params("seven wonders of the ancient world").build());
        HttpResponseFor<ChatCompletion> again = client.chat()
                .completions()
                .withRawResponse()
                .create(params("seven wonders of the ancient world").build());

        assertThat(again.headers().values("x-coe-cache")).containsExactly("hit");
        ChatCompletion hit = again.parse();
        assertThat(hit.choices().getFirst().message().content())
                .isEqualTo(first.choices().getFirst().message().content());
        assertThat(hit.usage().orElseThrow().totalTokens())
                .isEqualTo(first.usage().orElseThrow().totalTokens());

        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(params("seven wonders of the ancient world")
                        .streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build())) {
            stream.stream().forEach(chunks::add);
        }
        StringBuilder text = new StringBuilder();
        chunks.stream()
                .flatMap(c -> c.choices().stream())
                .forEach(choice -> choice.delta().content().ifPresent(text::append));
        assertThat(text.toString()).isEqualTo("seven wonders of the ancient world");
        assertThat(chunks.getLast().usage().orElseThrow().completionTokens())
                .isEqualTo(first.usage().orElseThrow().completionTokens());
        assertThat(STUB.received()).hasSize(1);
    }

    @Test
    void langChain4jReadsAHitWholeAndStreamed() throws Exception {
        OpenAiChatModel model = OpenAiChatModel.builder()
                .baseUrl(baseUrl())
                .apiKey("not-checked")
                .modelName("stub-gpt")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(10))
                .build();
        assertThat(model.chat("the longest river in South America")).isEqualTo("the longest river in South America");
        assertThat(model.chat("the longest river in South America")).isEqualTo("the longest river in South America");

        OpenAiStreamingChatModel streaming = OpenAiStreamingChatModel.builder()
                .baseUrl(baseUrl())
                .apiKey("not-checked")
                .modelName("stub-gpt")
                .timeout(Duration.ofSeconds(10))
                .build();
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        streaming.chat("the longest river in South America", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                partials.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response = done.get(10, TimeUnit.SECONDS);
        assertThat(String.join("", partials)).isEqualTo("the longest river in South America");
        assertThat(response.aiMessage().text()).isEqualTo("the longest river in South America");
        assertThat(STUB.received()).hasSize(1);
    }
}
