package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import io.coerouter.expert.testing.OpenAiStubServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, pointed at our {@code /v1}, works as it does against OpenAI. */
class OpenAiSdkCompatibilityIT extends GatewayTestSupport {

    private OpenAIClient client;

    @BeforeEach
    void client() {
        client = OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl())
                .apiKey("not-checked-yet")
                .maxRetries(0)
                .build();
    }

    private static ChatCompletionCreateParams.Builder params(String model, String prompt) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(prompt);
    }

    @Test
    void answersModelCoeWithTheDefaultExpertAndDescribesTheRouteInTheCoeObject() {
        ChatCompletion completion = client.chat()
                .completions()
                .create(params("coe", "hello from the sdk").build());

        assertThat(completion.id()).startsWith("chatcmpl-");
        assertThat(completion.model()).isEqualTo("coe");
        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().getFirst().message().content()).contains("hello from the sdk");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(4);
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(8);

        @SuppressWarnings("unchecked")
        Map<String, Object> coe = (Map<String, Object>)
                completion._additionalProperties().get("coe").convert(Map.class);
        assertThat(coe).containsEntry("route", "coe");
        assertThat((List<?>) coe.get("experts")).hasSize(1);
        assertThat(((Map<?, ?>) ((List<?>) coe.get("experts")).getFirst()).get("id"))
                .isEqualTo("echo");
    }

    @Test
    void callsANamedRemoteExpertThroughItsOpenAiAdapterPassingTheOptions() {
        ChatCompletion completion = client.chat()
                .completions()
                .create(params("stub-gpt", "remote expert answer")
                        .temperature(0.2)
                        .seed(7)
                        .build());

        assertThat(completion.choices().getFirst().message().content()).contains("remote expert answer");
        assertThat(completion.model()).isEqualTo("stub-gpt");
        OpenAiStubServer.Received upstream = STUB.lastReceived();
        assertThat(upstream.body().path("model").asText()).isEqualTo("gpt-stub");
        assertThat(upstream.body().path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(upstream.body().path("seed").asInt()).isEqualTo(7);
    }

    @Test
    void streamsDeltasThatConcatenateToTheAnswerAndEndsWithUsage() {
        ChatCompletionCreateParams request = params("stub-gpt", "one two three four")
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(request)) {
            stream.stream().forEach(chunks::add);
        }

        StringBuilder text = new StringBuilder();
        chunks.stream()
                .flatMap(c -> c.choices().stream())
                .forEach(choice -> choice.delta().content().ifPresent(text::append));
        assertThat(text.toString()).isEqualTo("one two three four");
        assertThat(chunks.stream()
                        .flatMap(c -> c.choices().stream())
                        .filter(c -> c.finishReason().isPresent())
                        .map(c -> c.finishReason().get())
                        .toList())
                .containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);
        assertThat(chunks.getLast().choices()).isEmpty();
        assertThat(chunks.getLast().usage().orElseThrow().completionTokens()).isEqualTo(4);
        assertThat(chunks)
                .allSatisfy(c -> assertThat(c.id()).isEqualTo(chunks.getFirst().id()));
    }

    @Test
    void listsCoeAndEveryExpertAsModels() {
        List<String> ids =
                client.models().list().items().stream().map(Model::id).toList();

        assertThat(ids).containsExactly("coe", "echo", "stub-gpt");
        assertThat(client.models().retrieve("stub-gpt").ownedBy()).isEqualTo("openai");
    }

    @Test
    void anUnknownModelIsANotFoundNamingTheParameter() {
        assertThatThrownBy(() ->
                        client.chat().completions().create(params("gpt-9", "hi").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.code()).contains("model_not_found");
                    assertThat(e.param()).contains("model");
                    assertThat(e.type()).contains("invalid_request_error");
                });
        assertThatThrownBy(() -> client
                        .chat()
                        .completions()
                        .createStreaming(params("gpt-9", "hi").build())
                        .stream()
                        .count())
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void anOutOfRangeParameterIsABadRequestNamingIt() {
        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(params("coe", "hi").temperature(5.0).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.param()).contains("temperature");
                    assertThat(e.code()).contains("invalid_value");
                });
        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(params("coe", "hi")
                                .putAdditionalBodyProperty("coe", JsonValue.from(Map.of("k", 0)))
                                .build()))
                .isInstanceOfSatisfying(
                        BadRequestException.class, e -> assertThat(e.param()).contains("coe.k"));
    }

    @Test
    void aProviderRateLimitReachesTheClientAsARateLimit() {
        STUB.enqueue(OpenAiStubServer.status(429, "rate_limit_error", "slow down"));

        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(params("stub-gpt", "hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.code()).contains("expert_rate_limited");
                    assertThat(e.headers().values("Retry-After")).isNotEmpty();
                });
    }
}
