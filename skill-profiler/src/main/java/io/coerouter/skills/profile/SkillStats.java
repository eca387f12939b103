package io.coerouter.skills.profile;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One expert's record on one skill: the counts its profiling run graded, and, in a view made for routing only, the
 * pseudo-counts learnt from callers' feedback since ({@link #withFeedback}). The feedback is never part of a stored or
 * exported profile.
 *
 * @param correct answers graded right
 * @param wrong answers graded wrong
 * @param failed calls that failed (not counted as right or wrong)
 * @param feedbackRight decayed feedback pseudo-counts of right answers (0 in a stored profile)
 * @param feedbackWrong decayed feedback pseudo-counts of wrong answers (0 in a stored profile)
 */
public record SkillStats(
        int correct, int wrong, int failed, @JsonIgnore double feedbackRight, @JsonIgnore double feedbackWrong) {

    public static final SkillStats EMPTY = new SkillStats(0, 0, 0);

    public SkillStats {
        if (correct < 0 || wrong < 0 || failed < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        if (!(feedbackRight >= 0) || !(feedbackWrong >= 0) || Double.isInfinite(feedbackRight + feedbackWrong)) {
            throw new IllegalArgumentException("feedback pseudo-counts must be finite and >= 0, but were "
                    + feedbackRight + " and " + feedbackWrong);
        }
    }

    /** A profiled record without feedback. */
    public SkillStats(int correct, int wrong, int failed) {
        this(correct, wrong, failed, 0, 0);
    }

    /** This record with {@code right} and {@code wrong} feedback pseudo-counts in place of its own. */
    public SkillStats withFeedback(double right, double wrong) {
        return new SkillStats(correct, this.wrong, failed, right, wrong);
    }

    /**
     * The Symbolic-MoE score: +1 per right answer, -1 per wrong one; feedback pseudo-counts count the same way (so
     * the score is a whole number unless there is feedback).
     */
    public double score() {
        return (correct + feedbackRight) - (wrong + feedbackWrong);
    }

    /** Right answers over graded answers, feedback pseudo-counts included; 0 when there are none. */
    public double accuracy() {
        double judged = judged();
        return judged == 0 ? 0 : right() / judged;
    }

    /** Right answers, feedback pseudo-counts included. */
    public double right() {
        return correct + feedbackRight;
    }

    /** Graded answers, feedback pseudo-counts included. */
    public double judged() {
        return correct + wrong + feedbackRight + feedbackWrong;
    }

    /** Graded answers of the profiling run (feedback not included). */
    public int graded() {
        return correct + wrong;
    }

    SkillStats plus(Boolean right) {
        if (right == null) {
            return new SkillStats(correct, wrong, failed + 1);
        }
        return right ? new SkillStats(correct + 1, wrong, failed) : new SkillStats(correct, wrong + 1, failed);
    }
}
