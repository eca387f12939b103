package io.coerouter.router.experts.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.coerouter.router.config.ResilienceProperties;
import io.coerouter.router.experts.DurationText;

/** An expert's resilience settings as the admin API shows them ({@code definition.resilience}). */
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
public record ResilienceJson(
        @JsonProperty("circuit_breaker") boolean circuitBreaker,
        @JsonProperty("failure_rate_threshold") float failureRateThreshold,
        @JsonProperty("slow_call_rate_threshold") float slowCallRateThreshold,
        @JsonProperty("slow_call_duration") String slowCallDuration,
        @JsonProperty("sliding_window_size") int slidingWindowSize,
        @JsonProperty("minimum_calls") int minimumCalls,
        @JsonProperty("open_wait") String openWait,
        @JsonProperty("half_open_calls") int halfOpenCalls,
        @JsonProperty("max_attempts") int maxAttempts,
        @JsonProperty("initial_backoff") String initialBackoff,
        @JsonProperty("backoff_multiplier") double backoffMultiplier,
        @JsonProperty("max_backoff") String maxBackoff,
        @JsonProperty("jitter") double jitter,
        @JsonProperty("max_retry_after") String maxRetryAfter,
        @JsonProperty("requests_per_minute") int requestsPerMinute,
        @JsonProperty("tokens_per_minute") int tokensPerMinute) {

    static ResilienceJson of(ResilienceProperties r) {
        return new ResilienceJson(
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
}
