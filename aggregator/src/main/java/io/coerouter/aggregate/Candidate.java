package io.coerouter.aggregate;

import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertResponse;
import java.util.Objects;

/**
 * One recruited expert's outcome: an answer, or the error that took its place.
 *
 * @param expertId the expert
 * @param score its routing score
 * @param response its answer, or null when it failed
 * @param failure its error, or null when it answered
 */
public record Candidate(String expertId, double score, ExpertResponse response, ExpertException failure) {

    public Candidate {
        Objects.requireNonNull(expertId, "expertId must not be null");
        if ((response == null) == (failure == null)) {
            throw new IllegalArgumentException(
                    "exactly one of response and failure must be set (expert '" + expertId + "')");
        }
    }

    public static Candidate answered(double score, ExpertResponse response) {
        return new Candidate(response.expertId(), score, response, null);
    }

    /** An answer known only by its text (e.g. replayed from an evaluation), with no usage or cost. */
    public static Candidate answered(String expertId, double score, String text) {
        return answered(
                score,
                ExpertResponse.of(
                        expertId, text, io.coerouter.expert.FinishReason.STOP, io.coerouter.expert.TokenUsage.ZERO));
    }

    public static Candidate failed(double score, ExpertException failure) {
        return new Candidate(failure.expertId(), score, null, failure);
    }

    public boolean succeeded() {
        return response != null;
    }
}
