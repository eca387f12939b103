package io.coerouter.skills.evaluate;

/**
 * Predictions grouped into 10 equal-width bins by their confidence, for the expected calibration error: the gap
 * between mean confidence and accuracy in each bin, weighted by the bin's share of the predictions.
 */
final class ConfidenceBins {

    private final double[] confidence = new double[10];
    private final int[] right = new int[10];
    private final int[] count = new int[10];
    private int total;

    /** Counts one prediction made with {@code confidence} (0..1) that was right or not. */
    void add(double confidence, boolean right) {
        int bin = Math.min(9, (int) (confidence * 10));
        this.confidence[bin] += confidence;
        this.right[bin] += right ? 1 : 0;
        count[bin]++;
        total++;
    }

    /** The expected calibration error of what was added (0 when nothing was). */
    double expectedCalibrationError() {
        double ece = 0;
        for (int b = 0; b < 10; b++) {
            if (count[b] > 0) {
                ece += Math.abs(confidence[b] / count[b] - (double) right[b] / count[b]) * count[b] / total;
            }
        }
        return ece;
    }
}
