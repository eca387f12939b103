package io.coerouter.router.feedback.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.feedback.Feedback;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What a feedback changed: for each expert and skill, the pseudo-counts it added and the totals routing now uses.
 *
 * @param object always {@code coe.feedback}
 * @param id the completion
 * @param score the score given
 * @param expert the expert it was given on, or null for every expert that answered
 * @param replaced whether it replaced an earlier feedback on the same completion (the latest one counts)
 * @param updated per expert and skill, in order
 */
public record FeedbackResponse(
        String object, String id, double score, String expert, boolean replaced, List<Updated> updated) {

    /**
     * One expert's record on one skill.
     *
     * @param right pseudo-counts of right answers this feedback added
     * @param wrong pseudo-counts of wrong answers this feedback added
     * @param feedbackRight all feedback's right pseudo-counts for the expert on the skill now (decayed)
     * @param feedbackWrong all feedback's wrong pseudo-counts for the expert on the skill now (decayed)
     */
    @Schema(name = "FeedbackUpdate")
    public record Updated(
            String expert,
            String skill,
            double right,
            double wrong,
            @JsonProperty("feedback_right") double feedbackRight,
            @JsonProperty("feedback_wrong") double feedbackWrong) {}

    static FeedbackResponse of(Feedback.Given given) {
        return new FeedbackResponse(
                "coe.feedback",
                given.id(),
                given.score(),
                given.expert(),
                given.replaced(),
                given.updated().stream()
                        .map(u -> new Updated(
                                u.expert(),
                                u.skill(),
                                round(u.right()),
                                round(u.wrong()),
                                round(u.totalRight()),
                                round(u.totalWrong())))
                        .toList());
    }

    static double round(double v) {
        return Math.round(v * 1_000_000) / 1_000_000.0;
    }
}
