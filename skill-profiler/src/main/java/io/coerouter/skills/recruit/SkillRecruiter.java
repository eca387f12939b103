package io.coerouter.skills.recruit;

import io.coerouter.skills.classify.SkillClassification;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.classify.SkillScore;
import io.coerouter.skills.profile.ExpertProfile;
import io.coerouter.skills.profile.ProfileSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Recruits by skills: classify the query (or take the skills it names), drop experts the request may not or cannot
 * use, then choose by Symbolic-MoE weights or by the category map. Without profiles it falls back to the default
 * expert. Reads the classifier and the profiles through suppliers so both can change at run time.
 */
final class SkillRecruiter implements Recruiter {

    private final Supplier<SkillClassifier> classifier;
    private final Supplier<Optional<ProfileSet>> profiles;
    private final Supplier<Set<String>> registered;
    private final Predicate<String> available;
    private final RecruitConfig config;
    private final String defaultExpert;

    SkillRecruiter(
            Supplier<SkillClassifier> classifier,
            Supplier<Optional<ProfileSet>> profiles,
            Supplier<Set<String>> registered,
            Predicate<String> available,
            RecruitConfig config,
            String defaultExpert) {
        this.classifier = classifier;
        this.profiles = profiles;
        this.registered = registered;
        this.available = available;
        this.config = config;
        this.defaultExpert = defaultExpert;
    }

    @Override
    public Recruitment doRecruit(RoutingQuery query) {
        if (query.skills().isEmpty() && query.text().isBlank()) {
            Recruit fallback = fallback(defaultExpert, query, registered.get());
            return new Recruitment(
                    "default-expert",
                    List.of(fallback),
                    "the query has no text to classify"
                            + fallbackReason("default expert", defaultExpert, query, fallback));
        }
        SkillClassifier skills = classifier.get();
        SkillClassification classification = classify(skills, query);
        Optional<ProfileSet> set = profiles.get();
        Set<String> known = registered.get();
        Map<String, Exclusion> excluded = new LinkedHashMap<>();
        List<ExpertProfile> eligible = new ArrayList<>();
        if (set.isPresent()) {
            for (ExpertProfile p : set.get().experts().values()) {
                if (!mayReach(query, p.expertId())) {
                    continue; // outside the caller's allowed experts: not considered, and not named
                }
                Exclusion why = exclusion(p, query, known);
                if (why == null) {
                    eligible.add(p);
                } else {
                    excluded.put(p.expertId(), why);
                }
            }
        }
        if (set.isEmpty()
                || eligible.isEmpty()
                        && excluded.values().stream().allMatch(x -> x.kind() == Exclusion.Kind.UNREGISTERED)) {
            String why = set.isEmpty()
                    ? "no skill profiles are loaded"
                    : query.allowed().isEmpty()
                            ? "no profiled expert is registered"
                            : "no profiled expert the caller may reach is registered";
            Recruit fallback = fallback(defaultExpert, query, known);
            return new Recruitment(
                    "default-expert",
                    List.of(fallback),
                    why + fallbackReason("default expert", defaultExpert, query, fallback),
                    classification.skills(),
                    classification.method(),
                    classification.confidence(),
                    classification.keywords(),
                    List.of(),
                    Exclusion.reasons(excluded));
        }
        if (eligible.isEmpty()) {
            throw new NoEligibleExpertException(excluded);
        }
        RoutingMethod method = query.method() != null ? query.method() : config.method();
        return method == RoutingMethod.CATEGORY
                ? category(query, classification, eligible, Exclusion.reasons(excluded), known)
                : symbolicMoe(query, classification, eligible, Exclusion.reasons(excluded));
    }

    private static boolean mayReach(RoutingQuery query, String expertId) {
        return query.allowed().isEmpty() || query.allowed().contains(expertId);
    }

