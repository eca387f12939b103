package io.coerouter.skills.profile;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one expert showed on an evaluation set.
 *
 * @param expertId the expert
 * @param skills its record per skill id
 * @param meanLatencyMs mean wall time of one answer (within its batch)
 * @param meanCostUsd mean cost of one answer
 */
public record ExpertProfile(
        String expertId, Map<String, SkillStats> skills, double meanLatencyMs, BigDecimal meanCostUsd) {

    public ExpertProfile {
        Objects.requireNonNull(expertId, "expertId must not be null");
        skills = skills == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skills));
        meanCostUsd = meanCostUsd == null ? BigDecimal.ZERO : meanCostUsd;
    }

    /** Its record on {@code skill} (empty when never tested on it). */
    public SkillStats on(String skill) {
        return skills.getOrDefault(skill, SkillStats.EMPTY);
    }

    /** The sum of its per-skill scores (feedback included, see {@link SkillStats}): Symbolic-MoE's raw global competence. */
    public double totalScore() {
        return skills.values().stream().mapToDouble(SkillStats::score).sum();
    }

    /** Right answers over graded answers, all skills together (feedback pseudo-counts included). */
    public double accuracy() {
        double right = skills.values().stream().mapToDouble(SkillStats::right).sum();
        double judged = skills.values().stream().mapToDouble(SkillStats::judged).sum();
        return judged == 0 ? 0 : right / judged;
    }
}
