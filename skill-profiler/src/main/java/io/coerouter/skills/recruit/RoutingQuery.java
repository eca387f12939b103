package io.coerouter.skills.recruit;

import io.coerouter.expert.ChatMessage;
import java.util.List;
import java.util.Objects;

/**
 * What the recruiter sees of a request.
 *
 * @param messages the conversation, oldest first; never empty
 * @param k how many experts the client asked for, or null to let the recruiter decide
 * @param skills skill ids the client named explicitly; empty when it named none
 */
public record RoutingQuery(List<ChatMessage> messages, Integer k, List<String> skills) {

    public RoutingQuery {
        Objects.requireNonNull(messages, "messages must not be null");
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        if (k != null && k <= 0) {
            throw new IllegalArgumentException("k must be > 0, but was " + k);
        }
        messages = List.copyOf(messages);
        skills = skills == null ? List.of() : List.copyOf(skills);
    }
}
