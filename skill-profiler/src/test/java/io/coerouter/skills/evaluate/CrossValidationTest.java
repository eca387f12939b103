package io.coerouter.skills.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.skills.classify.SkillClassification;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.classify.SkillScore;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    private static final Map<String, String> SKILLS = new LinkedHashMap<>(Map.of("alpha", "A.", "beta", "B."));

    private static List<CrossValidation.Labelled> items() {
        List<CrossValidation.Labelled> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(new CrossValidation.Labelled("alpha question " + i, "alpha"));
            items.add(new CrossValidation.Labelled("beta question " + i, "beta"));
        }
        return items;
    }

    /** Classifies by the first word: always right, fully sure. */
    private static SkillClassifier firstWord(SkillTaxonomy t) {
        return new SkillClassifier() {
            @Override
            public SkillTaxonomy taxonomy() {
                return t;
            }

            @Override
            public SkillClassification doClassify(String query) {
                String top = query.split(" ")[0];
                String other = top.equals("alpha") ? "beta" : "alpha";
                return new SkillClassification(
                        "first-word", List.of(new SkillScore(top, 1.0), new SkillScore(other, 0.0)), List.of());
            }
        };
    }

    @Test
    void everyQuestionIsHeldOutOncePerRepeatAndNeverTrainedOnInItsFold() {
        Set<String> leaked = new HashSet<>();
        CrossValidation cv = CrossValidation.run(
                "first-word",
                items(),
                new LinkedHashMap<>(SKILLS),
                t -> {
                    Set<String> trained = new HashSet<>();
                    t.skills().forEach(s -> trained.addAll(s.examples()));
                    SkillClassifier inner = firstWord(t);
                    return new SkillClassifier() {
                        @Override
                        public SkillTaxonomy taxonomy() {
                            return t;
                        }

                        @Override
                        public SkillClassification doClassify(String q) {
                            if (trained.contains(q)) {
                                leaked.add(q);
                            }
                            return inner.classify(q);
                        }
                    };
                },
                5,
                2,
                1);
        assertThat(leaked).isEmpty();
        assertThat(cv.predictions()).isEqualTo(40);
        assertThat(cv.top1()).isEqualTo(1.0);
        assertThat(cv.top3()).isEqualTo(1.0);
        assertThat(cv.perSkillTop1()).containsEntry("alpha", 1.0).containsEntry("beta", 1.0);
        assertThat(cv.expectedCalibrationError()).isZero();
    }

    @Test
    void aClassifierThatAlwaysSaysAlphaIsRightHalfTheTimeAndOverconfident() {
        CrossValidation cv = CrossValidation.run(
                "always-alpha",
                items(),
                new LinkedHashMap<>(SKILLS),
                t -> new SkillClassifier() {
                    @Override
                    public SkillTaxonomy taxonomy() {
                        return t;
                    }

                    @Override
                    public SkillClassification doClassify(String q) {
                        return new SkillClassification(
                                "alpha", List.of(new SkillScore("alpha", 0.9), new SkillScore("beta", 0.1)), List.of());
                    }
                },
                5,
                1,
                1);
        assertThat(cv.top1()).isEqualTo(0.5);
        assertThat(cv.perSkillTop1()).containsEntry("alpha", 1.0).containsEntry("beta", 0.0);
        assertThat(cv.expectedCalibrationError()).isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void tooFewQuestionsForTheFoldsOrAnUnknownSkillAreRefused() {
        assertThatThrownBy(() -> CrossValidation.run(
                        "x",
                        items().subList(0, 6),
                        new LinkedHashMap<>(SKILLS),
                        CrossValidationTest::firstWord,
                        5,
                        1,
                        1))
                .hasMessageContaining("fewer than 5 folds");
        List<CrossValidation.Labelled> odd = new ArrayList<>(items());
        odd.add(new CrossValidation.Labelled("gamma", "gamma"));
        assertThatThrownBy(() -> CrossValidation.run(
                        "x", odd, new LinkedHashMap<>(SKILLS), CrossValidationTest::firstWord, 5, 1, 1))
                .hasMessageContaining("unknown skill 'gamma'");
    }
}
