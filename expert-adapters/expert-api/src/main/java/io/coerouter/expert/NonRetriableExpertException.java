package io.coerouter.expert;

/** An expert error that trying the same call again will not fix. */
public final class NonRetriableExpertException extends ExpertException {

    NonRetriableExpertException(
            String expertId, ExpertErrorKind kind, String detail, int providerStatus, Throwable cause) {
        super(expertId, kind, detail, providerStatus, null, cause);
    }
}
