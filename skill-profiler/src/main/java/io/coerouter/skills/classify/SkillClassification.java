package io.coerouter.skills.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The skills a query needs, most likely first.
 *
 * @param method how they were found: {@code embedding-centroid}, {@code embedding-knn}, {@code keywords} or {@code
 *     explicit}
 * @param skills every skill with its probability, most likely first; probabilities sum to 1
 * @param keywords the keywords a keyword model gave (keyword mode only; else empty)
 */
public record SkillClassification(String method, List<SkillScore> skills, List<String> keywords) {

    public SkillClassification {
        Objects.requireNonNull(method, "method must not be null");
        if (skills == null || skills.isEmpty()) {
            throw new IllegalArgumentException("skills must not be empty");
        }
        skills = skills.stream()
                .sorted(Comparator.comparingDouble(SkillScore::score).reversed())
                .toList();
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    /** Probabilities from raw scores by a softmax at {@code temperature}. */
    static SkillClassification softmax(String method, List<String> ids, double[] raw, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double r : raw) {
            max = Math.max(max, r);
        }
        double[] p = new double[raw.length];
        double sum = 0;
        for (int i = 0; i < raw.length; i++) {
            p[i] = Math.exp((raw[i] - max) / temperature);
            sum += p[i];
        }
        List<SkillScore> scores = new ArrayList<>(ids.size());
        for (int i = 0; i < raw.length; i++) {
            scores.add(new SkillScore(ids.get(i), p[i] / sum));
        }
        return new SkillClassification(method, scores, List.of());
    }

    /** The most likely skill's probability: the classifier's confidence. */
    public double confidence() {
        return skills.getFirst().score();
    }

    /** The most likely skill. */
    public String top() {
        return skills.getFirst().skill();
    }

    /**
     * The query's skills: the most likely ones until their probabilities reach {@code mass}, at most {@code max}; the
     * kept probabilities are renormalised to sum to 1.
     */
    public List<SkillScore> selected(double mass, int max) {
        List<SkillScore> kept = new ArrayList<>();
        double total = 0;
        for (SkillScore s : skills) {
            if (kept.size() == max || (total >= mass && !kept.isEmpty())) {
                break;
            }
            kept.add(s);
            total += s.score();
        }
        double sum = total;
        return kept.stream()
                .map(s -> new SkillScore(s.skill(), sum == 0 ? 1.0 / kept.size() : s.score() / sum))
                .toList();
    }
}
