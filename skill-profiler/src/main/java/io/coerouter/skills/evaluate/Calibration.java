package io.coerouter.skills.evaluate;

import io.coerouter.skills.classify.SkillClassification;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.classify.SkillScore;
import io.coerouter.skills.profile.EvalItem;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * How well a classifier's confidence matches how often it is right, on labelled questions, and the softmax
 * temperature that makes it match best.
 *
 * @param questions labelled questions scored
 * @param accuracy how often the top skill is the label
 * @param meanConfidence the mean top-skill probability
 * @param expectedCalibrationError the gap between confidence and accuracy, averaged over 10 equal-width confidence
 *     bins weighted by their size (0 is perfectly calibrated)
 * @param negativeLogLikelihood the mean of -ln p(label)
 */
public record Calibration(
        int questions,
        double accuracy,
        double meanConfidence,
        double expectedCalibrationError,
        double negativeLogLikelihood) {

    private static final double FLOOR = 1e-12;

    /** Scores {@code classifier} on the items' first skill labels (unlabelled items are skipped). */
    public static Calibration of(SkillClassifier classifier, List<EvalItem> items) {
        int n = 0;
        int right = 0;
        double confidence = 0;
        double nll = 0;
        ConfidenceBins bins = new ConfidenceBins();
        for (EvalItem item : items) {
            if (item.skills().isEmpty()) {
                continue;
            }
            String label = item.skills().getFirst();
            SkillClassification c = classifier.classify(item.question());
            double p = c.skills().stream()
                    .filter(s -> s.skill().equals(label))
                    .mapToDouble(SkillScore::score)
                    .findFirst()
                    .orElse(0);
            boolean ok = c.top().equals(label);
            n++;
            right += ok ? 1 : 0;
            confidence += c.confidence();
            nll -= Math.log(Math.max(p, FLOOR));
            bins.add(c.confidence(), ok);
        }
        if (n == 0) {
            throw new IllegalArgumentException("calibration needs labelled questions, and none has a skill");
        }
        return new Calibration(n, (double) right / n, confidence / n, bins.expectedCalibrationError(), nll / n);
    }

    /**
     * The temperature among {@code candidates} whose classifier has the lowest negative log-likelihood on {@code
     * items} (the standard way to calibrate a softmax: one parameter, fitted on held-out labelled data).
     */
    public static double fitTemperature(
            DoubleFunction<SkillClassifier> classifierAt, List<EvalItem> items, double... candidates) {
        if (candidates.length == 0) {
            throw new IllegalArgumentException("candidates must not be empty");
        }
        double best = candidates[0];
        double bestNll = Double.POSITIVE_INFINITY;
        for (double t : candidates) {
            double nll = of(classifierAt.apply(t), items).negativeLogLikelihood();
            if (nll < bestNll) {
                bestNll = nll;
                best = t;
            }
        }
        return best;
    }
}
