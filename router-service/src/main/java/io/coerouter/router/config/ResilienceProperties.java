package io.coerouter.router.config;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One remote expert's protection, under {@code coe.experts[].resilience}; the defaults are {@link
 * io.coerouter.expert.ResilienceConfig#defaults()}.
 */
public record ResilienceProperties(
        @DefaultValue("true") boolean circuitBreaker,
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("100") float slowCallRateThreshold,
        @DefaultValue("60s") Duration slowCallDuration,
        @DefaultValue("20") int slidingWindowSize,
        @DefaultValue("10") int minimumCalls,
        @DefaultValue("30s") Duration openWait,
        @DefaultValue("3") int halfOpenCalls,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("500ms") Duration initialBackoff,
        @DefaultValue("2.0") double backoffMultiplier,
        @DefaultValue("10s") Duration maxBackoff,
        @DefaultValue("0.5") double jitter,
        @DefaultValue("10s") Duration maxRetryAfter,
        @DefaultValue("0") int requestsPerMinute,
        @DefaultValue("0") int tokensPerMinute) {

    /** The library config; its validation names the offending setting. */
    public io.coerouter.expert.ResilienceConfig toConfig() {
        return new io.coerouter.expert.ResilienceConfig(
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
