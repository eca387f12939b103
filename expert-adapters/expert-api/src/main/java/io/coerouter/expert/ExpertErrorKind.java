package io.coerouter.expert;

/** What went wrong in an expert call; each kind is either worth retrying or not. */
public enum ExpertErrorKind {
    /** The expert rejected the request as malformed or invalid. */
    BAD_REQUEST(false, "rejected the request"),
    /** The prompt does not fit the expert's context window. */
    CONTEXT_LENGTH(false, "context window exceeded"),
    /** Credentials were missing or refused. */
    AUTHENTICATION(false, "authentication failed"),
    /** The provider does not know the configured model or endpoint. */
    NOT_FOUND(false, "model or endpoint not found"),
    /** The expert's configuration or files are unusable (a missing file, a model that fails to load). */
    MISCONFIGURED(false, "misconfigured"),
    /** The provider filtered the content. */
    CONTENT_FILTERED(false, "content filtered"),
    /** The provider asked us to slow down. */
    RATE_LIMITED(true, "rate limited"),
    /** The provider failed (HTTP 5xx). */
    SERVER_ERROR(true, "server error"),
    /** No answer within the timeout. */
    TIMEOUT(true, "timed out"),
    /** The connection failed or broke mid-way. */
    CONNECTION(true, "connection failed"),
    /** The provider answered something we could not understand. */
    INVALID_RESPONSE(true, "invalid response"),
    /** The expert cannot take more work right now (at its concurrency limit, loading, draining). */
    UNAVAILABLE(true, "unavailable"),
    /** The caller gave up (interrupted or cancelled). */
    CANCELLED(false, "cancelled");

    private final boolean retriable;
    private final String state;

    ExpertErrorKind(boolean retriable, String state) {
        this.retriable = retriable;
        this.state = state;
    }

    /** Whether the same call may succeed if tried again later. */
    public boolean retriable() {
        return retriable;
    }

    /** A few words for messages: "expert 'x' timed out". */
    public String state() {
        return state;
    }
}
