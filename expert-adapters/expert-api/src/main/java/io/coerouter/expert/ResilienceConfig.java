package io.coerouter.expert;

import java.time.Duration;
import java.util.Objects;

/**
 * How a remote expert is protected ({@link Expert#resilient}): a circuit breaker over a sliding window of calls, retries
 * with exponential backoff and jitter that honour {@code Retry-After}, and requests- and tokens-per-minute
 * limits.
 *
 * @param circuitBreaker whether the circuit breaker is on
 * @param failureRateThreshold the percentage of failed calls in the window that opens the circuit, in (0, 100]
 * @param slowCallRateThreshold the percentage of slow calls in the window that opens the circuit, in (0, 100]
 * @param slowCallDuration how long a call must take to count as slow, > 0
 * @param slidingWindowSize calls in the window, > 0
 * @param minimumCalls calls needed in the window before rates are judged, > 0
 * @param openWait how long the circuit stays open before half-open probing, > 0
 * @param halfOpenCalls probe calls let through while half-open, > 0
 * @param maxAttempts attempts per call, including the first, >= 1 (1 turns retries off)
 * @param initialBackoff the wait before the first retry, >= 0
 * @param backoffMultiplier how much each further wait grows, >= 1
 * @param maxBackoff the longest wait between attempts, >= initialBackoff
 * @param jitter the random share of each wait, in [0, 1)
 * @param maxRetryAfter the longest {@code Retry-After} honoured by waiting; a longer one is not retried (the router
 *     fails over instead), >= 0
 * @param requestsPerMinute the most calls started per minute, 0 for no limit
 * @param tokensPerMinute the most tokens (prompt and answer) per sliding minute, 0 for no limit; a call is refused
 *     while the minute's tokens already reach it
 */
public record ResilienceConfig(
        boolean circuitBreaker,
        float failureRateThreshold,
        float slowCallRateThreshold,
        Duration slowCallDuration,
        int slidingWindowSize,
        int minimumCalls,
        Duration openWait,
        int halfOpenCalls,
        int maxAttempts,
        Duration initialBackoff,
        double backoffMultiplier,
        Duration maxBackoff,
        double jitter,
        Duration maxRetryAfter,
        int requestsPerMinute,
        int tokensPerMinute) {

    public ResilienceConfig {
        percentage("failureRateThreshold", failureRateThreshold);
        percentage("slowCallRateThreshold", slowCallRateThreshold);
        positive("slowCallDuration", slowCallDuration);
        positive("slidingWindowSize", slidingWindowSize);
        positive("minimumCalls", minimumCalls);
        positive("openWait", openWait);
        positive("halfOpenCalls", halfOpenCalls);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, but was " + maxAttempts);
        }
        notNegative("initialBackoff", initialBackoff);
        if (backoffMultiplier < 1) {
            throw new IllegalArgumentException("backoffMultiplier must be >= 1, but was " + backoffMultiplier);
        }
        notNegative("maxBackoff", maxBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff must be >= initialBackoff (" + initialBackoff + "), but was " + maxBackoff);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), but was " + jitter);
        }
        notNegative("maxRetryAfter", maxRetryAfter);
        if (requestsPerMinute < 0) {
            throw new IllegalArgumentException("requestsPerMinute must be >= 0, but was " + requestsPerMinute);
        }
        if (tokensPerMinute < 0) {
            throw new IllegalArgumentException("tokensPerMinute must be >= 0, but was " + tokensPerMinute);
        }
    }

    /**
     * The defaults: the circuit opens at 50% failures (or 100% slow calls over 60 s) among the last 20 calls once 10
     * were made, stays open 30 s, then lets 3 probes through; 3 attempts with backoff 0.5 s, 1 s (x2, 50% jitter, at
     * most 10 s), honouring {@code Retry-After} up to 10 s; no rate limits.
     */
    public static ResilienceConfig defaults() {
        return new ResilienceConfig(
                true,
                50,
                100,
                Duration.ofSeconds(60),
                20,
                10,
                Duration.ofSeconds(30),
                3,
                3,
                Duration.ofMillis(500),
                2.0,
                Duration.ofSeconds(10),
                0.5,
                Duration.ofSeconds(10),
                0,
                0);
    }

    private static void percentage(String name, float value) {
        if (!(value > 0 && value <= 100)) {
            throw new IllegalArgumentException(name + " must be in (0, 100], but was " + value);
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, but was " + value);
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, but was " + value);
        }
    }

    private static void notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0, but was " + value);
        }
    }
}
