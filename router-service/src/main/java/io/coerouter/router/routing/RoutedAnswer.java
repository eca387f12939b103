package io.coerouter.router.routing;

import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenUsage;

/**
 * The router's answer to one request.
 *
 * @param text the final answer
 * @param finishReason why it ended
 * @param usage tokens of every call made for the request
 * @param trace what was done, for the response's {@code coe} object
 */
public record RoutedAnswer(String text, FinishReason finishReason, TokenUsage usage, CoeTrace trace) {}
