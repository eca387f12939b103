package io.coerouter.router.error;

import io.coerouter.aggregate.AllCandidatesFailedException;
import io.coerouter.expert.ExpertException;
import java.time.Duration;

/** How an expert's failure reaches the client: the status and code for each kind of error. */
public final class ExpertFailures {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ExpertFailures.class);

    private ExpertFailures() {}

    /**
     * The client's view of a failed routing: one recruited expert's own error, or a gateway error listing every
     * cause when several failed.
     */
    public static RouterException toApi(AllCandidatesFailedException e) {
        if (e.candidates().size() == 1 && e.candidates().getFirst().failure() != null) {
            return toApi(e.candidates().getFirst().failure());
        }
        return new RouterException(ErrorKind.UPSTREAM_FAILED, e.getMessage(), null, "all_experts_failed", null, e);
    }

    /** Any failure of the request path, for where no exception handler runs (a stream already under way). */
    public static RouterException toApi(RuntimeException e) {
        RouterException known = known(e);
        if (known != null) {
            return known;
        }
        // Its text may name classes, URLs or host paths: the log's, not the client's.
        log.warn("the answer failed: {}", String.valueOf(e));
        return new RouterException(
                ErrorKind.UPSTREAM_FAILED, "The answer failed; see the router's log.", null, "stream_failed", null, e);
    }

    /**
     * A failure of the domain (the router's own, an expert's, every recruited expert's) as the client sees it; null for
     * anything else (a bug), which is not logged here.
     */
    public static RouterException known(RuntimeException e) {
        return switch (e) {
            case RouterException api -> api;
            case ExpertException expert -> toApi(expert);
            case AllCandidatesFailedException all -> toApi(all);
            default -> null;
        };
    }

    public static RouterException toApi(ExpertException e) {
        String message = e.getMessage();
        return switch (e.kind()) {
            case BAD_REQUEST ->
                new RouterException(ErrorKind.INVALID_REQUEST, message, null, "expert_rejected_request", null, e);
            case CONTEXT_LENGTH ->
                new RouterException(ErrorKind.INVALID_REQUEST, message, "messages", "context_length_exceeded", null, e);
            case CONTENT_FILTERED ->
                new RouterException(ErrorKind.INVALID_REQUEST, message, null, "content_filter", null, e);
            case RATE_LIMITED ->
                new RouterException(
                        ErrorKind.RATE_LIMITED,
                        message,
                        null,
                        "expert_rate_limited",
                        e.retryAfter().orElse(Duration.ofSeconds(1)),
                        e);
            case UNAVAILABLE ->
                new RouterException(
                        ErrorKind.UNAVAILABLE,
                        message,
                        null,
                        "expert_unavailable",
                        e.retryAfter().orElse(Duration.ofSeconds(1)),
                        e);
            case TIMEOUT -> new RouterException(ErrorKind.UPSTREAM_TIMEOUT, message, null, "expert_timeout", null, e);
            case CANCELLED -> new RouterException(ErrorKind.UNAVAILABLE, message, null, "expert_cancelled", null, e);
            // Our configuration or the provider is at fault, not the client: a gateway error.
            case AUTHENTICATION, NOT_FOUND, MISCONFIGURED, SERVER_ERROR, CONNECTION, INVALID_RESPONSE ->
                new RouterException(
                        ErrorKind.UPSTREAM_FAILED,
                        message,
                        null,
                        "expert_" + e.kind().name().toLowerCase(java.util.Locale.ROOT),
                        null,
                        e);
        };
    }
}
