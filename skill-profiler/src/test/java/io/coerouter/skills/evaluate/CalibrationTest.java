package io.coerouter.skills.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.coerouter.skills.classify.SkillClassification;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.classify.SkillScore;
import io.coerouter.skills.profile.EvalItem;
import io.coerouter.skills.taxonomy.Skill;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    private static final SkillTaxonomy TAXONOMY =
            new SkillTaxonomy(List.of(new Skill("a", "a", List.of()), new Skill("b", "b", List.of())));

    /** Always says "a" with probability {@code p}. */
    private static SkillClassifier sure(double p) {
        return new SkillClassifier() {
            @Override
            public SkillTaxonomy taxonomy() {
                return TAXONOMY;
            }

            @Override
            public SkillClassification doClassify(String query) {
                return new SkillClassification(
                        "fixed", List.of(new SkillScore("a", p), new SkillScore("b", 1 - p)), List.of());
            }
        };
    }

    private static final List<EvalItem> HALF_A = List.of(
            new EvalItem(1, "q1", "x", List.of("a"), null, null),
            new EvalItem(2, "q2", "x", List.of("b"), null, null),
            new EvalItem(3, "q3", "x", List.of("a"), null, null),
            new EvalItem(4, "q4", "x", List.of("b"), null, null),
            new EvalItem(5, "q5", "x", List.of(), null, null));

    @Test
    void anOverconfidentClassifierHasALargeCalibrationError() {
        Calibration c = Calibration.of(sure(0.9), HALF_A);
        assertThat(c.questions()).isEqualTo(4); // the unlabelled item is skipped
        assertThat(c.accuracy()).isEqualTo(0.5);
        assertThat(c.meanConfidence()).isCloseTo(0.9, within(1e-9));
        assertThat(c.expectedCalibrationError()).isCloseTo(0.4, within(1e-9));
        assertThat(c.negativeLogLikelihood()).isCloseTo(-(Math.log(0.9) + Math.log(0.1)) / 2, within(1e-9));
    }

    @Test
    void theFittedTemperatureIsTheOneWithTheLowestLikelihoodLoss() {
        // Right half the time: p = 0.5 is calibrated and minimises the loss.
        double fitted = Calibration.fitTemperature(t -> sure(t), HALF_A, 0.9, 0.5, 0.7);
        assertThat(fitted).isEqualTo(0.5);
        assertThat(Calibration.of(sure(0.5), HALF_A).expectedCalibrationError()).isCloseTo(0, within(1e-9));
    }

    @Test
    void calibrationNeedsLabels() {
        assertThatThrownBy(() -> Calibration.of(sure(0.5), List.of(new EvalItem(1, "q", "x", List.of(), null, null))))
                .hasMessageContaining("none has a skill");
    }
}
