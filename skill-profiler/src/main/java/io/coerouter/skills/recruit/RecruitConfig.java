package io.coerouter.skills.recruit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the skill recruiter chooses. Build with {@link #builder()}; every value is checked and a bad one named.
 *
 * @param method the deployment's routing method; a request may name the other
 * @param k a fixed number of experts, or null for dynamic k between {@code minK} and {@code maxK}
 * @param minK experts recruited when the classifier is confident of one skill
 * @param maxK experts recruited when it is uncertain or the query mixes several skills
 * @param confidentAt the top skill's probability from which the classifier counts as confident
 * @param uncertainBelow the top skill's probability under which it counts as uncertain
 * @param selection deterministic top-k or weighted sampling
 * @param seed the sampling seed, or null for a fresh random draw each time
 * @param repeats whether one expert may be drawn more than once (it then answers more than once)
 * @param temperature Symbolic-MoE's global-competence temperature (competence is raised to 1/temperature)
 * @param skillMass the query's skills are its most likely ones until their probabilities reach this mass
 * @param maxSkills and at most this many
 * @param categoryThreshold category routing sends queries whose top skill is less likely than this to the
 *     generalist
 * @param generalist the generalist's expert id, or null for the deployment's default expert
 * @param categories a hand-set skill to experts map for category routing; skills not in it use the profiles
 * @param tradeoff the deployment's cost–quality tradeoff in [0, 1] (0: the cheapest expert likely to be right, 1: the
 *     most accurate whatever the cost), or null to choose by the method alone; a request may set its own
 * @param tradeoffRule how a tradeoff chooses ({@link TradeoffRule})
 * @param tradeoffMargin how far under the best expected accuracy an expert still counts as likely to be right
 * @param expectedOutputTokens the answer length assumed when estimating what a call will cost
 */
