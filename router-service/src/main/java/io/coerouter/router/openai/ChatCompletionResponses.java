package io.coerouter.router.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.expert.TokenUsage;
import io.coerouter.router.routing.CoeTrace;
import io.coerouter.router.routing.RoutedAnswer;
import java.util.List;

/**
 * The response bodies of {@code /v1/chat/completions}, field for field as OpenAI sends them (explicit nulls
 * included, since strict clients expect the keys), plus the {@code coe} object.
 */
public final class ChatCompletionResponses {

    private ChatCompletionResponses() {}

    /** A whole answer ({@code object: chat.completion}). */
    public record Completion(
            String id,
            String object,
            long created,
            String model,
            List<Choice> choices,
            Usage usage,
            @JsonInclude(JsonInclude.Include.NON_NULL) CoeTrace coe) {}

    /** The one choice; {@code logprobs} is always null, as they are not supported. */
    public record Choice(
            int index, Message message, Object logprobs, @JsonProperty("finish_reason") String finishReason) {}

    /** The answer; {@code refusal} is always null (sent, as strict clients expect the key). */
    public record Message(String role, String content, String refusal) {}

    public record Usage(
            @JsonProperty("prompt_tokens") long promptTokens,
            @JsonProperty("completion_tokens") long completionTokens,
            @JsonProperty("total_tokens") long totalTokens) {

        public static Usage of(TokenUsage usage) {
            return new Usage(usage.inputTokens(), usage.outputTokens(), usage.totalTokens());
        }
    }

    /** One server-sent event of a stream ({@code object: chat.completion.chunk}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chunk(
            String id,
            String object,
            long created,
            String model,
            List<ChunkChoice> choices,
            Usage usage,
            CoeTrace coe) {}

    /** The one choice of a chunk; {@code logprobs} is always null. */
    public record ChunkChoice(
            int index, Delta delta, Object logprobs, @JsonProperty("finish_reason") String finishReason) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content) {}

    public static Completion completion(String id, long created, String model, RoutedAnswer answer) {
        return new Completion(
                id,
                "chat.completion",
                created,
                model,
                List.of(new Choice(
                        0,
                        new Message("assistant", answer.text(), null),
                        null,
                        answer.finishReason().openAiName())),
                Usage.of(answer.usage()),
                answer.trace());
    }
}
