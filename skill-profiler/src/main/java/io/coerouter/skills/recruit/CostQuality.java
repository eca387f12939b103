package io.coerouter.skills.recruit;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.Pricing;
import io.coerouter.expert.TokenUsage;
import io.coerouter.skills.classify.SkillScore;
import io.coerouter.skills.profile.ExpertProfile;
import io.coerouter.skills.profile.SkillStats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Cost–quality routing: ranks candidate experts for a query by a {@link TradeoffRule} at a tradeoff {@code t}, from
 * each one's expected accuracy on the query's skills and its expected cost per call.
 *
 * <p>Expected accuracy = Σ p(skill) × accuracy on the skill, the accuracy smoothed by a Beta prior worth {@value
 * #PRIOR_ANSWERS} graded answers whose mean is the expert's accuracy over all its skills (itself Laplace-smoothed,
 * {@code (right + 1) / (graded + 2)}): {@code (right + 2 m) / (graded + 2)}, callers' feedback pseudo-counts counted as
 * graded answers. A skill the expert was never graded on
 * gets its overall accuracy; a few lucky answers move it only part of the way. Expected cost = its prices × (the
 * query's prompt tokens, estimated at four characters a token, + {@link RecruitConfig#expectedOutputTokens()}).
 */
final class CostQuality {

    /** The weight of the Beta prior on a skill's accuracy, in graded answers. */
    static final double PRIOR_ANSWERS = 2;

    private static final double EPSILON = 1e-9;

    /** One candidate's estimates and the rule's score (null: not considered). */
    private record Estimate(String expertId, double accuracy, BigDecimal cost, Double utility) {}

    /**
     * The candidates in the rule's order of preference.
     *
     * @param order expert ids, the rule's winner first
     */
    record Ranking(List<String> order, TradeoffChoice template) {

        /** The explanation, marking the experts {@code chosen}. */
        TradeoffChoice choice(Collection<String> chosen) {
            TradeoffChoice t = template;
            return new TradeoffChoice(
                    t.tradeoff(),
                    t.source(),
                    t.rule(),
                    t.margin(),
                    t.bestAccuracy(),
                    t.requiredAccuracy(),
                    t.promptTokens(),
                    t.outputTokens(),
                    t.candidates().stream()
                            .map(c -> new TradeoffChoice.Candidate(
                                    c.expertId(),
                                    c.expectedAccuracy(),
                                    c.expectedCostUsd(),
                                    c.utility(),
                                    chosen.contains(c.expertId())))
                            .toList(),
                    t.reason());
        }
    }

    private CostQuality() {}

    /** The tradeoff for {@code query}: the request's, else the deployment's; null when neither sets one. */
    static Double tradeoff(RoutingQuery query, RecruitConfig config) {
        return query.tradeoff() != null ? query.tradeoff() : config.tradeoff();
    }

    /**
     * Ranks {@code experts} (at least one) for a query with {@code skills} at tradeoff {@code t}.
     *
     * @param prices each expert's prices (free when unknown)
     */
    static Ranking rank(
            double t,
            RoutingQuery query,
            RecruitConfig config,
            List<SkillScore> skills,
            List<ExpertProfile> experts,
            Function<String, Pricing> prices) {
        long promptTokens = promptTokens(query);
        TokenUsage usage = new TokenUsage(promptTokens, config.expectedOutputTokens());
        double best = 0;
        List<Estimate> raw = new ArrayList<>();
        for (ExpertProfile p : experts) {
            Pricing pricing = prices.apply(p.expertId());
            BigDecimal cost = (pricing == null ? Pricing.FREE : pricing).cost(usage);
            double accuracy = expectedAccuracy(p, skills);
            best = Math.max(best, accuracy);
            raw.add(new Estimate(p.expertId(), accuracy, cost, null));
        }
        double likelyRight = best - config.tradeoffMargin();
        double required =
                config.tradeoffRule() == TradeoffRule.MARGIN ? best - (1 - t) * config.tradeoffMargin() : likelyRight;
        double dearest = raw.stream()
                .filter(e -> e.accuracy() >= likelyRight - EPSILON)
                .mapToDouble(e -> e.cost().doubleValue())
                .max()
                .orElse(0);
        List<Estimate> scored = new ArrayList<>();
        for (Estimate e : raw) {
            double relativeCost = dearest == 0 ? 0 : e.cost().doubleValue() / dearest;
            Double utility = e.accuracy() < required - EPSILON
                    ? null
                    : config.tradeoffRule() == TradeoffRule.MARGIN
                            ? 1 - relativeCost
                            : t * e.accuracy() - (1 - t) * relativeCost;
            scored.add(new Estimate(e.expertId(), e.accuracy(), e.cost(), utility));
        }
        scored.sort(Comparator.comparing((Estimate e) -> e.utility() == null)
                .thenComparing(e -> e.utility() == null ? 0 : -e.utility())
                .thenComparingDouble(e -> -e.accuracy())
                .thenComparing(Estimate::cost)
                .thenComparing(Estimate::expertId));
        String source = query.tradeoff() != null ? "request" : "deployment";
        TradeoffChoice template = new TradeoffChoice(
                t,
                source,
                config.tradeoffRule(),
                config.tradeoffMargin(),
                best,
                required,
                promptTokens,
                config.expectedOutputTokens(),
                scored.stream()
                        .map(e ->
                                new TradeoffChoice.Candidate(e.expertId(), e.accuracy(), e.cost(), e.utility(), false))
                        .toList(),
                reason(t, source, config, best, required));
        return new Ranking(scored.stream().map(Estimate::expertId).toList(), template);
    }

    /** What the rule did at {@code t}, in one sentence. */
    private static String reason(double t, String source, RecruitConfig config, double best, double required) {
        String head = String.format(
                Locale.ROOT,
                "tradeoff %.2f (%s), rule %s: ",
                t,
                source,
                config.tradeoffRule().id());
        if (config.tradeoffRule() == TradeoffRule.MARGIN) {
            return head
                    + String.format(
                            Locale.ROOT,
                            "the cheapest expert whose expected accuracy is at least %.3f (the best, %.3f, less"
                                    + " (1 - %.2f) x margin %.2f)",
                            required,
                            best,
                            t,
                            config.tradeoffMargin());
        }
        return head
                + String.format(
                        Locale.ROOT,
                        "the highest %.2f x expected accuracy - %.2f x cost relative to the dearest candidate, among"
                                + " the experts with an expected accuracy of at least %.3f (the best, %.3f, less"
                                + " margin %.2f)",
                        t,
                        1 - t,
                        required,
                        best,
                        config.tradeoffMargin());
    }

    /** Σ p(skill) × the expert's smoothed accuracy on the skill, over {@code skills} (their probabilities renormalised). */
    static double expectedAccuracy(ExpertProfile p, List<SkillScore> skills) {
        double right = 0;
        double judged = 0;
        for (SkillStats s : p.skills().values()) {
            right += s.right();
            judged += s.judged();
        }
        double prior = (right + 1.0) / (judged + 2.0);
        double mass = 0;
        double sum = 0;
        for (SkillScore s : skills) {
            SkillStats stats = p.on(s.skill());
            sum += s.score() * (stats.right() + PRIOR_ANSWERS * prior) / (stats.judged() + PRIOR_ANSWERS);
            mass += s.score();
        }
        return mass == 0 ? prior : sum / mass;
    }

    /** The query's prompt tokens, roughly: four characters a token over every message, at least one. */
    static long promptTokens(RoutingQuery query) {
        return ChatMessage.estimateTokens(query.messages());
    }
}
