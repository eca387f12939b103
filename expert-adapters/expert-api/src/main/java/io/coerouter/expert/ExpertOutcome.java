package io.coerouter.expert;

import java.util.Objects;

/**
 * One request's result within a batch: a response, or the error that took its place.
 *
 * @param response the answer, or null when this request failed
 * @param error the failure, or null when it answered
 */
public record ExpertOutcome(ExpertResponse response, ExpertException error) {

    public ExpertOutcome {
        if ((response == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of response and error must be set");
        }
    }

    public static ExpertOutcome of(ExpertResponse response) {
        return new ExpertOutcome(Objects.requireNonNull(response, "response must not be null"), null);
    }

    public static ExpertOutcome of(ExpertException error) {
        return new ExpertOutcome(null, Objects.requireNonNull(error, "error must not be null"));
    }

    public boolean succeeded() {
        return response != null;
    }

    /** The response, or the error thrown. */
    public ExpertResponse orThrow() {
        if (error != null) {
            throw error;
        }
        return response;
    }
}
