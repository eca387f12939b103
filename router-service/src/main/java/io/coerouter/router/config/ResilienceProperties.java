package io.coerouter.router.config;

import io.coerouter.expert.ResilienceConfig;
import java.time.Duration;

/**
 * One remote expert's protection, under {@code coe.experts[].resilience}. Spring binds only what is set; every unset
 * field takes its value from {@link ResilienceConfig#defaults()}, the one home of the defaults, so a bound record is
 * always complete.
 */
public record ResilienceProperties(
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

    public ResilienceProperties {
        ResilienceConfig d = ResilienceConfig.defaults();
        circuitBreaker = circuitBreaker != null ? circuitBreaker : d.circuitBreaker();
        failureRateThreshold = failureRateThreshold != null ? failureRateThreshold : d.failureRateThreshold();
        slowCallRateThreshold = slowCallRateThreshold != null ? slowCallRateThreshold : d.slowCallRateThreshold();
        slowCallDuration = slowCallDuration != null ? slowCallDuration : d.slowCallDuration();
        slidingWindowSize = slidingWindowSize != null ? slidingWindowSize : d.slidingWindowSize();
        minimumCalls = minimumCalls != null ? minimumCalls : d.minimumCalls();
        openWait = openWait != null ? openWait : d.openWait();
        halfOpenCalls = halfOpenCalls != null ? halfOpenCalls : d.halfOpenCalls();
        maxAttempts = maxAttempts != null ? maxAttempts : d.maxAttempts();
        initialBackoff = initialBackoff != null ? initialBackoff : d.initialBackoff();
        backoffMultiplier = backoffMultiplier != null ? backoffMultiplier : d.backoffMultiplier();
        maxBackoff = maxBackoff != null ? maxBackoff : d.maxBackoff();
        jitter = jitter != null ? jitter : d.jitter();
        maxRetryAfter = maxRetryAfter != null ? maxRetryAfter : d.maxRetryAfter();
        requestsPerMinute = requestsPerMinute != null ? requestsPerMinute : d.requestsPerMinute();
        tokensPerMinute = tokensPerMinute != null ? tokensPerMinute : d.tokensPerMinute();
    }

    /** Every field at its default. */
    public static ResilienceProperties defaults() {
        return new ResilienceProperties(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The library config; its validation names the offending setting. */
    public ResilienceConfig toConfig() {
        return new ResilienceConfig(
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
