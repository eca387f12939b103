package io.coerouter.router.experts.web;

import io.coerouter.router.config.ResilienceProperties;
import java.time.Duration;

/**
 * {@code resilience} in an admin request: only what is set; the rest takes {@link
 * io.coerouter.expert.ResilienceConfig#defaults()} (through {@link ResilienceProperties}).
 */
public record ResilienceRequest(
        Boolean circuitBreaker,
        Float failureRateThreshold,
        Float slowCallRateThreshold,
        Duration slowCallDuration,
        Integer slidingWindowSize,
        Integer minimumCalls,
        Duration openWait,
        Integer halfOpenCalls,
        Integer maxAttempts,
        Duration initialBackoff,
        Double backoffMultiplier,
        Duration maxBackoff,
        Double jitter,
        Duration maxRetryAfter,
        Integer requestsPerMinute,
        Integer tokensPerMinute) {

    ResilienceProperties toProperties() {
        return new ResilienceProperties(
                circuitBreaker,
                failureRateThreshold,
                slowCallRateThreshold,
                slowCallDuration,
                slidingWindowSize,
                minimumCalls,
                openWait,
                halfOpenCalls,
                maxAttempts,
                initialBackoff,
                backoffMultiplier,
                maxBackoff,
                jitter,
                maxRetryAfter,
                requestsPerMinute,
                tokensPerMinute);
    }
}
