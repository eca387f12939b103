package io.coerouter.router.usage;

import io.coerouter.aggregate.AllCandidatesFailedException;
import io.coerouter.aggregate.Candidate;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.error.ExpertFailures;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.routing.RoutedAnswer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * One request's progress toward a {@link CompletedRequest}: started when the chat edge has parsed and admitted it,
 * finished once with its answer or its failure, which goes to the {@link UsageSink}.
 */
public final class RequestOutcomes {

    /**
     * The model a request that failed as invalid or for an unknown model is counted under, so that a client's made-up
     * model names do not each become a rollup dimension.
     */
    public static final String OTHER_MODEL = "_OTHER";

    private final UsageSink sink;
    private final String id;
    private final String keyId;
    private final ChatCompletionRequest request;
    private final Instant startedAt;
    private final long startNanos;
    private final boolean timed;
    private boolean done;

    private RequestOutcomes(
            UsageSink sink,
            Clock clock,
            String id,
            String keyId,
            ChatCompletionRequest request,
            long startNanos,
            boolean timed) {
        this.sink = sink;
        this.timed = timed;
        this.id = id;
        this.keyId = keyId;
        this.request = request;
        this.startNanos = startNanos;
        this.startedAt = clock.instant().minusNanos(Math.max(0, System.nanoTime() - startNanos));
    }

    /** Starts timing {@code request} (completion {@code id}, key {@code keyId} or null). */
    public static RequestOutcomes start(
            UsageSink sink, Clock clock, String id, String keyId, ChatCompletionRequest request) {
        return new RequestOutcomes(sink, clock, id, keyId, request, System.nanoTime(), true);
    }

    /**
     * A request the router began on at {@code startNanos} ({@link System#nanoTime()}): a Batch API line, reported
     * once its answer is assembled ({@code id}: the batch's id and the line's number). Not timed: its time since
     * {@code startNanos} includes the batch's queueing, so it carries {@link CompletedRequest#NOT_TIMED} and stays
     * out of the latency percentiles.
     */
    public static RequestOutcomes startedAt(
            UsageSink sink, Clock clock, String id, String keyId, ChatCompletionRequest request, long startNanos) {
        return new RequestOutcomes(sink, clock, id, keyId, request, startNanos, false);
    }

    /** The request was answered (the whole answer written, or the stream ended). */
    public void answered(RoutedAnswer answer, String traceId) {
        finish(() -> new CompletedRequest(
                id,
                startedAt,
                keyId,
                request.model(),
                request.stream(),
                null,
                null,
                latency(),
                // An answer from the response cache used no tokens and cost nothing (its trace's cost is zero); its
                // trace's cache object marks it as a cache hit.
                answer.chargedUsage().inputTokens(),
                answer.chargedUsage().outputTokens(),
                answer.trace().costUsd(),
                answer.trace(),
                List.of(),
                traceId,
                request.expertRequest().messages(),
                answer.text()));
    }

    /** The request failed with {@code failure}; returns the failure as the client sees it. */
    public RouterException failed(RuntimeException failure, String traceId) {
        RouterException known = ExpertFailures.known(failure);
        RouterException api = known != null
                ? known
                : new RouterException(io.coerouter.router.error.ErrorKind.INTERNAL, "", null, null);
        finish(() -> new CompletedRequest(
                id,
                startedAt,
                keyId,
                reportedModel(request.model(), api),
                request.stream(),
                api.kind(),
                api.code(),
                latency(),
                0,
                0,
                null,
                null,
                failedExperts(failure),
                traceId,
                request.expertRequest().messages(),
                null));
        return api;
    }

    /** The model a failed request is counted under in usage analytics: {@link #OTHER_MODEL} when it may not exist. */
    static String reportedModel(String model, RouterException api) {
        return modelMayNotExist(api) ? OTHER_MODEL : model;
    }

    /**
     * Whether a request that failed with {@code api} may have named a model no expert has (an invalid request, or the
     * model not found): then its model is the client's text, never a dimension or a label.
     */
    public static boolean modelMayNotExist(RouterException api) {
        return api.kind() == io.coerouter.router.error.ErrorKind.INVALID_REQUEST
                || (api.kind() == io.coerouter.router.error.ErrorKind.NOT_FOUND
                        && "model_not_found".equals(api.code()));
    }

    private long latency() {
        return timed ? System.nanoTime() - startNanos : CompletedRequest.NOT_TIMED;
    }

    /** The experts that failed when none answered, else none. */
    private static List<CompletedRequest.FailedExpert> failedExperts(RuntimeException failure) {
        return failure instanceof AllCandidatesFailedException all
                ? all.candidates().stream()
                        .filter(c -> c.failure() != null)
                        .map(RequestOutcomes::failedExpert)
                        .toList()
                : List.of();
    }

    private static CompletedRequest.FailedExpert failedExpert(Candidate c) {
        return new CompletedRequest.FailedExpert(
                c.expertId(), c.failure().kind().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Hands the request to the sink once; with usage history off nothing is built. */
    private void finish(java.util.function.Supplier<CompletedRequest> completed) {
        if (done) {
            return;
        }
        done = true;
        if (sink != UsageSink.NONE) {
            sink.accept(completed.get());
        }
    }
}
