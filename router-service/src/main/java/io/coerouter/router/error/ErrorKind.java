package io.coerouter.router.error;

/**
 * What went wrong, in the domain's words. The web edge ({@code error.web.HttpErrors}) alone turns a kind into an
 * HTTP status and an OpenAI error type.
 */
public enum ErrorKind {
    /** The request is malformed or a value in it is out of range. */
    INVALID_REQUEST,
    /** The caller may not do this. */
    PERMISSION_DENIED,
    /** The named resource does not exist (or is not the caller's). */
    NOT_FOUND,
    /** The resource is in a state that does not allow this. */
    CONFLICT,
    /** The input is larger than a configured limit. */
    TOO_LARGE,
    /** The client took too long to send its input. */
    REQUEST_TIMEOUT,
    /** Too many requests or tokens in a window; retry later. */
    RATE_LIMITED,
    /** A key's budget is spent. */
    QUOTA_EXCEEDED,
    /** A fault of the router itself. */
    INTERNAL,
    /** An expert (or every recruited expert) failed or answered badly. */
    UPSTREAM_FAILED,
    /** The router or an expert is temporarily unavailable; retry later. */
    UNAVAILABLE,
    /** An expert did not answer in time. */
    UPSTREAM_TIMEOUT
}
