package io.coerouter.skills.recruit;

import io.coerouter.expert.Pricing;
import io.coerouter.skills.classify.SkillClassification;
import io.coerouter.skills.classify.SkillScore;
import io.coerouter.skills.profile.ExpertProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Symbolic-MoE routing: weighs each eligible expert by its local skill score times its global competence. With a
 * cost–quality tradeoff, the k experts are taken from the same candidates (positive weight) in the order of the
 * {@link TradeoffRule} instead of by weight.
 */
final class SymbolicMoe {

    private final RecruitConfig config;
    private final Function<String, Pricing> prices;

    private SymbolicMoe(RecruitConfig config, Function<String, Pricing> prices) {
        this.config = config;
        this.prices = prices;
    }

    static SymbolicMoe of(RecruitConfig config, Function<String, Pricing> prices) {
        return new SymbolicMoe(config, prices);
    }

    /** Recruits k of the eligible experts with positive weight; {@code eligibility} has at least one eligible. */
    Recruitment recruit(RoutingQuery query, SkillClassification classification, Eligibility eligibility) {
        List<ExpertProfile> eligible = eligibility.eligible();
        List<SkillScore> selected = classification.selected(config.skillMass(), config.maxSkills());
        List<Recruit> candidates = candidates(eligible, local(selected, eligible));
        int k = k(query, classification, selected);
        Double tradeoff = CostQuality.tradeoff(query, config);
        List<Recruit> chosen;
        TradeoffChoice choice = null;
        if (tradeoff == null) {
            chosen = WeightedChoice.choose(config, candidates, k);
        } else {
            Map<String, Recruit> byId =
                    candidates.stream().collect(Collectors.toMap(Recruit::expertId, c -> c, (a, b) -> a));
            List<ExpertProfile> considered = eligible.stream()
                    .filter(p -> byId.containsKey(p.expertId()))
                    .toList();
            CostQuality.Ranking ranking = CostQuality.rank(tradeoff, query, config, selected, considered, prices);
            chosen = WeightedChoice.topK(ranking.order().stream().map(byId::get).toList(), k, config.repeats());
            choice = ranking.choice(chosen.stream().map(Recruit::expertId).toList());
        }
        String skillText = selected.stream()
                .map(s -> String.format(Locale.ROOT, "%s (%.2f)", s.skill(), s.score()))
                .reduce((a, b) -> a + ", " + b)
                .orElse("none");
        String reason = String.format(
                Locale.ROOT,
                "skills %s by %s; %d of %d eligible experts with positive weight; k=%d (%s); chose %s",
                skillText,
                classification.method(),
                candidates.size(),
                eligible.size(),
                k,
                query.k() != null ? "asked for" : config.k() != null ? "configured" : "dynamic",
                chosen.stream().map(Recruit::expertId).toList());
        if (choice != null) {
            reason += " by cost and quality: " + choice.reason();
        }
        return new Recruitment(
                RoutingMethod.SYMBOLIC_MOE.id(),
                chosen,
                reason,
                classification.skills(),
                classification.method(),
                classification.confidence(),
                classification.keywords(),
                candidates,
                eligibility.reasons(),
                choice);
    }

    /** Each expert's local score on the query's skills; all shifted positive when none is. */
    private static double[] local(List<SkillScore> selected, List<ExpertProfile> eligible) {
        int n = eligible.size();
        double[] local = new double[n];
        for (int i = 0; i < n; i++) {
            for (SkillScore s : selected) {
                local[i] += s.score() * eligible.get(i).on(s.skill()).score();
            }
        }
        boolean anyPositive = false;
        for (double l : local) {
            anyPositive |= l > 0;
        }
        if (!anyPositive) {
            double min = Arrays.stream(local).min().orElse(0);
            for (int i = 0; i < n; i++) {
                local[i] += -min + 1;
            }
        }
        return local;
    }

    /** The experts with positive weight (local score times competence, normalised), heaviest first. */
    private List<Recruit> candidates(List<ExpertProfile> eligible, double[] local) {
        int n = eligible.size();
        double[] competence = competence(eligible);
        double[] weight = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            weight[i] = local[i] > 0 ? local[i] * competence[i] : 0;
            sum += weight[i];
        }
        List<Recruit> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double w = sum == 0 ? 1.0 / n : weight[i] / sum;
            if (w > 0) {
                candidates.add(new Recruit(eligible.get(i).expertId(), w));
            }
        }
        candidates.sort(Comparator.comparingDouble(Recruit::score).reversed());
        return candidates;
    }

    /** Symbolic-MoE's global competence: total scores shifted positive, raised to 1/T, normalised. */
    private double[] competence(List<ExpertProfile> eligible) {
        int n = eligible.size();
        double[] raw = new double[n];
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            raw[i] = eligible.get(i).totalScore();
            min = Math.min(min, raw[i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double shifted = min < 0 ? raw[i] - min + 1 : raw[i];
            raw[i] = Math.pow(Math.max(shifted, 0), 1.0 / config.temperature());
            sum += raw[i];
        }
        for (int i = 0; i < n; i++) {
            raw[i] = sum == 0 ? 1.0 / n : raw[i] / sum;
        }
        return raw;
    }

    /** How many to recruit: as the request asks, else as configured, else by the classifier's certainty. */
    private int k(RoutingQuery query, SkillClassification classification, List<SkillScore> selected) {
        if (query.k() != null) {
            return query.k();
        }
        if (config.k() != null) {
            return config.k();
        }
        double confidence = classification.confidence();
        if (confidence >= config.confidentAt() && selected.size() == 1) {
            return config.minK();
        }
        if (confidence < config.uncertainBelow() || selected.size() >= 3) {
            return config.maxK();
        }
        return Math.min(config.maxK(), config.minK() + 1);
    }
}
