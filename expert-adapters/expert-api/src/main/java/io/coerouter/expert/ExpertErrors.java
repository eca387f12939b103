package io.coerouter.expert;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapper from transport and provider errors onto {@link ExpertException}s.
 *
 * <p>What an exception's message says reaches gateway clients, so it holds only the expert's id, the kind of failure
 * and, for a provider's HTTP error, the provider's own message, cut short and scrubbed of credentials ({@link
 * SecretScrubber}). Everything else (exception text, URLs, addresses, parser output) goes to the router's log at WARN,
 * scrubbed too; the exception's cause is a scrubbed copy of the original.
 *
 * <p>A client library's own exceptions (LangChain4j's HTTP and typed exceptions) are read through the {@link
 * ProviderErrors} installed beside it.
 */
public final class ExpertErrors {

    private static final Logger log = LoggerFactory.getLogger(ExpertErrors.class);

    /** The client libraries' exception readers on the class path. */
    private static final List<ProviderErrors> PROVIDERS = ProviderErrors.installed();

    private ExpertErrors() {}

    /** Maps any throwable raised while calling {@code expertId} onto an {@link ExpertException}. */
    public static ExpertException map(String expertId, Throwable error) {
        return map(expertId, error, List.of());
    }

    /**
     * Maps any throwable raised while calling {@code expertId} onto an {@link ExpertException}, removing {@code
     * secrets} (the expert's configured credentials) from every message it passes on or logs.
     */
    public static ExpertException map(String expertId, Throwable error, Collection<String> secrets) {
        Throwable t = unwrap(error);
        if (t instanceof ExpertException e) {
            return e;
        }
        ProviderErrors.HttpAnswer http = httpCause(t);
        if (http != null) {
            return fromStatus(expertId, http.status(), http.body(), scrubbed(t, secrets), secrets);
        }
        // A client library's typed exceptions (raised when it maps a status itself, or for non-HTTP causes).
        ExpertErrorKind provider = providerKind(t);
        if (provider != null) {
            return ExpertException.of(
                    expertId, provider, providerMessage(t.getMessage(), secrets), scrubbed(t, secrets));
        }
        ExpertErrorKind kind = transportKind(t);
        if (kind == null) {
            kind = ExpertErrorKind.INVALID_RESPONSE;
        }
        log.warn("expert '{}' {}: {}", expertId, kind.state(), SecretScrubber.scrub(abbreviate(chain(t)), secrets));
        return ExpertException.of(expertId, kind, generic(kind), scrubbed(t, secrets));
    }

    /** The detail a client sees for an expert whose configuration or files are at fault. */
    public static final String NOT_CONFIGURED = "the expert is not configured correctly; see the router's log";

    /**
     * A {@code kind} failure whose {@code detail} (a path, a variable's name, a loader's text) is for the operator: it
     * goes to the log at WARN and into the exception's cause, and the client reads {@link #NOT_CONFIGURED}.
     */
    public static ExpertException configuration(String expertId, ExpertErrorKind kind, String detail, Throwable cause) {
        log.warn("expert '{}' {}: {}", expertId, kind.state(), abbreviate(SecretScrubber.scrub(detail, List.of())));
        ScrubbedCause kept = new ScrubbedCause(SecretScrubber.scrub(detail, List.of()));
        if (cause != null) {
            kept.setStackTrace(cause.getStackTrace());
        }
        return ExpertException.of(expertId, kind, NOT_CONFIGURED, kept);
    }

    /** The client's detail for a failure whose own text stays in the log. */
    private static String generic(ExpertErrorKind kind) {
        return switch (kind) {
            case CONNECTION -> "the expert could not be reached; see the router's log";
            case TIMEOUT -> "no answer in time";
            case CANCELLED -> "the call was cancelled";
            default -> "the expert gave an answer that could not be read; see the router's log";
        };
    }

    private static ExpertErrorKind providerKind(Throwable t) {
        for (ProviderErrors provider : PROVIDERS) {
            ExpertErrorKind kind = provider.providerKind(t);
            if (kind != null) {
                return kind;
            }
        }
        return null;
    }

