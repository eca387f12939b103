package io.coerouter.expert;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation sent to an expert.
 *
 * @param role who wrote it
 * @param content its text
 */
public record ChatMessage(Role role, String content) {

    /** The author of a message, as OpenAI's chat API names them. */
    public enum Role {
        SYSTEM,
        USER,
        ASSISTANT
    }

    public ChatMessage {
        Objects.requireNonNull(role, "role must not be null");
        Objects.requireNonNull(content, "content must not be null");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }

    /** A rough count of the prompt tokens of {@code messages}: four characters a token, as providers' rules of thumb say; at least 1. */
    public static long estimateTokens(List<ChatMessage> messages) {
        long chars = messages.stream().mapToLong(m -> m.content().length()).sum();
        return Math.max(1, (chars + 3) / 4);
    }
}
