package io.coerouter.expert;

import com.fasterxml.jackson.core.JacksonException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** The one mapper from transport and provider errors onto {@link ExpertException}s. */
public final class ExpertErrors {

    private ExpertErrors() {}

    /** Maps any throwable raised while calling {@code expertId} onto an {@link ExpertException}. */
    public static ExpertException map(String expertId, Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof ExpertException e) {
            return e;
        }
        HttpException http = httpCause(t);
        if (http != null) {
            return fromStatus(expertId, http.statusCode(), http.getMessage(), t);
        }
        // LangChain4j's typed exceptions (raised when it maps a status itself, or for non-HTTP causes).
        if (t instanceof RateLimitException) {
            return ExpertException.of(expertId, ExpertErrorKind.RATE_LIMITED, providerMessage(t.getMessage()), t);
        }
        if (t instanceof AuthenticationException) {
            return ExpertException.of(expertId, ExpertErrorKind.AUTHENTICATION, providerMessage(t.getMessage()), t);
        }
        if (t instanceof ModelNotFoundException) {
            return ExpertException.of(expertId, ExpertErrorKind.NOT_FOUND, providerMessage(t.getMessage()), t);
        }
        if (t instanceof ContentFilteredException) {
            return ExpertException.of(expertId, ExpertErrorKind.CONTENT_FILTERED, providerMessage(t.getMessage()), t);
        }
        if (t instanceof InvalidRequestException) {
            return ExpertException.of(expertId, badRequestKind(t.getMessage()), providerMessage(t.getMessage()), t);
        }
        if (t instanceof UnresolvedModelServerException) {
            return ExpertException.of(expertId, ExpertErrorKind.CONNECTION, t.getMessage(), t);
        }
        if (t instanceof dev.langchain4j.exception.TimeoutException
                || t instanceof HttpTimeoutException
                || t instanceof TimeoutException) {
            return ExpertException.of(expertId, ExpertErrorKind.TIMEOUT, describe(t), t);
        }
        if (t instanceof InterruptedException || t instanceof CancellationException) {
            return ExpertException.of(expertId, ExpertErrorKind.CANCELLED, describe(t), t);
        }
        if (t instanceof JacksonException) {
            // Jackson's parse errors are IOExceptions, but the fault is the body, not the connection.
            return ExpertException.of(expertId, ExpertErrorKind.INVALID_RESPONSE, describe(t), t);
        }
        if (t instanceof IOException) {
            return ExpertException.of(expertId, ExpertErrorKind.CONNECTION, describe(t), t);
        }
        // A wrapper we do not know may still carry a cause we do (an IOException inside a RuntimeException).
        if (t.getCause() != null && t.getCause() != t) {
            ExpertException fromCause = map(expertId, t.getCause());
            if (fromCause.kind() != ExpertErrorKind.INVALID_RESPONSE) {
                return fromCause;
            }
        }
        return ExpertException.of(expertId, ExpertErrorKind.INVALID_RESPONSE, describe(t), t);
    }

    /** Maps a provider's HTTP status onto the matching kind. */
    public static ExpertException fromStatus(String expertId, int status, String body, Throwable cause) {
        ExpertErrorKind kind =
                switch (status) {
                    case 400, 413, 422 -> badRequestKind(body);
                    case 401, 403 -> ExpertErrorKind.AUTHENTICATION;
                    case 404 -> ExpertErrorKind.NOT_FOUND;
                    case 408, 504 -> ExpertErrorKind.TIMEOUT;
                    case 429 -> ExpertErrorKind.RATE_LIMITED;
                    default -> status >= 500 ? ExpertErrorKind.SERVER_ERROR : ExpertErrorKind.BAD_REQUEST;
                };
        return ExpertException.of(expertId, kind, providerMessage(body), status, null, cause);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * The message a provider's error body carries ({@code error.message}, {@code error}, {@code message} or {@code
     * detail}), never the raw body: a body that is not such JSON (an HTML page, a proxy's dump) is not passed on.
     */
    static String providerMessage(String body) {
        if (body == null || body.isBlank()) {
            return "the provider gave no message";
        }
        try {
            com.fasterxml.jackson.databind.JsonNode json = JSON.readTree(body);
            for (com.fasterxml.jackson.databind.JsonNode candidate : List.of(
                    json.path("error").path("message"),
                    json.path("error"),
                    json.path("message"),
                    json.path("detail"))) {
                if (candidate.isTextual() && !candidate.asText().isBlank()) {
                    return abbreviate(candidate.asText().replaceAll("\\p{Cntrl}", " "));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through
        }
        return "the provider's error body was not passed on (not a JSON error message)";
    }

    /** How providers word a prompt that does not fit: OpenAI and vLLM, Anthropic, Gemini, Azure. */
    private static final List<String> CONTEXT_LENGTH_WORDS = List.of(
            "context_length",
            "context length",
            "maximum context",
            "context window",
            "prompt is too long",
            "exceeds the maximum number of tokens",
            "input token count");

    /** How providers word a filtered request: Azure's {@code content_filter} code and its policy error. */
    private static final List<String> CONTENT_FILTER_WORDS =
            List.of("\"content_filter\"", "responsibleaipolicyviolation", "content management policy");

    private static ExpertErrorKind badRequestKind(String body) {
        String text = body == null ? "" : body.toLowerCase(Locale.ROOT);
        if (CONTEXT_LENGTH_WORDS.stream().anyMatch(text::contains)) {
            return ExpertErrorKind.CONTEXT_LENGTH;
        }
        return CONTENT_FILTER_WORDS.stream().anyMatch(text::contains)
                ? ExpertErrorKind.CONTENT_FILTERED
                : ExpertErrorKind.BAD_REQUEST;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException
                        || current instanceof ExecutionException
                        || current instanceof UncheckedIOException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** LangChain4j wraps the provider's status in typed exceptions (RateLimitException...); find it. */
    private static HttpException httpCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof HttpException http) {
                return http;
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : abbreviate(message);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return null;
        }
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
