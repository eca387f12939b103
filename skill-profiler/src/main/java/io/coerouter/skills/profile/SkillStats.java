package io.coerouter.skills.profile;

/**
 * One expert's record on one skill.
 *
 * @param correct answers graded right
 * @param wrong answers graded wrong
 * @param failed calls that failed (not counted as right or wrong)
 */
public record SkillStats(int correct, int wrong, int failed) {

    public static final SkillStats EMPTY = new SkillStats(0, 0, 0);

    public SkillStats {
        if (correct < 0 || wrong < 0 || failed < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    /** The Symbolic-MoE score: +1 per right answer, -1 per wrong one. */
    public int score() {
        return correct - wrong;
    }

    /** Right answers over graded answers; 0 when none was graded. */
    public double accuracy() {
        int graded = correct + wrong;
        return graded == 0 ? 0 : (double) correct / graded;
    }

    /** Graded answers. */
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
