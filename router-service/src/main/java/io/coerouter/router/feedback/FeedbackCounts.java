package io.coerouter.router.feedback;

/**
 * Feedback pseudo-counts of right and wrong answers as they stood at one moment; they decay from then on ({@link
 * FeedbackRule#decay}).
 *
 * @param right pseudo-counts of right answers, at least 0
 * @param wrong pseudo-counts of wrong answers, at least 0
 * @param atMillis the moment, in epoch milliseconds
 */
public record FeedbackCounts(double right, double wrong, long atMillis) {

    public FeedbackCounts {
        if (!(right >= 0) || !(wrong >= 0) || Double.isInfinite(right) || Double.isInfinite(wrong)) {
            throw new IllegalArgumentException(
                    "pseudo-counts must be finite and >= 0, but were " + right + " and " + wrong);
        }
    }

    /** These counts as they stand at {@code nowMillis}, decayed with {@code halfLifeMillis}. */
    public FeedbackCounts at(long nowMillis, long halfLifeMillis) {
        return new FeedbackCounts(
                FeedbackRule.decay(right, atMillis, nowMillis, halfLifeMillis),
                FeedbackRule.decay(wrong, atMillis, nowMillis, halfLifeMillis),
                Math.max(nowMillis, atMillis));
    }

    /** Whether so little is left that it counts as nothing. */
    public boolean negligible() {
        return right + wrong < FeedbackRule.NEGLIGIBLE;
    }
}
