package io.coerouter.expert;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A model the router can ask: a remote LLM API or a local model. Callers use {@link #chat(ExpertRequest,
 * TokenListener)}, a template method that validates, times, prices, maps errors and informs listeners around the one
 * hook adapters implement, {@link #doChat(ExpertRequest, TokenListener)}.
 *
 * <p>Calls block; run them on virtual threads. Implementations must be safe for concurrent calls.
 */
public interface Expert {

    /** This expert's declaration. */
    ExpertConfig config();

    /** The id clients use to call this expert directly. */
    default String id() {
        return config().id();
    }

    /** Asks the expert and waits for the whole answer. */
    default ExpertResponse chat(ExpertRequest request) {
        return chat(request, TokenListener.NONE);
    }

    /**
     * Asks the expert, handing generated text to {@code tokens} as it comes (on the calling thread), and returns the
     * whole answer priced and timed.
     *
     * @throws ExpertException whatever failed, mapped to a retriable or non-retriable kind
     */
    default ExpertResponse chat(ExpertRequest request, TokenListener tokens) {
        Objects.requireNonNull(request, "request must not be null");
        Objects.requireNonNull(tokens, "tokens must not be null");
        long start = System.nanoTime();
        ExpertResponse response;
        try {
            response = doChat(request, tokens.streaming() ? new GuardedTokenListener(tokens) : tokens);
        } catch (GuardedTokenListener.ListenerFailure f) {
            // The caller's own listener failed (a client that went away): not the expert's fault.
            throw f.getCause();
        } catch (RuntimeException e) {
            ExpertException error = ExpertErrors.map(id(), e);
            listeners().forEach(l -> l.onError(error, System.nanoTime() - start));
            throw error;
        }
        ExpertResponse done = response.pricedAndTimed(config().pricing(), Duration.ofNanos(System.nanoTime() - start));
        listeners().forEach(l -> l.onResponse(done));
        return done;
    }

    /**
     * Asks the expert several independent questions at once and returns one outcome per request, in order. Local
     * models answer the whole batch in shared forward passes; remote adapters run the calls concurrently. A failure
     * of one request does not fail the others.
     *
     * @param listeners one listener per request (use {@link TokenListener#NONE} for none), called on this thread
     */
    default List<ExpertOutcome> chatBatch(List<ExpertRequest> requests, List<TokenListener> listeners) {
        Objects.requireNonNull(requests, "requests must not be null");
        Objects.requireNonNull(listeners, "listeners must not be null");
        if (requests.size() != listeners.size()) {
            throw new IllegalArgumentException("listeners must hold one listener per request: " + requests.size()
                    + " requests, " + listeners.size() + " listeners");
        }
        requests.forEach(r -> Objects.requireNonNull(r, "requests must not contain null"));
        long start = System.nanoTime();
        List<TokenListener> guarded = listeners.stream()
                .map(l -> l.streaming() ? new GuardedTokenListener(l) : l)
                .toList();
        List<ExpertOutcome> raw;
        try {
            raw = doChatBatch(requests, guarded);
        } catch (GuardedTokenListener.ListenerFailure f) {
            throw f.getCause();
        } catch (RuntimeException e) {
            ExpertException error = ExpertErrors.map(id(), e);
            listeners().forEach(l -> l.onError(error, System.nanoTime() - start));
            return requests.stream().map(r -> ExpertOutcome.of(error)).toList();
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        List<ExpertOutcome> done = raw.stream()
                .map(o ->
                        o.succeeded() ? ExpertOutcome.of(o.response().pricedAndTimed(config().pricing(), latency)) : o)
                .toList();
        for (ExpertOutcome o : done) {
            listeners().forEach(l -> {
                if (o.succeeded()) {
                    l.onResponse(o.response());
                } else {
                    l.onError(o.error(), latency.toNanos());
                }
            });
        }
        return done;
    }

    /**
     * The adapter's batch work; by default each request runs through {@link #doChat} on its own virtual thread, with
     * its tokens handed to its listener on the calling thread. Local adapters override it to share forward passes.
     */
    default List<ExpertOutcome> doChatBatch(List<ExpertRequest> requests, List<TokenListener> listeners) {
        return ConcurrentBatch.run(this, requests, listeners);
    }

    /**
     * The adapter's work: generate an answer, calling {@code tokens} on the calling thread as text arrives when {@link
     * TokenListener#streaming()} is true. Usage is reported; cost and latency are filled in by {@link #chat}.
     */
    ExpertResponse doChat(ExpertRequest request, TokenListener tokens);

    /** Observers of this expert's calls. */
    default List<ExpertListener> listeners() {
        return List.of();
    }

    /**
     * Whether calls made while a batch of this expert runs join that batch between its decoding steps (iteration-level
     * batching, as a local DJL model does): a scheduler then sends them at once instead of holding them until the
     * batch ends. Decorators delegate.
     */
    default boolean joinsRunningBatch() {
        return false;
    }

    /**
     * Whether the expert takes calls now: false while its circuit is open, so routing passes it by. Decorators
     * delegate.
     */
    default boolean available() {
        return true;
    }

    /**
     * The state of its circuit breaker: {@code closed}, {@code open}, {@code half_open}, {@code forced_open} or {@code
     * disabled} (forced closed); {@code none} without one.
     */
    default String circuitState() {
        return "none";
    }

    /**
     * Forces its circuit open or closed, or hands it back to the breaker; decorators delegate.
     *
     * @return false when the expert has no circuit breaker
     */
    default boolean overrideCircuit(CircuitOverride override) {
        return false;
    }

    /** An expert of the adapter type {@code config.adapter()}, found among the installed {@link ExpertProvider}s. */
    static Expert of(ExpertConfig config, ExpertContext context) {
        Objects.requireNonNull(config, "config must not be null");
        Objects.requireNonNull(context, "context must not be null");
        return ExpertProvider.forAdapter(config.adapter()).create(config, context);
    }

    /**
     * {@code expert} with at most {@code config().maxConcurrency()} calls in flight; a call waits for a free slot up to
     * the expert's request timeout, then fails as {@link ExpertErrorKind#UNAVAILABLE}.
     */
    static Expert bounded(Expert expert) {
        return new BoundedExpert(expert);
    }

    /**
     * {@code expert} (a remote one) behind a circuit breaker, retries with backoff and jitter that honour {@code
     * Retry-After}, and a rate limit, as {@code config} sets. Only the provider's failures count against the circuit
     * (server errors, timeouts, broken connections, rate limits, bad credentials); a rejected request does not. A
     * stream that has sent text is never retried. Calls past the requests- or tokens-per-minute limit are refused as
     * {@link ExpertErrorKind#RATE_LIMITED} without reaching the provider.
     *
     * <p>The decorator lives in the expert-resilience module (Resilience4j), found as a {@link ResilienceDecorator}.
     *
     * @throws IllegalStateException when no {@link ResilienceDecorator} is on the class path
     */
    static Expert resilient(Expert expert, ResilienceConfig config) {
        return resilient(expert, config, java.time.Clock.systemUTC());
    }

    /** {@link #resilient(Expert, ResilienceConfig)} with the tokens-per-minute window read from {@code clock}. */
    static Expert resilient(Expert expert, ResilienceConfig config, java.time.Clock clock) {
        return ResilienceDecorator.installed().decorate(expert, config, clock);
    }

    /**
     * Closes {@code expert} when it holds resources ({@link AutoCloseable}, as remote adapters and every {@link
     * ForwardingExpert} decorator are); does nothing for others. A checked failure comes back as an {@link
     * IllegalStateException}.
     */
    static void closeIfCloseable(Expert expert) {
        if (expert instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("expert '" + expert.id() + "' could not be closed: " + e, e);
            }
        }
    }

    /** An expert with the process environment and no listeners. */
    static Expert of(ExpertConfig config) {
        return of(config, ExpertContext.defaults());
    }
}
