package io.coerouter.router.feedback;

/**
 * What one feedback adds to one expert's record on one skill.
 *
 * @param key the expert and skill
 * @param right pseudo-counts of right answers added
 * @param wrong pseudo-counts of wrong answers added
 */
public record Contribution(FeedbackKey key, double right, double wrong) {

    public Contribution {
        java.util.Objects.requireNonNull(key, "key must not be null");
        if (!(right >= 0) || !(wrong >= 0) || Double.isInfinite(right) || Double.isInfinite(wrong)) {
            throw new IllegalArgumentException("a contribution must be finite and >= 0");
        }
    }
}