    /** The kind of a failure that is not the provider's answer, looking through unknown wrappers; null if unknown. */
    private static ExpertErrorKind transportKind(Throwable t) {
        for (ProviderErrors provider : PROVIDERS) {
            ExpertErrorKind kind = provider.transportKind(t);
            if (kind != null) {
                return kind;
            }
        }
        if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
            return ExpertErrorKind.TIMEOUT;
        }
        if (t instanceof InterruptedException || t instanceof CancellationException) {
            return ExpertErrorKind.CANCELLED;
        }
        if (t instanceof JacksonException) {
            // Jackson's parse errors are IOExceptions, but the fault is the body, not the connection.
            return ExpertErrorKind.INVALID_RESPONSE;
        }
        if (t instanceof IOException) {
            return ExpertErrorKind.CONNECTION;
        }
        // A wrapper we do not know may still carry a cause we do (an IOException inside a RuntimeException).
        Throwable cause = t.getCause();
        return cause != null && cause != t ? transportKind(unwrap(cause)) : null;
    }

    /** A copy of {@code t} for the exception's cause: its class, its scrubbed message, its stack, no further causes. */
    private static Throwable scrubbed(Throwable t, Collection<String> secrets) {
        ScrubbedCause copy = new ScrubbedCause(
                t.getClass().getName() + ": " + SecretScrubber.scrub(String.valueOf(t.getMessage()), secrets));
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    /** The messages of {@code t} and its causes, for the log. */
    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable c = t; c != null && depth < 5; c = c.getCause() == c ? null : c.getCause(), depth++) {
            if (depth > 0) {
                sb.append(" <- ");
            }
            sb.append(c.getClass().getName());
            if (c.getMessage() != null) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString();
    }

    /** The scrubbed stand-in for an original cause. */
    static final class ScrubbedCause extends RuntimeException {
        ScrubbedCause(String message) {
            super(message, null, false, true);
        }
    }

    /** Maps a provider's HTTP status onto the matching kind. */
    public static ExpertException fromStatus(String expertId, int status, String body, Throwable cause) {
        return fromStatus(expertId, status, body, cause, List.of());
    }

    /** Maps a provider's HTTP status onto the matching kind, removing {@code secrets} from its message. */
    public static ExpertException fromStatus(
            String expertId, int status, String body, Throwable cause, Collection<String> secrets) {
        ExpertErrorKind kind =
                switch (status) {
                    case 400, 413, 422 -> badRequestKind(body);
                    case 401, 403 -> ExpertErrorKind.AUTHENTICATION;
                    case 404 -> ExpertErrorKind.NOT_FOUND;
                    case 408, 504 -> ExpertErrorKind.TIMEOUT;
                    case 429 -> ExpertErrorKind.RATE_LIMITED;
                    default -> status >= 500 ? ExpertErrorKind.SERVER_ERROR : ExpertErrorKind.BAD_REQUEST;
                };
        return ExpertException.of(expertId, kind, providerMessage(body, secrets), status, null, cause);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * The message a provider's error body carries ({@code error.message}, {@code error}, {@code message} or {@code
     * detail}), never the raw body: a body that is not such JSON (an HTML page, a proxy's dump) is not passed on.
     */
    static String providerMessage(String body) {
        return providerMessage(body, List.of());
    }

    /** The provider's message as {@link #providerMessage(String)} finds it, with {@code secrets} removed. */
    static String providerMessage(String body, Collection<String> secrets) {
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
                    return abbreviate(SecretScrubber.scrub(candidate.asText().replaceAll("\\p{Cntrl}", " "), secrets));
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

    /** The kind of a rejected request whose answer says {@code body}: an oversized prompt, a filter, or a plain 400. */
    public static ExpertErrorKind badRequestKind(String body) {
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

    /** Client libraries wrap the provider's status in typed exceptions (RateLimitException...); find it. */
    private static ProviderErrors.HttpAnswer httpCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (ProviderErrors provider : PROVIDERS) {
                ProviderErrors.HttpAnswer answer = provider.httpAnswer(c);
                if (answer != null) {
                    return answer;
                }
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return null;
        }
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
