package io.coerouter.router.chat;

import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertRequest;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A validated chat-completions request.
 *
 * @param model {@code coe} or an expert id
 * @param expertRequest the conversation and sampling options as experts take them
 * @param stream whether to answer as server-sent events
 * @param includeUsage whether a stream ends with a usage chunk ({@code stream_options.include_usage})
 * @param coe the routing extension
 * @param allowedExperts the experts the caller's API key may reach, named or recruited, in the key's order (the first
 *     available one answers when routing would fall back outside them); empty: all
 */
public record ChatCompletionRequest(
        String model,
        ExpertRequest expertRequest,
        boolean stream,
        boolean includeUsage,
        CoeOptions coe,
        Set<String> allowedExperts) {

    public ChatCompletionRequest {
        allowedExperts =
                allowedExperts == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(allowedExperts));
    }

    /** This request limited to the experts its caller's key may reach (empty: all). */
    public ChatCompletionRequest withAllowedExperts(Set<String> experts) {
        return new ChatCompletionRequest(model, expertRequest, stream, includeUsage, coe, experts);
    }

    /** Whether the request asked for the router ({@code model: coe}) rather than a named expert. */
    public boolean routed() {
        return model.equals(ExpertConfig.RESERVED_ID);
    }
}
