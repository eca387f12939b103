package io.coerouter.router.error.web;

import io.coerouter.aggregate.AllCandidatesFailedException;
import io.coerouter.expert.ExpertException;
import io.coerouter.router.error.ExpertFailures;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.state.StateUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.JsonNodeException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Turns every exception into an OpenAI-format error: 4xx for client mistakes, never a stack trace. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(RouterException.class)
    ResponseEntity<OpenAiError> domain(RouterException e) {
        return respond(e);
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<OpenAiError> api(ApiException e) {
        return respond(e);
    }

    @ExceptionHandler(StateUnavailableException.class)
    ResponseEntity<OpenAiError> stateUnavailable(StateUnavailableException e) {
        log.warn("shared state unavailable: {}", e.getMessage());
        return respond(new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                ApiException.API_ERROR,
                "The shared state store (Redis) is unavailable, so this change cannot be saved; retry shortly."
                        + " Chat requests are still served.",
                null,
                "state_unavailable",
                Duration.ofSeconds(5),
                e));
    }

    @ExceptionHandler(ExpertException.class)
    ResponseEntity<OpenAiError> expert(ExpertException e) {
        log.debug("expert call failed: {}", e.getMessage());
        return respond(ExpertFailures.toApi(e));
    }

    @ExceptionHandler(AllCandidatesFailedException.class)
    ResponseEntity<OpenAiError> allFailed(AllCandidatesFailedException e) {
        return respond(ExpertFailures.toApi(e));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<OpenAiError> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof RouterException domain) {
            return respond(domain);
        }
        if (cause instanceof ApiException api) {
            return respond(api);
        }
        if (cause instanceof JacksonException jackson) {
            return respond(JsonBodies.invalid(jackson));
        }
        return respond(ApiException.invalid(
                null,
                "invalid_json",
                "We could not parse the JSON body of your request: the body is missing or empty. Send a JSON object."));
    }

    /**
     * A body read as JSON somewhere below the edge that could not be read, or a value of the wrong kind taken from it:
     * the client's input, so a 400 in plain words, never Jackson's message.
     */
    @ExceptionHandler({StreamReadException.class, JsonNodeException.class, MismatchedInputException.class})
    ResponseEntity<OpenAiError> jackson(JacksonException e, HttpServletRequest request) {
        log.warn(
                "request body refused by the JSON reader on {} {}: {}",
                JsonBodies.echo(request.getMethod()),
                JsonBodies.echo(request.getRequestURI()),
                e.getClass().getSimpleName());
        if (e instanceof StreamReadException) {
            return respond(JsonBodies.invalid(e));
        }
        return respond(ApiException.invalid(
                null, "invalid_value", "A value in the request body has the wrong type or is out of range."));
    }

    /**
     * The firewall's refusal of a request part that is only read inside Spring MVC (a form field's name, say):
     * the client's malformed input, answered like the firewall's other refusals.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<OpenAiError> rejected(RequestRejectedException e) {
        return respond(StatusErrors.of(400));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<OpenAiError> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return respond(new ApiException(
                HttpStatus.METHOD_NOT_ALLOWED,
                ApiException.INVALID_REQUEST,
                "Method " + JsonBodies.echo(e.getMethod()) + " is not allowed on "
                        + JsonBodies.echo(request.getRequestURI()) + "; use "
                        + e.getSupportedHttpMethods() + ".",
                null,
                "method_not_allowed"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<OpenAiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(new ApiException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ApiException.INVALID_REQUEST,
                "Content type "
                        + (e.getContentType() == null
                                ? "(none)"
                                : JsonBodies.echo(e.getContentType().toString()))
                        + " is not supported; send application/json.",
                null,
                "unsupported_media_type"));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<OpenAiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(new ApiException(
                HttpStatus.NOT_ACCEPTABLE,
                ApiException.INVALID_REQUEST,
                "This endpoint answers application/json (or text/event-stream when streaming).",
                null,
                "not_acceptable"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<OpenAiError> missingParameter(MissingServletRequestParameterException e) {
        return respond(ApiException.invalid(
                e.getParameterName(),
                "missing_required_parameter",
                "Missing required parameter: '" + e.getParameterName() + "'."));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<OpenAiError> missingPart(MissingServletRequestPartException e) {
        String part = JsonBodies.echo(e.getRequestPartName());
        return respond(ApiException.invalid(
                part, "missing_required_parameter", "Missing required multipart field: '" + part + "'."));
    }

    /** A query or path parameter that does not convert (`limit=abc`): named, its value not repeated. */
    @ExceptionHandler(TypeMismatchException.class)
    ResponseEntity<OpenAiError> typeMismatch(TypeMismatchException e) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        String expected = type == null
                ? "another kind of value"
                : switch (type.getSimpleName()) {
                    case "int", "Integer", "long", "Long" -> "an integer";
                    case "boolean", "Boolean" -> "true or false";
                    default -> "another kind of value";
                };
        return respond(ApiException.invalid(
                name, "invalid_type", "Invalid value for '" + JsonBodies.echo(name) + "': expected " + expected + "."));
    }

    /** A Content-Type or Accept header that is not a media type at all. */
    @ExceptionHandler(InvalidMediaTypeException.class)
    ResponseEntity<OpenAiError> invalidMediaType(InvalidMediaTypeException e) {
        return respond(new ApiException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ApiException.INVALID_REQUEST,
                "A media type header of the request is not valid; send Content-Type: application/json.",
                null,
                "unsupported_media_type"));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<OpenAiError> uploadTooLarge(MaxUploadSizeExceededException e) {
        return respond(new ApiException(
                HttpStatus.CONTENT_TOO_LARGE,
                ApiException.INVALID_REQUEST,
                "The uploaded file is larger than the limit (coe.batch.max-file-size).",
                "file",
                "file_too_large"));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<OpenAiError> notMultipart(MultipartException e) {
        return respond(ApiException.invalid(
                "file",
                "invalid_request",
                "Upload files as multipart/form-data (with a boundary) with the fields 'file' and 'purpose'."));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<OpenAiError> notFound(NoResourceFoundException e, HttpServletRequest request) {
        return respond(new ApiException(
                HttpStatus.NOT_FOUND,
                ApiException.INVALID_REQUEST,
                "Invalid URL (" + JsonBodies.echo(request.getMethod()) + " " + JsonBodies.echo(request.getRequestURI())
                        + ").",
                null,
                "unknown_url"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<OpenAiError> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse mvc && mvc.getStatusCode().is4xxClientError()) {
            // Any other Spring MVC refusal of the request (binding, missing path variable, ...): its status, our words.
            HttpStatus status = HttpStatus.resolve(mvc.getStatusCode().value());
            return respond(new ApiException(
                    status == null ? HttpStatus.BAD_REQUEST : status,
                    ApiException.INVALID_REQUEST,
                    "The request was refused: " + (status == null ? "bad request" : status.getReasonPhrase()) + ".",
                    null,
                    "invalid_request"));
        }
        log.error(
                "unexpected error on {} {}",
                JsonBodies.echo(request.getMethod()),
                JsonBodies.echo(request.getRequestURI()),
                e);
        return respond(new ApiException(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ApiException.API_ERROR,
                "The server had an error while processing your request. It has been logged.",
                null,
                "internal_error"));
    }

    static ResponseEntity<OpenAiError> respond(RouterException e) {
        return respond(HttpErrors.of(e));
    }

    static ResponseEntity<OpenAiError> respond(ApiException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, e.retryAfterHeader());
        }
        return response.body(e.body());
    }
}
