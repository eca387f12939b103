package io.coerouter.router.chat;

import io.coerouter.expert.ExpertRequest;

/**
 * A validated chat-completions request.
 *
 * @param model {@code coe} or an expert id
 * @param expertRequest the conversation and sampling options as experts take them
 * @param stream whether to answer as server-sent events
 * @param includeUsage whether a stream ends with a usage chunk ({@code stream_options.include_usage})
 * @param coe the routing extension
 */
public record ChatCompletionRequest(
        String model, ExpertRequest expertRequest, boolean stream, boolean includeUsage, CoeOptions coe) {}
