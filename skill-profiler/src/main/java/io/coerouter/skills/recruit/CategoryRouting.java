package io.coerouter.skills.recruit;

import io.coerouter.expert.Pricing;
import io.coerouter.skills.classify.SkillClassification;
import io.coerouter.skills.profile.ExpertProfile;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Category routing: the top skill's experts from the category map or the profiles, else the generalist. With a
 * cost–quality tradeoff, the experts profiled on the top skill are taken in the order of the {@link TradeoffRule}
 * instead of by accuracy; the category map and the generalist rule stay as they are.
 */
final class CategoryRouting {

    /** Experts chosen and why, and how a tradeoff chose them (or null). */
    private record Choice(List<Recruit> experts, String reason, TradeoffChoice tradeoff) {

        Choice(List<Recruit> experts, String reason) {
            this(experts, reason, null);
        }
    }

    private final RecruitConfig config;
    private final String defaultExpert;
    private final Predicate<String> available;
    private final Function<String, Pricing> prices;

    private CategoryRouting(
            RecruitConfig config, String defaultExpert, Predicate<String> available, Function<String, Pricing> prices) {
        this.config = config;
        this.defaultExpert = defaultExpert;
        this.available = available;
        this.prices = prices;
    }

    /** Routes as {@code config} says, with {@code defaultExpert} as the generalist when it names none. */
    static CategoryRouting of(
            RecruitConfig config, String defaultExpert, Predicate<String> available, Function<String, Pricing> prices) {
        return new CategoryRouting(config, defaultExpert, available, prices);
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
                : mapped(query, classification, eligibility.eligible(), ranked);
        if (choice.experts().isEmpty()) {
            choice = generalist(query, top, confidence, choice.reason(), known);
        }
        Double tradeoff = CostQuality.tradeoff(query, config);
        String reason = tradeoff == null || choice.tradeoff() != null
                ? choice.reason()
                : choice.reason()
                        + String.format(
                                Locale.ROOT,
                                "; tradeoff %.2f not applied: it chooses only among the experts profiled on the top skill",
                                tradeoff);
        return new Recruitment(
                RoutingMethod.CATEGORY.id(),
                choice.experts(),
                reason,
                classification.skills(),
                classification.method(),
                confidence,
                classification.keywords(),
                ranked,
                eligibility.reasons(),
                choice.tradeoff());
    }

    /**
     * The eligible experts the category map gives the top skill, or else the most accurate on it (with a tradeoff: the
     * rule's choice among those profiled on it); k at most.
     */
    private Choice mapped(
            RoutingQuery query,
            SkillClassification classification,
            List<ExpertProfile> eligible,
            List<Recruit> ranked) {
        String top = classification.top();
        int k = query.k() != null ? query.k() : config.k() != null ? config.k() : 1;
        String skill = "skill " + top + String.format(Locale.ROOT, " (%.2f)", classification.confidence());
        Double tradeoff = CostQuality.tradeoff(query, config);
        if (!config.categories().containsKey(top) && tradeoff != null && !ranked.isEmpty()) {
            return byTradeoff(tradeoff, query, classification, eligible, ranked, k, skill);
        }
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

    /** Up to k of the experts profiled on the top skill ({@code ranked}, not empty), in the tradeoff rule's order. */
    private Choice byTradeoff(
            double tradeoff,
            RoutingQuery query,
            SkillClassification classification,
            List<ExpertProfile> eligible,
            List<Recruit> ranked,
            int k,
            String skill) {
        Map<String, Recruit> byId = new LinkedHashMap<>();
        ranked.forEach(r -> byId.put(r.expertId(), r));
        List<ExpertProfile> considered =
                eligible.stream().filter(p -> byId.containsKey(p.expertId())).toList();
        CostQuality.Ranking ranking = CostQuality.rank(
                tradeoff,
                query,
                config,
                classification.selected(config.skillMass(), config.maxSkills()),
                considered,
                prices);
        List<Recruit> chosen = ranking.order().stream().limit(k).map(byId::get).toList();
        TradeoffChoice choice =
                ranking.choice(chosen.stream().map(Recruit::expertId).toList());
        return new Choice(
                chosen,
                skill + " maps to the profiled expert(s) on it chosen by cost and quality: " + choice.reason(),
                choice);
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
