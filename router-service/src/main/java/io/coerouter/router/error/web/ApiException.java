package io.coerouter.router.error.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/** A failure answered as an OpenAI-format error with an HTTP status. */
public class ApiException extends RuntimeException {

    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String API_ERROR = "api_error";
    public static final String RATE_LIMIT = "rate_limit_error";

    private final HttpStatus status;
    private final String type;
    private final String param;
    private final String code;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, String type, String message, String param, String code) {
        this(status, type, message, param, code, null, null);
    }

    public ApiException(
            HttpStatus status,
            String type,
            String message,
            String param,
            String code,
            Duration retryAfter,
            Throwable cause) {
        super(message, cause);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** HTTP 400 {@code invalid_request_error} about {@code param}. */
    public static ApiException invalid(String param, String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, INVALID_REQUEST, message, param, code);
    }

    public HttpStatus status() {
        return status;
    }

    public OpenAiError body() {
        return OpenAiError.of(getMessage(), type, param, code);
    }

    /** How long the client should wait before retrying, for 429 and 503; null otherwise. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The {@code Retry-After} header's value, in whole seconds and at least 1; null without a wait. */
    public String retryAfterHeader() {
        return retryAfter == null ? null : Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    /**
     * Writes this error as the whole response, for servlet filters, which run before {@link ApiExceptionHandler}.
     */
    public void writeTo(HttpServletResponse response, JsonMapper json) throws IOException {
        response.setStatus(status.value());
        response.setContentType("application/json");
        if (retryAfter != null) {
            response.setHeader("Retry-After", retryAfterHeader());
        }
        json.writeValue(response.getOutputStream(), body());
    }
}
