package io.coerouter.router.experts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.coerouter.router.config.ResilienceProperties;

/** An expert's resilience settings as {@link StoredDefinition} keeps them; a field left out takes its default. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "circuit_breaker",
    "failure_rate_threshold",
    "slow_call_rate_threshold",
    "slow_call_duration",
    "sliding_window_size",
    "minimum_calls",
    "open_wait",
    "half_open_calls",
    "max_attempts",
    "initial_backoff",
    "backoff_multiplier",
    "max_backoff",
    "jitter",
    "max_retry_after",
    "requests_per_minute",
    "tokens_per_minute"
})
record StoredResilience(
        @JsonProperty("circuit_breaker") Boolean circuitBreaker,
        @JsonProperty("failure_rate_threshold") Float failureRateThreshold,
        @JsonProperty("slow_call_rate_threshold") Float slowCallRateThreshold,
        @JsonProperty("slow_call_duration") String slowCallDuration,
        @JsonProperty("sliding_window_size") Integer slidingWindowSize,
        @JsonProperty("minimum_calls") Integer minimumCalls,
        @JsonProperty("open_wait") String openWait,
        @JsonProperty("half_open_calls") Integer halfOpenCalls,
        @JsonProperty("max_attempts") Integer maxAttempts,
        @JsonProperty("initial_backoff") String initialBackoff,
        @JsonProperty("backoff_multiplier") Double backoffMultiplier,
        @JsonProperty("max_backoff") String maxBackoff,
        @JsonProperty("jitter") Double jitter,
        @JsonProperty("max_retry_after") String maxRetryAfter,
        @JsonProperty("requests_per_minute") Integer requestsPerMinute,
        @JsonProperty("tokens_per_minute") Integer tokensPerMinute) {

    static StoredResilience of(ResilienceProperties r) {
        return new StoredResilience(
                r.circuitBreaker(),
                r.failureRateThreshold(),
                r.slowCallRateThreshold(),
                DurationText.print(r.slowCallDuration()),
                r.slidingWindowSize(),
                r.minimumCalls(),
                DurationText.print(r.openWait()),
                r.halfOpenCalls(),
                r.maxAttempts(),
                DurationText.print(r.initialBackoff()),
                r.backoffMultiplier(),
                DurationText.print(r.maxBackoff()),
                r.jitter(),
                DurationText.print(r.maxRetryAfter()),
                r.requestsPerMinute(),
                r.tokensPerMinute());
    }

    ResilienceProperties toProperties() {
        return new ResilienceProperties(
                circuitBreaker,
                failureRateThreshold,
                slowCallRateThreshold,
                DurationText.parse(slowCallDuration),
                slidingWindowSize,
                minimumCalls,
                DurationText.parse(openWait),
                halfOpenCalls,
                maxAttempts,
                DurationText.parse(initialBackoff),
                backoffMultiplier,
                DurationText.parse(maxBackoff),
                jitter,
                DurationText.parse(maxRetryAfter),
                requestsPerMinute,
                tokensPerMinute);
    }
}
