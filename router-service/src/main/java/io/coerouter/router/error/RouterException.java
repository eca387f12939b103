package io.coerouter.router.error;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure of the router's domain, typed by {@link ErrorKind}: the message is for the client; {@code param} names
 * the input at fault, {@code code} is the stable machine-readable reason. No HTTP here: the web edge maps the kind.
 */
public class RouterException extends RuntimeException {

    private final ErrorKind kind;
    private final String param;
    private final String code;
    private final Duration retryAfter;

    public RouterException(ErrorKind kind, String message, String param, String code) {
        this(kind, message, param, code, null, null);
    }

    public RouterException(
            ErrorKind kind, String message, String param, String code, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.param = param;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** An {@link ErrorKind#INVALID_REQUEST} about {@code param}. */
    public static RouterException invalid(String param, String code, String message) {
        return new RouterException(ErrorKind.INVALID_REQUEST, message, param, code);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The request field at fault, or null. */
    public String param() {
        return param;
    }

    /** The machine-readable reason, or null. */
    public String code() {
        return code;
    }

    /** How long the client should wait before retrying; null when a retry would not help. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
