package io.coerouter.skills.recruit;

import io.coerouter.skills.classify.SkillClassification;
import io.coerouter.skills.profile.ExpertProfile;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/** Category routing: the top skill's experts from the category map or the profiles, else the generalist. */
final class CategoryRouting {

    /** Experts chosen and why. */
    private record Choice(List<Recruit> experts, String reason) {}

    private final RecruitConfig config;
    private final String defaultExpert;
    private final Predicate<String> available;

    private CategoryRouting(RecruitConfig config, String defaultExpert, Predicate<String> available) {
        this.config = config;
        this.defaultExpert = defaultExpert;
        this.available = available;
    }

    /** Routes as {@code config} says, with {@code defaultExpert} as the generalist when it names none. */
    static CategoryRouting of(RecruitConfig config, String defaultExpert, Predicate<String> available) {
        return new CategoryRouting(config, defaultExpert, available);
    }

    /** Recruits for the query's top skill; {@code eligibility} has at least one eligible expert. */
    Recruitment recruit(
            RoutingQuery query, SkillClassification classification, Eligibility eligibility, Set<String> known) {
        String top = classification.top();
        double confidence = classification.confidence();
        List<Recruit> ranked = rankFor(top, eligibility.eligible());
        Choice choice = confidence < config.categoryThreshold()
                ? new Choice(
                        List.of(),
                        String.format(
                                Locale.ROOT,
                                "top skill %s at %.2f is under the confidence threshold %.2f",
                                top,
                                confidence,
                                config.categoryThreshold()))
                : mapped(query, top, confidence, eligibility.eligible(), ranked);
        if (choice.experts().isEmpty()) {
            choice = generalist(query, top, confidence, choice.reason(), known);
        }
        return new Recruitment(
                RoutingMethod.CATEGORY.id(),
                choice.experts(),
                choice.reason(),
                classification.skills(),
                classification.method(),
                confidence,
                classification.keywords(),
                ranked,
                eligibility.reasons());
    }

    /** The eligible experts the category map gives {@code top}, or else the most accurate on it; k at most. */
    private Choice mapped(
            RoutingQuery query, String top, double confidence, List<ExpertProfile> eligible, List<Recruit> ranked) {
        int k = query.k() != null ? query.k() : config.k() != null ? config.k() : 1;
        String skill = "skill " + top + String.format(Locale.ROOT, " (%.2f)", confidence);
        if (!config.categories().containsKey(top)) {
            return new Choice(
                    ranked.stream().limit(k).toList(), skill + " maps to the most accurate profiled expert(s) on it");
        }
        List<String> mapped = config.categories().get(top).stream()
                .filter(id -> Eligibility.mayReach(query, id))
                .toList();
        List<Recruit> chosen = mapped.stream()
                .filter(id -> eligible.stream().anyMatch(p -> p.expertId().equals(id)))
                .limit(k)
                .map(id -> new Recruit(id, 1.0))
                .toList();
        return new Choice(chosen, skill + " maps to " + mapped + " in the configured category map");
    }

    /**
     * The generalist, or whom the caller may reach instead; {@code reason} says why no expert was chosen when the
     * classifier was unsure.
     */
    private Choice generalist(RoutingQuery query, String top, double confidence, String reason, Set<String> known) {
        String generalist = config.generalist() != null ? config.generalist() : defaultExpert;
        if (Eligibility.mayReach(query, generalist) && !known.contains(generalist)) {
            throw new IllegalStateException(
                    "category routing needs its generalist '" + generalist + "', which is not registered");
        }
        String why = confidence >= config.categoryThreshold() ? "no eligible expert is mapped to skill " + top : reason;
        Fallback fallback = Fallback.to("generalist", generalist, query, known, available);
        return new Choice(List.of(fallback.recruit()), why + fallback.reason());
    }

    /** Eligible experts by accuracy on {@code skill} (ties: cheaper, then faster), those tested on it only. */
    private static List<Recruit> rankFor(String skill, List<ExpertProfile> eligible) {
        return eligible.stream()
                .filter(p -> p.on(skill).graded() > 0)
                .sorted(Comparator.<ExpertProfile>comparingDouble(
                                p -> -p.on(skill).accuracy())
                        .thenComparing(ExpertProfile::meanCostUsd)
                        .thenComparingDouble(ExpertProfile::meanLatencyMs)
                        .thenComparing(ExpertProfile::expertId))
                .map(p -> new Recruit(p.expertId(), p.on(skill).accuracy()))
                .toList();
    }
}
