package io.coerouter.router.error.web;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import org.springframework.http.HttpStatus;

/** The one place a domain {@link ErrorKind} becomes an HTTP status and an OpenAI error type. */
public final class HttpErrors {

    private HttpErrors() {}

    /** The HTTP status that answers {@code kind}. */
    public static HttpStatus status(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
            case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case REQUEST_TIMEOUT -> HttpStatus.REQUEST_TIMEOUT;
            case RATE_LIMITED, QUOTA_EXCEEDED -> HttpStatus.TOO_MANY_REQUESTS;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
            case UPSTREAM_FAILED -> HttpStatus.BAD_GATEWAY;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case UPSTREAM_TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
        };
    }

    /** The OpenAI {@code error.type} for {@code kind}. */
    public static String type(ErrorKind kind) {
        return switch (kind) {
            case RATE_LIMITED -> ApiException.RATE_LIMIT;
            case QUOTA_EXCEEDED -> "insufficient_quota";
            case INTERNAL, UPSTREAM_FAILED, UNAVAILABLE, UPSTREAM_TIMEOUT -> ApiException.API_ERROR;
            default -> ApiException.INVALID_REQUEST;
        };
    }

    /** {@code e} as the HTTP error that answers it. */
    public static ApiException of(RouterException e) {
        return new ApiException(
                status(e.kind()), type(e.kind()), e.getMessage(), e.param(), e.code(), e.retryAfter(), e);
    }
}
