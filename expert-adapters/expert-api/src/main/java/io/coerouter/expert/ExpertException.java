package io.coerouter.expert;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The root of every error an expert call raises. Its two subclasses split errors worth retrying from those that are
 * not; {@link #kind()} says what went wrong and the message names the expert and its state.
 */
public abstract sealed class ExpertException extends RuntimeException
        permits RetriableExpertException, NonRetriableExpertException {

    private final String expertId;
    private final ExpertErrorKind kind;
    private final int providerStatus;
    private final Duration retryAfter;

    ExpertException(
            String expertId,
            ExpertErrorKind kind,
            String detail,
            int providerStatus,
            Duration retryAfter,
            Throwable cause) {
        super(message(expertId, kind, detail, providerStatus), cause);
        this.expertId = Objects.requireNonNull(expertId, "expertId must not be null");
        this.kind = Objects.requireNonNull(kind, "kind must not be null");
        this.providerStatus = providerStatus;
        this.retryAfter = retryAfter;
    }

    private static String message(String expertId, ExpertErrorKind kind, String detail, int providerStatus) {
        StringBuilder sb =
                new StringBuilder("expert '").append(expertId).append("' ").append(kind.state());
        if (providerStatus > 0) {
            sb.append(" (HTTP ").append(providerStatus).append(')');
        }
        if (detail != null && !detail.isBlank()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }

    /** An exception of the subclass that {@code kind} calls for. */
    public static ExpertException of(String expertId, ExpertErrorKind kind, String detail, Throwable cause) {
        return of(expertId, kind, detail, 0, null, cause);
    }

    /**
     * An exception of the subclass that {@code kind} calls for.
     *
     * @param providerStatus the provider's HTTP status, or 0 when there was none
     * @param retryAfter how long the provider asked us to wait, or null
     */
    public static ExpertException of(
            String expertId,
            ExpertErrorKind kind,
            String detail,
            int providerStatus,
            Duration retryAfter,
            Throwable cause) {
        return kind.retriable()
                ? new RetriableExpertException(expertId, kind, detail, providerStatus, retryAfter, cause)
                : new NonRetriableExpertException(expertId, kind, detail, providerStatus, cause);
    }

    public String expertId() {
        return expertId;
    }

    public ExpertErrorKind kind() {
        return kind;
    }

    public boolean retriable() {
        return kind.retriable();
    }

    /** The HTTP status the provider answered, when it answered one. */
    public Optional<Integer> providerStatus() {
        return providerStatus > 0 ? Optional.of(providerStatus) : Optional.empty();
    }

    /** How long the provider asked us to wait before trying again, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