    /**
     * Who answers when routing falls back to {@code expert} (the default expert or the generalist): that expert, or
     * when the caller may not reach it, the first of the caller's allowed experts that is registered and available.
     *
     * @throws NoEligibleExpertException when none of the caller's allowed experts is, naming only those
     */
    private Recruit fallback(String expert, RoutingQuery query, Set<String> known) {
        if (mayReach(query, expert)) {
            return new Recruit(expert, 1.0);
        }
        Map<String, Exclusion> excluded = new LinkedHashMap<>();
        for (String id : query.allowed()) {
            if (!known.contains(id)) {
                excluded.put(id, new Exclusion(Exclusion.Kind.UNAVAILABLE, "not registered"));
            } else if (!available.test(id)) {
                excluded.put(id, new Exclusion(Exclusion.Kind.UNAVAILABLE, "unavailable (its circuit is open)"));
            } else {
                return new Recruit(id, 1.0);
            }
        }
        throw new NoEligibleExpertException(excluded);
    }

    /**
     * The end of a fallback's reason: who answers, without naming an expert the caller may not reach (nor its role,
     * since a deployment may name its generalist "generalist").
     */
    private static String fallbackReason(String role, String expert, RoutingQuery query, Recruit fallback) {
        return fallback.expertId().equals(expert)
                ? ", so the " + role + " '" + expert + "' answers"
                : "; the caller may reach only " + query.allowed() + " and not the expert routing falls back to, so '"
                        + fallback.expertId() + "' answers";
    }

    private SkillClassification classify(SkillClassifier skills, RoutingQuery query) {
        if (query.skills().isEmpty()) {
            return skills.classify(query.text());
        }
        List<String> ids = skills.taxonomy().ids();
        Set<String> named = new java.util.LinkedHashSet<>();
        for (int i = 0; i < query.skills().size(); i++) {
            String id = query.skills().get(i);
            if (!ids.contains(id)) {
                throw new UnknownSkillException(i, id, ids);
            }
            named.add(id);
        }
        // Named skills share the probability, in the order the request gave them; the rest get none.
        List<SkillScore> scores = new ArrayList<>();
        named.forEach(id -> scores.add(new SkillScore(id, 1.0 / named.size())));
        ids.stream().filter(id -> !named.contains(id)).forEach(id -> scores.add(new SkillScore(id, 0)));
        return new SkillClassification("explicit", scores, List.of());
    }

    private Exclusion exclusion(ExpertProfile p, RoutingQuery query, Set<String> known) {
        String id = p.expertId();
        if (!known.contains(id)) {
            return new Exclusion(Exclusion.Kind.UNREGISTERED, "not registered (profiled, but no longer configured)");
        }
        if (query.denied().contains(id)) {
            return new Exclusion(Exclusion.Kind.DENIED, "denied to the caller");
        }
        if (!available.test(id)) {
            return new Exclusion(Exclusion.Kind.UNAVAILABLE, "unavailable (its circuit is open)");
        }
        if (query.maxCostUsd() != null && p.meanCostUsd().compareTo(query.maxCostUsd()) > 0) {
            return new Exclusion(
                    Exclusion.Kind.OVER_BUDGET,
                    "mean cost $" + p.meanCostUsd().toPlainString() + " is over the budget $"
                            + query.maxCostUsd().toPlainString());
        }
        if (query.maxLatencyMs() != null && p.meanLatencyMs() > query.maxLatencyMs()) {
            return new Exclusion(
                    Exclusion.Kind.TOO_SLOW,
                    String.format(
                            Locale.ROOT,
                            "mean latency %.1f ms is over the target %.1f ms",
                            p.meanLatencyMs(),
                            query.maxLatencyMs()));
        }
        return null;
    }

