package io.coerouter.expert.lc4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenUsage;

/** Messages into LangChain4j's terms and its answers, usage and finish reasons back into ours. */
final class LangChain4jConversions {

    private LangChain4jConversions() {}

    static dev.langchain4j.data.message.ChatMessage toLangChain4j(ChatMessage message) {
        return switch (message.role()) {
            case SYSTEM -> SystemMessage.from(message.content());
            case USER -> UserMessage.from(message.content());
            case ASSISTANT -> AiMessage.from(message.content());
        };
    }

    /** {@code response} as expert {@code expertId}'s answer. */
    static ExpertResponse toResponse(String expertId, ChatResponse response) {
        String text = response.aiMessage() == null || response.aiMessage().text() == null
                ? ""
                : response.aiMessage().text();
        dev.langchain4j.model.output.TokenUsage usage = response.tokenUsage();
        TokenUsage tokens = usage == null
                ? TokenUsage.ZERO
                : new TokenUsage(orZero(usage.inputTokenCount()), orZero(usage.outputTokenCount()));
        return ExpertResponse.of(expertId, text, finishReason(response.finishReason()), tokens);
    }

    private static long orZero(Integer count) {
        return count == null ? 0 : count;
    }

    private static FinishReason finishReason(dev.langchain4j.model.output.FinishReason reason) {
        if (reason == null) {
            return FinishReason.STOP;
        }
        return switch (reason) {
            case LENGTH -> FinishReason.LENGTH;
            case CONTENT_FILTER -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP;
        };
    }
}
