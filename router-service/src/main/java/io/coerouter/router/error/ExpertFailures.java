package io.coerouter.router.error;

import io.coerouter.aggregate.AllCandidatesFailedException;
import io.coerouter.expert.ExpertException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** How an expert's failure reaches the client: the status and code for each kind of error. */
public final class ExpertFailures {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ExpertFailures.class);

    private ExpertFailures() {}

    /**
     * The client's view of a failed routing: one recruited expert's own error, or a gateway error listing every
     * cause when several failed.
     */
    public static ApiException toApi(AllCandidatesFailedException e) {
        if (e.candidates().size() == 1 && e.candidates().getFirst().failure() != null) {
            return toApi(e.candidates().getFirst().failure());
        }
        return new ApiException(
                HttpStatus.BAD_GATEWAY, ApiException.API_ERROR, e.getMessage(), null, "all_experts_failed", null, e);
    }

    /** Any failure of the request path, for where no exception handler runs (a stream already under way). */
    public static ApiException toApi(RuntimeException e) {
        return switch (e) {
            case ApiException api -> api;
            case ExpertException expert -> toApi(expert);
            case AllCandidatesFailedException all -> toApi(all);
            default -> {
                // Its text may name classes, URLs or host paths: the log's, not the client's.
                log.warn("the answer failed: {}", String.valueOf(e));
                yield new ApiException(
                        HttpStatus.BAD_GATEWAY,
                        ApiException.API_ERROR,
                        "The answer failed; see the router's log.",
                        null,
                        "stream_failed",
                        null,
                        e);
            }
        };
    }

    public static ApiException toApi(ExpertException e) {
        String message = e.getMessage();
        return switch (e.kind()) {
            case BAD_REQUEST ->
                new ApiException(
                        HttpStatus.BAD_REQUEST,
                        ApiException.INVALID_REQUEST,
                        message,
                        null,
                        "expert_rejected_request",
                        null,
                        e);
            case CONTEXT_LENGTH ->
                new ApiException(
                        HttpStatus.BAD_REQUEST,
                        ApiException.INVALID_REQUEST,
                        message,
                        "messages",
                        "context_length_exceeded",
                        null,
                        e);
            case CONTENT_FILTERED ->
                new ApiException(
                        HttpStatus.BAD_REQUEST, ApiException.INVALID_REQUEST, message, null, "content_filter", null, e);
            case RATE_LIMITED ->
                new ApiException(
                        HttpStatus.TOO_MANY_REQUESTS,
                        ApiException.RATE_LIMIT,
                        message,
                        null,
                        "expert_rate_limited",
                        e.retryAfter().orElse(Duration.ofSeconds(1)),
                        e);
            case UNAVAILABLE ->
                new ApiException(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        ApiException.API_ERROR,
                        message,
                        null,
                        "expert_unavailable",
                        e.retryAfter().orElse(Duration.ofSeconds(1)),
                        e);
            case TIMEOUT ->
                new ApiException(
                        HttpStatus.GATEWAY_TIMEOUT, ApiException.API_ERROR, message, null, "expert_timeout", null, e);
            case CANCELLED ->
                new ApiException(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        ApiException.API_ERROR,
                        message,
                        null,
                        "expert_cancelled",
                        null,
                        e);
            // Our configuration or the provider is at fault, not the client: a gateway error.
            case AUTHENTICATION, NOT_FOUND, MISCONFIGURED, SERVER_ERROR, CONNECTION, INVALID_RESPONSE ->
                new ApiException(
                        HttpStatus.BAD_GATEWAY,
                        ApiException.API_ERROR,
                        message,
                        null,
                        "expert_" + e.kind().name().toLowerCase(java.util.Locale.ROOT),
                        null,
                        e);
        };
    }
}
