package io.coerouter.skills.recruit;

import io.coerouter.expert.ChatMessage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the recruiter sees of a request.
 *
 * @param messages the conversation, oldest first; never empty
 * @param k how many experts the client asked for, or null to let the recruiter decide
 * @param skills skill ids the client named explicitly; empty when it named none
 * @param method the routing method the client asked for ({@link RoutingMethod}), or null for the deployment's
 * @param maxCostUsd the most one expert call may cost on average (from its profile), or null for no limit
 * @param maxLatencyMs the most one expert call may take on average (from its profile), or null for no limit
 * @param allowed expert ids the caller may use, in the caller's order; empty means all. Routing considers no other
 *     expert and names none: when it would fall back to a default expert or generalist outside them, the first of
 *     them that is registered and available answers instead
 * @param denied expert ids the caller may not use
 * @param tradeoff the request's cost–quality tradeoff in [0, 1] (see {@link RecruitConfig#tradeoff()}), or null for
 *     the deployment's
 */
public record RoutingQuery(
        List<ChatMessage> messages,
        Integer k,
        List<String> skills,
        RoutingMethod method,
        BigDecimal maxCostUsd,
        Double maxLatencyMs,
        Set<String> allowed,
        Set<String> denied,
        Double tradeoff) {

    public RoutingQuery {
        Objects.requireNonNull(messages, "messages must not be null");
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        if (k != null && k <= 0) {
            throw new IllegalArgumentException("k must be > 0, but was " + k);
        }
        if (maxCostUsd != null && maxCostUsd.signum() < 0) {
            throw new IllegalArgumentException("maxCostUsd must be >= 0, but was " + maxCostUsd);
        }
        if (maxLatencyMs != null && !(maxLatencyMs > 0)) {
            throw new IllegalArgumentException("maxLatencyMs must be > 0, but was " + maxLatencyMs);
        }
        if (tradeoff != null && !(tradeoff >= 0 && tradeoff <= 1)) {
            throw new IllegalArgumentException("tradeoff must be in [0, 1], but was " + tradeoff);
        }
        messages = List.copyOf(messages);
        skills = skills == null ? List.of() : List.copyOf(skills);
        allowed = allowed == null
                ? Set.of()
                : java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(allowed));
        denied = denied == null ? Set.of() : Set.copyOf(denied);
    }

    /** A query without a tradeoff of its own. */
    public RoutingQuery(
            List<ChatMessage> messages,
            Integer k,
            List<String> skills,
            RoutingMethod method,
            BigDecimal maxCostUsd,
            Double maxLatencyMs,
            Set<String> allowed,
            Set<String> denied) {
        this(messages, k, skills, method, maxCostUsd, maxLatencyMs, allowed, denied, null);
    }

    /** A query with only messages, k and explicit skills. */
    public RoutingQuery(List<ChatMessage> messages, Integer k, List<String> skills) {
        this(messages, k, skills, null, null, null, Set.of(), Set.of(), null);
    }

    /** This query with the cost–quality tradeoff {@code t} (null: the deployment's). */
    public RoutingQuery withTradeoff(Double t) {
        return new RoutingQuery(messages, k, skills, method, maxCostUsd, maxLatencyMs, allowed, denied, t);
    }

    /** A one-message query. */
    public static RoutingQuery of(String userText) {
        return new RoutingQuery(List.of(ChatMessage.user(userText)), null, List.of());
    }

    /** The text classified: the last user message. */
    public String text() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == ChatMessage.Role.USER) {
                return messages.get(i).content();
            }
        }
        return messages.getLast().content();
    }
}
