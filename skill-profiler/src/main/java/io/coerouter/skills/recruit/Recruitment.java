package io.coerouter.skills.recruit;

import io.coerouter.skills.classify.SkillScore;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A recruiter's decision: the experts, best first, and how they were chosen.
 *
 * @param method the recruiting method, e.g. {@code symbolic-moe}, {@code category}, {@code default-expert}
 * @param experts the recruited experts, best first; never empty (an expert may appear twice when repeats are on)
 * @param reason one sentence a person can read
 * @param skills the query's skills with their probabilities, most likely first; empty when none were classified
 * @param classification how the skills were found ({@code embedding-knn}, {@code keywords}, {@code explicit}...), or
 *     null
 * @param confidence the classifier's confidence in its top skill, or null
 * @param keywords the keyword model's keywords (keyword mode only)
 * @param candidates every eligible expert with its weight, best first (what the choice was made from)
 * @param excluded experts left out before choosing, with why
 * @param tradeoff how a cost–quality tradeoff chose, or null when none applied
 */
public record Recruitment(
        String method,
        List<Recruit> experts,
        String reason,
        List<SkillScore> skills,
        String classification,
        Double confidence,
        List<String> keywords,
        List<Recruit> candidates,
        Map<String, String> excluded,
        TradeoffChoice tradeoff) {

    public Recruitment {
        Objects.requireNonNull(method, "method must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
        if (experts == null || experts.isEmpty()) {
            throw new IllegalArgumentException("experts must not be empty");
        }
        experts = List.copyOf(experts);
        skills = skills == null ? List.of() : List.copyOf(skills);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        excluded = excluded == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(excluded));
    }

    /** A decision without a cost–quality tradeoff. */
    public Recruitment(
            String method,
            List<Recruit> experts,
            String reason,
            List<SkillScore> skills,
            String classification,
            Double confidence,
            List<String> keywords,
            List<Recruit> candidates,
            Map<String, String> excluded) {
        this(method, experts, reason, skills, classification, confidence, keywords, candidates, excluded, null);
    }

    /** A decision with no classification behind it. */
    public Recruitment(String method, List<Recruit> experts, String reason) {
        this(method, experts, reason, List.of(), null, null, List.of(), List.of(), Map.of(), null);
    }
}
