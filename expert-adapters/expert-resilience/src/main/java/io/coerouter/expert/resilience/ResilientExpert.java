package io.coerouter.expert.resilience;

import io.coerouter.expert.CircuitOverride;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertErrors;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.ForwardingExpert;
import io.coerouter.expert.GuardedTokenListener;
import io.coerouter.expert.ResilienceConfig;
import io.coerouter.expert.TokenListener;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Resilience4j's circuit breaker, retry and rate limiter, and a tokens-per-minute limit, around one remote expert; see
 * {@link Expert#resilient}.
 */
final class ResilientExpert extends ForwardingExpert {

    /** Failures that say the provider is unwell; anything else (a rejected request, a cancel) does not count. */
    private static final Set<ExpertErrorKind> PROVIDER_FAILURES = EnumSet.of(
            ExpertErrorKind.SERVER_ERROR,
            ExpertErrorKind.TIMEOUT,
            ExpertErrorKind.CONNECTION,
            ExpertErrorKind.INVALID_RESPONSE,
            ExpertErrorKind.RATE_LIMITED,
            ExpertErrorKind.AUTHENTICATION,
            ExpertErrorKind.NOT_FOUND);

    private final ResilienceConfig config;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final RateLimiter limiter;
    private final TokenRateLimit tokenLimit;

    ResilientExpert(Expert delegate, ResilienceConfig config, Clock clock) {
        super(delegate);
        this.config = config;
        this.tokenLimit = config.tokensPerMinute() > 0 ? new TokenRateLimit(config.tokensPerMinute(), clock) : null;
        String id = delegate.id();
        this.breaker = config.circuitBreaker()
                ? CircuitBreaker.of(
                        id,
                        CircuitBreakerConfig.custom()
                                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                                .slidingWindowSize(config.slidingWindowSize())
                                .minimumNumberOfCalls(config.minimumCalls())
                                .failureRateThreshold(config.failureRateThreshold())
                                .slowCallRateThreshold(config.slowCallRateThreshold())
                                .slowCallDurationThreshold(config.slowCallDuration())
                                .waitDurationInOpenState(config.openWait())
                                .permittedNumberOfCallsInHalfOpenState(config.halfOpenCalls())
                                // Routing skips open circuits, so no call would ever move one to half-open.
                                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                                .recordException(ResilientExpert::providerFailure)
                                // The caller's listener failing (a client that left) is neither success nor failure.
                                .ignoreException(t -> t instanceof GuardedTokenListener.ListenerFailure)
                                .build())
                : null;
        this.retry = Retry.of(
                id,
                RetryConfig.<ExpertResponse>custom()
                        .maxAttempts(config.maxAttempts())
                        .retryOnException(this::worthRetrying)
                        .intervalBiFunction(
                                (attempt, outcome) -> waitMillis(attempt, outcome.isLeft() ? outcome.getLeft() : null))
                        .build());
        this.limiter = config.requestsPerMinute() > 0
                ? RateLimiter.of(
                        id,
                        RateLimiterConfig.custom()
                                .limitForPeriod(config.requestsPerMinute())
                                .limitRefreshPeriod(Duration.ofMinutes(1))
                                .timeoutDuration(Duration.ZERO)
                                .build())
                : null;
        if (breaker != null) {
            breaker.getEventPublisher().onStateTransition(e -> listeners()
                    .forEach(l -> l.onCircuitState(
                            id,
                            name(e.getStateTransition().getFromState()),
                            name(e.getStateTransition().getToState()))));
        }
        retry.getEventPublisher().onRetry(e -> {
            ExpertException error = ExpertErrors.map(id, e.getLastThrowable());
            listeners()
                    .forEach(l -> l.onRetry(
                            id,
                            e.getNumberOfRetryAttempts(),
                            error,
                            e.getWaitInterval().toMillis()));
        });
    }

    private static boolean providerFailure(Throwable t) {
        return t instanceof ExpertException e && PROVIDER_FAILURES.contains(e.kind());
    }

    private boolean worthRetrying(Throwable t) {
        if (!(t instanceof ExpertException e) || !e.kind().retriable() || e.kind() == ExpertErrorKind.UNAVAILABLE) {
            return false; // an open circuit, a rejected request, or our own queue being full
        }
        return e.retryAfter().map(d -> d.compareTo(config.maxRetryAfter()) <= 0).orElse(true);
    }

    /** Exponential backoff with jitter, but never shorter than the provider's {@code Retry-After}. */
    private long waitMillis(int attempt, Throwable failure) {
        double base = config.initialBackoff().toMillis() * Math.pow(config.backoffMultiplier(), attempt - 1);
        double capped = Math.min(base, config.maxBackoff().toMillis());
        double jittered = capped
                * (1
                        - config.jitter()
                        + 2 * config.jitter() * ThreadLocalRandom.current().nextDouble());
        long wait = Math.round(Math.min(jittered, config.maxBackoff().toMillis()));
        if (failure instanceof ExpertException e && e.retryAfter().isPresent()) {
            wait = Math.max(wait, e.retryAfter().get().toMillis());
        }
        return wait;
    }

    private static String name(CircuitBreaker.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean available() {
        return (breaker == null
                        || (breaker.getState() != CircuitBreaker.State.OPEN
                                && breaker.getState() != CircuitBreaker.State.FORCED_OPEN))
                && delegate().available();
    }

    @Override
    public boolean overrideCircuit(CircuitOverride override) {
        if (breaker == null) {
            return false;
        }
        switch (override) {
            case FORCED_OPEN -> breaker.transitionToForcedOpenState();
            case FORCED_CLOSED -> breaker.transitionToDisabledState();
            // Back to automatic with a fresh window: old failures should not reopen it at once.
            case AUTOMATIC -> breaker.reset();
        }
        return true;
    }

    @Override
    public String circuitState() {
        return breaker == null ? "none" : name(breaker.getState());
    }

    @Override
    public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
        if (limiter != null && !limiter.acquirePermission()) {
            listeners().forEach(l -> l.onShortCircuit(id(), "rate_limit"));
            throw ExpertException.of(
                    id(),
                    ExpertErrorKind.RATE_LIMITED,
                    "over its limit of " + config.requestsPerMinute() + " requests per minute",
                    0,
                    Duration.ofSeconds(1),
                    null);
        }
        TokenRateLimit.Charge charge = null;
        if (tokenLimit != null) {
            charge = tokenLimit.reserve(TokenRateLimit.estimate(request)).orElse(null);
            if (charge == null) {
                listeners().forEach(l -> l.onShortCircuit(id(), "token_rate_limit"));
                throw ExpertException.of(
                        id(),
                        ExpertErrorKind.RATE_LIMITED,
                        "over its limit of " + config.tokensPerMinute() + " tokens per minute",
                        0,
                        tokenLimit.retryAfter(),
                        null);
            }
        }
        AtomicBoolean streamed = new AtomicBoolean();
        TokenListener watched = TokenListener.noting(tokens, streamed);
        try {
            ExpertResponse response = retry.executeSupplier(() -> attempt(request, watched, streamed));
            if (charge != null) {
                charge.settle(response.usage().totalTokens());
            }
            return response;
        } catch (StreamBroken broken) {
            throw broken.error;
        } catch (CallNotPermittedException open) {
            listeners().forEach(l -> l.onShortCircuit(id(), "circuit_open"));
            if (charge != null) {
                charge.settle(0);
            }
            boolean forced = breaker.getState() == CircuitBreaker.State.FORCED_OPEN;
            throw ExpertException.of(
                    id(),
                    ExpertErrorKind.UNAVAILABLE,
                    forced
                            ? "its circuit was forced open by an operator"
                            : "its circuit is open after repeated failures; retry after " + config.openWait(),
                    0,
                    config.openWait(),
                    null);
        }
    }

    private ExpertResponse attempt(ExpertRequest request, TokenListener tokens, AtomicBoolean streamed) {
        try {
            return breaker == null ? call(request, tokens) : breaker.executeSupplier(() -> call(request, tokens));
        } catch (CallNotPermittedException | GuardedTokenListener.ListenerFailure notTheProvider) {
            throw notTheProvider;
        } catch (RuntimeException e) {
            ExpertException error = ExpertErrors.map(id(), e);
            if (streamed.get()) {
                throw new StreamBroken(error); // text already reached the client: a retry would repeat it
            }
            throw error;
        }
    }

    /** One attempt, its failure in our terms (adapters may throw their client's exceptions from the hook). */
    private ExpertResponse call(ExpertRequest request, TokenListener tokens) {
        try {
            return delegate().doChat(request, tokens);
        } catch (ExpertException | GuardedTokenListener.ListenerFailure e) {
            throw e; // ours already, or the caller's listener failing: never mapped onto a provider failure
        } catch (RuntimeException e) {
            throw ExpertErrors.map(id(), e);
        }
    }

    /** A failure after text was streamed, which must not be retried. */
    private static final class StreamBroken extends RuntimeException {
        final ExpertException error;

        StreamBroken(ExpertException error) {
            super(error.getMessage(), error, false, false);
            this.error = error;
        }
    }
}
