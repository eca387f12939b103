package io.coerouter.skills.evaluate;

import io.coerouter.skills.classify.SkillClassification;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.classify.SkillScore;
import io.coerouter.skills.taxonomy.Skill;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/**
 * Repeated stratified k-fold cross-validation of a skill classifier on labelled questions: each repeat shuffles every
 * skill's questions (seeded) and deals them round-robin into the folds, so every fold holds each skill's share; the
 * classifier is built from a taxonomy of the other folds' questions (as examples, with the skill's description) and
 * classifies the held-out fold. Reports top-1 and top-3 accuracy, per skill too, and the expected calibration error.
 *
 * @param classifier the classifier's name, as the caller gave it
 * @param folds folds per repeat
 * @param repeats repeats (each with its own shuffle)
 * @param predictions held-out classifications made (questions × repeats)
 * @param top1 share whose top skill is the labelled one
 * @param top3 share whose labelled skill is among the top three
 * @param perSkillTop1 top-1 accuracy per labelled skill, in taxonomy order
 * @param expectedCalibrationError mean |confidence − accuracy| over 10 equal-width confidence bins, weighted by size
 */
public record CrossValidation(
        String classifier,
        int folds,
        int repeats,
        int predictions,
        double top1,
        double top3,
        Map<String, Double> perSkillTop1,
        double expectedCalibrationError) {

    /** A question labelled with its skill. */
    public record Labelled(String question, String skill) {
        public Labelled {
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(skill, "skill");
        }
    }

    public CrossValidation {
        perSkillTop1 = Collections.unmodifiableMap(new LinkedHashMap<>(perSkillTop1));
    }

    /**
     * Cross-validates the classifiers {@code factory} builds.
     *
     * @param name the classifier's name for the report
     * @param items the labelled questions (each skill needs at least {@code folds} of them)
     * @param descriptions each skill's description, in the order the taxonomy lists them
     * @param factory builds a classifier from a taxonomy of training questions
     */
    public static CrossValidation run(
            String name,
            List<Labelled> items,
            Map<String, String> descriptions,
            Function<SkillTaxonomy, SkillClassifier> factory,
            int folds,
            int repeats,
            long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be >= 2, but was " + folds);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, but was " + repeats);
        }
        List<String> skills = List.copyOf(descriptions.keySet());
        Map<String, List<Labelled>> bySkill = new LinkedHashMap<>();
        skills.forEach(s -> bySkill.put(s, new ArrayList<>()));
        for (Labelled item : items) {
            List<Labelled> list = bySkill.get(item.skill());
            if (list == null) {
                throw new IllegalArgumentException("question labelled with unknown skill '" + item.skill() + "'");
            }
            list.add(item);
        }
        bySkill.forEach((s, list) -> {
            if (list.size() < folds) {
                throw new IllegalArgumentException(
                        "skill '" + s + "' has " + list.size() + " questions, fewer than " + folds + " folds");
            }
        });
        int[] right = new int[skills.size()];
        int[] seen = new int[skills.size()];
        int top3 = 0;
        int n = 0;
        ConfidenceBins bins = new ConfidenceBins();
        for (int r = 0; r < repeats; r++) {
            Random random = new Random(seed + r);
            List<List<Labelled>> shuffled = new ArrayList<>();
            for (String s : skills) {
                List<Labelled> list = new ArrayList<>(bySkill.get(s));
                Collections.shuffle(list, random);
                shuffled.add(list);
            }
            for (int f = 0; f < folds; f++) {
                List<Skill> train = new ArrayList<>();
                List<Labelled> test = new ArrayList<>();
                for (int s = 0; s < skills.size(); s++) {
                    List<String> examples = new ArrayList<>();
                    List<Labelled> list = shuffled.get(s);
                    for (int i = 0; i < list.size(); i++) {
                        if (i % folds == f) {
                            test.add(list.get(i));
                        } else {
                            examples.add(list.get(i).question());
                        }
                    }
                    train.add(new Skill(skills.get(s), descriptions.get(skills.get(s)), examples));
                }
                SkillClassifier classifier = factory.apply(new SkillTaxonomy(train));
                for (Labelled item : test) {
                    SkillClassification c = classifier.classify(item.question());
                    int s = skills.indexOf(item.skill());
                    boolean hit = c.top().equals(item.skill());
                    seen[s]++;
                    n++;
                    if (hit) {
                        right[s]++;
                    }
                    List<SkillScore> ranked = c.skills();
                    for (int k = 0; k < Math.min(3, ranked.size()); k++) {
                        if (ranked.get(k).skill().equals(item.skill())) {
                            top3++;
                            break;
                        }
                    }
                    bins.add(c.confidence(), hit);
                }
            }
        }
        Map<String, Double> perSkill = new LinkedHashMap<>();
        int total = 0;
        for (int s = 0; s < skills.size(); s++) {
            perSkill.put(skills.get(s), seen[s] == 0 ? 0 : (double) right[s] / seen[s]);
            total += right[s];
        }
        return new CrossValidation(
                name,
                folds,
                repeats,
                n,
                (double) total / n,
                (double) top3 / n,
                perSkill,
                bins.expectedCalibrationError());
    }
}
