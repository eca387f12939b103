package io.coerouter.skills.classify;

import java.util.Objects;

/**
 * How likely a query needs one skill.
 *
 * @param skill the skill id
 * @param score a probability in [0, 1]; the scores of one classification sum to 1
 */
public record SkillScore(String skill, double score) {

    public SkillScore {
        Objects.requireNonNull(skill, "skill must not be null");
        if (!(score >= 0 && score <= 1.0000001)) {
            throw new IllegalArgumentException("score must be in [0, 1], but was " + score);
        }
    }
}