    private Recruitment symbolicMoe(
            RoutingQuery query,
            SkillClassification classification,
            List<ExpertProfile> eligible,
            Map<String, String> excluded) {
        List<SkillScore> selected = classification.selected(config.skillMass(), config.maxSkills());
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
            double min = java.util.Arrays.stream(local).min().orElse(0);
            for (int i = 0; i < n; i++) {
                local[i] += -min + 1;
            }
        }
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
        int k = k(query, classification, selected);
        List<Recruit> chosen = choose(candidates, k);
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
                n,
                k,
                query.k() != null ? "asked for" : config.k() != null ? "configured" : "dynamic",
                chosen.stream().map(Recruit::expertId).toList());
        return new Recruitment(
                RoutingMethod.SYMBOLIC_MOE.id(),
                chosen,
                reason,
                classification.skills(),
                classification.method(),
                classification.confidence(),
                classification.keywords(),
                candidates,
                excluded);
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

    private List<Recruit> choose(List<Recruit> candidates, int k) {
        if (config.selection() == RecruitConfig.Selection.TOP_K) {
            List<Recruit> chosen = new ArrayList<>(candidates.subList(0, Math.min(k, candidates.size())));
            for (int i = 0; config.repeats() && chosen.size() < k; i++) {
                chosen.add(candidates.get(i % candidates.size()));
            }
            return chosen;
        }
        Random random = config.seed() == null ? new Random() : new Random(config.seed());
        List<Recruit> pool = new ArrayList<>(candidates);
        List<Recruit> chosen = new ArrayList<>();
        while (chosen.size() < k && !pool.isEmpty()) {
            Recruit drawn = draw(pool, random);
            if (config.repeats()) {
                chosen.add(drawn);
            } else {
                pool.remove(drawn);
                chosen.add(drawn);
            }
        }
        chosen.sort(Comparator.comparingDouble(Recruit::score).reversed());
        return chosen;
    }

    private static Recruit draw(List<Recruit> pool, Random random) {
        double total = pool.stream().mapToDouble(Recruit::score).sum();
        double r = random.nextDouble() * total;
        for (Recruit c : pool) {
            r -= c.score();
            if (r <= 0) {
                return c;
            }
        }
        return pool.getLast();
    }

    private Recruitment category(
            RoutingQuery query,
            SkillClassification classification,
            List<ExpertProfile> eligible,
            Map<String, String> excluded,
            Set<String> known) {
        String top = classification.top();
        double confidence = classification.confidence();
        String generalist = config.generalist() != null ? config.generalist() : defaultExpert;
        List<Recruit> chosen = new ArrayList<>();
        String reason;
        int k = query.k() != null ? query.k() : config.k() != null ? config.k() : 1;
        List<Recruit> ranked = rankFor(top, eligible);
        if (confidence < config.categoryThreshold()) {
            reason = String.format(
                    Locale.ROOT,
                    "top skill %s at %.2f is under the confidence threshold %.2f",
                    top,
                    confidence,
                    config.categoryThreshold());
        } else if (config.categories().containsKey(top)) {
            List<String> mapped = config.categories().get(top).stream()
                    .filter(id -> mayReach(query, id))
                    .toList();
            mapped.stream()
                    .filter(id -> eligible.stream().anyMatch(p -> p.expertId().equals(id)))
                    .limit(k)
                    .forEach(id -> chosen.add(new Recruit(id, 1.0)));
            reason = "skill " + top + String.format(Locale.ROOT, " (%.2f)", confidence) + " maps to " + mapped
                    + " in the configured category map";
        } else {
            ranked.stream().limit(k).forEach(chosen::add);
            reason = "skill " + top + String.format(Locale.ROOT, " (%.2f)", confidence)
                    + " maps to the most accurate profiled expert(s) on it";
        }
        if (chosen.isEmpty()) {
            if (mayReach(query, generalist) && !known.contains(generalist)) {
                throw new IllegalStateException(
                        "category routing needs its generalist '" + generalist + "', which is not registered");
            }
            if (confidence >= config.categoryThreshold()) {
                reason = "no eligible expert is mapped to skill " + top;
            }
            Recruit fallback = fallback(generalist, query, known);
            chosen.add(fallback);
            reason += fallbackReason("generalist", generalist, query, fallback);
        }
        return new Recruitment(
                RoutingMethod.CATEGORY.id(),
                chosen,
                reason,
                classification.skills(),
                classification.method(),
                confidence,
                classification.keywords(),
                ranked,
                excluded);
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