public record RecruitConfig(
        RoutingMethod method,
        Integer k,
        int minK,
        int maxK,
        double confidentAt,
        double uncertainBelow,
        Selection selection,
        Long seed,
        boolean repeats,
        double temperature,
        double skillMass,
        int maxSkills,
        double categoryThreshold,
        String generalist,
        Map<String, List<String>> categories,
        Double tradeoff,
        TradeoffRule tradeoffRule,
        double tradeoffMargin,
        int expectedOutputTokens) {

    /** How k experts are taken from the weighted candidates. */
    public enum Selection {
        /** The k heaviest, deterministic. */
        TOP_K,
        /** k draws in proportion to weight (Symbolic-MoE's choice). */
        SAMPLE
    }

    public RecruitConfig {
        Objects.requireNonNull(method, "method must not be null");
        Objects.requireNonNull(selection, "selection must not be null");
        if (k != null && k <= 0) {
            throw new IllegalArgumentException("k must be > 0, but was " + k);
        }
        if (minK <= 0) {
            throw new IllegalArgumentException("minK must be > 0, but was " + minK);
        }
        if (maxK < minK) {
            throw new IllegalArgumentException("maxK must be >= minK (" + minK + "), but was " + maxK);
        }
        probability("confidentAt", confidentAt);
        probability("uncertainBelow", uncertainBelow);
        if (uncertainBelow > confidentAt) {
            throw new IllegalArgumentException(
                    "uncertainBelow must be <= confidentAt (" + confidentAt + "), but was " + uncertainBelow);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, but was " + temperature);
        }
        probability("skillMass", skillMass);
        if (maxSkills <= 0) {
            throw new IllegalArgumentException("maxSkills must be > 0, but was " + maxSkills);
        }
        probability("categoryThreshold", categoryThreshold);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (categories != null) {
            categories.forEach((skill, experts) -> {
                if (experts == null || experts.isEmpty()) {
                    throw new IllegalArgumentException("categories['" + skill + "'] must name at least one expert");
                }
                copy.put(skill, List.copyOf(experts));
            });
        }
        categories = java.util.Collections.unmodifiableMap(copy);
        if (tradeoff != null) {
            probability("tradeoff", tradeoff);
        }
        Objects.requireNonNull(tradeoffRule, "tradeoffRule must not be null");
        probability("tradeoffMargin", tradeoffMargin);
        if (expectedOutputTokens <= 0) {
            throw new IllegalArgumentException("expectedOutputTokens must be > 0, but was " + expectedOutputTokens);
        }
    }

    /** The default {@link #tradeoffMargin}. */
    public static final double DEFAULT_TRADEOFF_MARGIN = 0.2;

    /** The default {@link #expectedOutputTokens}. */
    public static final int DEFAULT_EXPECTED_OUTPUT_TOKENS = 256;

    private static void probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], but was " + value);
        }
    }

    /** The defaults: Symbolic-MoE, dynamic k from 1 to 3, top-k, no repeats, temperature 0.5, no tradeoff. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RecruitConfig}. */
    public static final class Builder {
        private RoutingMethod method = RoutingMethod.SYMBOLIC_MOE;
        private Integer k;
        private int minK = 1;
        private int maxK = 3;
        private double confidentAt = 0.8;
        private double uncertainBelow = 0.5;
        private Selection selection = Selection.TOP_K;
        private Long seed;
        private boolean repeats;
        private double temperature = 0.5;
        private double skillMass = 0.9;
        private int maxSkills = 3;
        private double categoryThreshold = 0.5;
        private String generalist;
        private Map<String, List<String>> categories = Map.of();
        private Double tradeoff;
        private TradeoffRule tradeoffRule = TradeoffRule.MARGIN;
        private double tradeoffMargin = DEFAULT_TRADEOFF_MARGIN;
        private int expectedOutputTokens = DEFAULT_EXPECTED_OUTPUT_TOKENS;

        private Builder() {}

        public Builder method(RoutingMethod v) {
            method = v;
            return this;
        }

        public Builder k(Integer v) {
            k = v;
            return this;
        }

        public Builder minK(int v) {
            minK = v;
            return this;
        }

        public Builder maxK(int v) {
            maxK = v;
            return this;
        }

        public Builder confidentAt(double v) {
            confidentAt = v;
            return this;
        }

        public Builder uncertainBelow(double v) {
            uncertainBelow = v;
            return this;
        }

        public Builder selection(Selection v) {
            selection = v;
            return this;
        }

        public Builder seed(Long v) {
            seed = v;
            return this;
        }

        public Builder repeats(boolean v) {
            repeats = v;
            return this;
        }

        public Builder temperature(double v) {
            temperature = v;
            return this;
        }

        public Builder skillMass(double v) {
            skillMass = v;
            return this;
        }

        public Builder maxSkills(int v) {
            maxSkills = v;
            return this;
        }

        public Builder categoryThreshold(double v) {
            categoryThreshold = v;
            return this;
        }

        public Builder generalist(String v) {
            generalist = v;
            return this;
        }

        public Builder categories(Map<String, List<String>> v) {
            categories = v;
            return this;
        }

        public Builder tradeoff(Double v) {
            tradeoff = v;
            return this;
        }

        public Builder tradeoffRule(TradeoffRule v) {
            tradeoffRule = v;
            return this;
        }

        public Builder tradeoffMargin(double v) {
            tradeoffMargin = v;
            return this;
        }

        public Builder expectedOutputTokens(int v) {
            expectedOutputTokens = v;
            return this;
        }

        public RecruitConfig build() {
            return new RecruitConfig(
                    method,
                    k,
                    minK,
                    maxK,
                    confidentAt,
                    uncertainBelow,
                    selection,
                    seed,
                    repeats,
                    temperature,
                    skillMass,
                    maxSkills,
                    categoryThreshold,
                    generalist,
                    categories,
                    tradeoff,
                    tradeoffRule,
                    tradeoffMargin,
                    expectedOutputTokens);
        }
    }
}
