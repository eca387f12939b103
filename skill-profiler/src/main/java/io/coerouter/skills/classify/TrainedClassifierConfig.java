package io.coerouter.skills.classify;

/**
 * Settings of the trained classifier: softmax-regression heads fitted on the taxonomy's examples when it loads.
 *
 * @param l2 the L2 penalty on the standardised weights (larger: smoother, less sure)
 * @param epochs full-batch Adam steps per head
 * @param views whether a question with answer options is also read as its stem and its options, one head each
 * @param temperature divides the heads' mean log-probability before the final softmax (1: their geometric mean)
 * @param maxChars characters of a query or example embedded at most (the encoder's cost grows with length)
 */
public record TrainedClassifierConfig(double l2, int epochs, boolean views, double temperature, int maxChars) {

    public TrainedClassifierConfig {
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be >= 0, but was " + l2);
        }
        if (epochs < 1 || epochs > 10_000) {
            throw new IllegalArgumentException("epochs must be in 1..10000, but was " + epochs);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be > 0, but was " + temperature);
        }
        if (maxChars < 32) {
            throw new IllegalArgumentException("maxChars must be >= 32, but was " + maxChars);
        }
    }

    /**
     * L2 0.03, 200 steps, three views, temperature 1, 500 characters per view: chosen by repeated stratified 5-fold
     * cross-validation on the MMLU-Pro development set (docs/routing.md).
     */
    public static TrainedClassifierConfig defaults() {
        return new TrainedClassifierConfig(0.03, 200, true, 1.0, 500);
    }
}
