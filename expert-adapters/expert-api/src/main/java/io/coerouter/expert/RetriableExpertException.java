package io.coerouter.expert;

import java.time.Duration;

/** An expert error that may go away if the call is tried again later, or on another expert. */
public final class RetriableExpertException extends ExpertException {

    RetriableExpertException(
            String expertId,
            ExpertErrorKind kind,
            String detail,
            int providerStatus,
            Duration retryAfter,
            Throwable cause) {
        super(expertId, kind, detail, providerStatus, retryAfter, cause);
    }
}
