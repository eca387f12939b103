package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** LangChain4j's OpenAI client, pointed at our {@code /v1}, works as it does against OpenAI. */
class LangChain4jCompatibilityIT extends GatewayTestSupport {

    private OpenAiChatModel chatModel(String model) {
        return OpenAiChatModel.builder()
                .baseUrl(baseUrl())
                .apiKey("not-checked-yet")
                .modelName(model)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    @Test
    void chatsWithCoeAndWithANamedExpert() {
        assertThat(chatModel("coe").chat("routed through langchain4j")).isEqualTo("routed through langchain4j");

        ChatResponse response = chatModel("stub-gpt")
                .chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                        .messages(List.of(
                                dev.langchain4j.data.message.SystemMessage.from("be terse"),
                                dev.langchain4j.data.message.UserMessage.from("remote via langchain4j")))
                        .maxOutputTokens(2)
                        .build());
        assertThat(response.aiMessage().text()).isEqualTo("remote via");
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(2);
    }

    @Test
    void streamsPartialResponsesAndCompletesWithUsage() throws Exception {
        OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder()
                .baseUrl(baseUrl())
                .apiKey("not-checked-yet")
                .modelName("coe")
                .timeout(Duration.ofSeconds(10))
                .build();
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat("stream me five words please", new StreamingChatResponseHandler() {
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
        assertThat(String.join("", partials)).isEqualTo("stream me five words please");
        assertThat(partials).hasSize(5);
        assertThat(response.aiMessage().text()).isEqualTo("stream me five words please");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(5);
    }

    @Test
    void anUnknownModelRaisesLangChain4jsModelNotFound() {
        assertThatThrownBy(() -> chatModel("no-such-model").chat("hi"))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("model_not_found");
    }
}
