package io.coerouter.router.error.web;

import org.springframework.http.HttpStatus;

/**
 * The error for a bare HTTP status, when a layer below the controllers (the servlet container, its error page) refuses
 * a request and no more is known. The message never quotes the request, an exception or a class name.
 */
public final class StatusErrors {

    private StatusErrors() {}

    /** An OpenAI-format error for {@code status}; unknown or non-error statuses are treated as 500. */
    public static ApiException of(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        if (known == null || !known.isError()) {
            known = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return switch (known) {
            case BAD_REQUEST ->
                invalid(
                        known,
                        "invalid_request",
                        "The request could not be understood: its URL, headers or body are"
                                + " malformed (for example a bad percent-encoding).");
            case UNAUTHORIZED ->
                invalid(known, "missing_api_key", "Missing API key: send it as 'Authorization: Bearer <key>'.");
            case FORBIDDEN -> invalid(known, "access_denied", "No credential may call this URL.");
            case NOT_FOUND -> invalid(known, "unknown_url", "Invalid URL: no endpoint answers it.");
            case METHOD_NOT_ALLOWED -> invalid(known, "method_not_allowed", "This method is not allowed on this URL.");
            // Tomcat's answer to a method no servlet implements (CONNECT): the client's mistake, not the server's.
            case NOT_IMPLEMENTED ->
                invalid(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "This method is not allowed on this URL.");
            case CONTENT_TOO_LARGE -> invalid(known, "request_too_large", "The request body is too large.");
            case URI_TOO_LONG -> invalid(known, "uri_too_long", "The request URL is too long.");
            case HTTP_VERSION_NOT_SUPPORTED ->
                invalid(known, "http_version_not_supported", "This HTTP version is not supported; use HTTP/1.1.");
            case REQUEST_HEADER_FIELDS_TOO_LARGE ->
                invalid(known, "headers_too_large", "The request headers are too large.");
            default ->
                known.is4xxClientError()
                        ? invalid(known, "invalid_request", "The request was refused (HTTP " + known.value() + ").")
                        : new ApiException(
                                known,
                                ApiException.API_ERROR,
                                known == HttpStatus.SERVICE_UNAVAILABLE
                                        ? "The server is unavailable; retry shortly."
                                        : "The server had an error while processing your request.",
                                null,
                                known == HttpStatus.SERVICE_UNAVAILABLE ? "unavailable" : "internal_error");
        };
    }

    private static ApiException invalid(HttpStatus status, String code, String message) {
        return new ApiException(status, ApiException.INVALID_REQUEST, message, null, code);
    }
}
