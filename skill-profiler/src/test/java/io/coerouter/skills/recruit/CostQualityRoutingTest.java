package io.coerouter.skills.recruit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.Pricing;
import io.coerouter.skills.classify.SkillClassification;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.classify.SkillScore;
import io.coerouter.skills.profile.ExpertProfile;
import io.coerouter.skills.profile.ProfileSet;
import io.coerouter.skills.profile.SkillStats;
import io.coerouter.skills.taxonomy.Skill;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Cost–quality routing on a fixture of four experts profiled on {@code math}: D (98/100 right, dear), M (85/100, a
 * tenth of D's price), C (70/100, a hundredth) and B (20/100, free). Smoothed expected accuracies on a pure math query:
 * D 0.9798, M 0.8499, C 0.6999, B 0.2001. Expected tokens: the query "pure math" is 3 prompt tokens, answers 100.
 */
class CostQualityRoutingTest {

    private static final SkillTaxonomy TAXONOMY =
            new SkillTaxonomy(List.of(new Skill("math", "numbers", List.of()), new Skill("geo", "places", List.of())));

    /** Answers with fixed probabilities per query text. */
    private record Fixed(Map<String, double[]> answers) implements SkillClassifier {
        @Override
        public SkillTaxonomy taxonomy() {
            return TAXONOMY;
        }

        @Override
        public SkillClassification doClassify(String query) {
            double[] p = answers.get(query);
            return new SkillClassification(
                    "fixed", List.of(new SkillScore("math", p[0]), new SkillScore("geo", p[1])), List.of());
        }
    }

    private static final Fixed CLASSIFIER = new Fixed(Map.of("pure math", new double[] {1.0, 0}));

    private static final Map<String, Pricing> PRICES = Map.of(
            "D", price("0.01"),
            "M", price("0.001"),
            "C", price("0.0001"),
            "B", Pricing.FREE);

    private static Pricing price(String per1k) {
        return new Pricing(new BigDecimal(per1k), new BigDecimal(per1k));
    }

    private static ExpertProfile profile(String id, int right, int wrong) {
        return new ExpertProfile(id, Map.of("math", new SkillStats(right, wrong, 0)), 10, BigDecimal.ZERO);
    }

    private static final ProfileSet PROFILES =
            profiles(profile("D", 98, 2), profile("M", 85, 15), profile("C", 70, 30), profile("B", 20, 80));

    private static ProfileSet profiles(ExpertProfile... experts) {
        Map<String, ExpertProfile> map = new LinkedHashMap<>();
        for (ExpertProfile p : experts) {
            map.put(p.expertId(), p);
        }
        return new ProfileSet(1, Instant.EPOCH, "test", 100, map);
    }

    private static RecruitConfig.Builder config(RoutingMethod method, TradeoffRule rule) {
        return RecruitConfig.builder()
                .method(method)
                .tradeoffRule(rule)
                .tradeoffMargin(0.3)
                .expectedOutputTokens(100);
    }

    private static Recruiter recruiter(RecruitConfig.Builder config) {
        return recruiter(config, PROFILES);
    }

    private static Recruiter recruiter(RecruitConfig.Builder config, ProfileSet profiles) {
        return Recruiter.skills(
                () -> CLASSIFIER,
                () -> Optional.of(profiles),
                () -> profiles.experts().keySet(),
                id -> true,
                PRICES::get,
                config.build(),
                "D");
    }

    private static Recruitment at(Recruiter recruiter, double tradeoff) {
        return recruiter.recruit(RoutingQuery.of("pure math").withTradeoff(tradeoff));
    }

    private static String winner(Recruitment r) {
        return r.experts().getFirst().expertId();
    }

    @Test
    void tradeoffOnePicksTheMostAccurateWhateverItCostsWithEitherRuleAndMethod() {
        for (RoutingMethod method : RoutingMethod.values()) {
            for (TradeoffRule rule : TradeoffRule.values()) {
                assertThat(winner(at(recruiter(config(method, rule)), 1.0)))
                        .as(method + ", " + rule)
                        .isEqualTo("D");
            }
        }
    }

    @Test
    void tradeoffZeroPicksTheCheapestExpertLikelyToBeRightNotTheFreeOneThatIsUsuallyWrong() {
        for (RoutingMethod method : RoutingMethod.values()) {
            for (TradeoffRule rule : TradeoffRule.values()) {
                Recruitment r = at(recruiter(config(method, rule)), 0.0);
                // B is free but 20% right: outside the margin of the best (0.98 - 0.3), so C, the cheapest inside.
                assertThat(winner(r)).as(method + ", " + rule).isEqualTo("C");
            }
        }
    }

    @Test
    void costAndExpectedAccuracyOnlyGrowAlongTheCurve() {
        for (RoutingMethod method : RoutingMethod.values()) {
            for (TradeoffRule rule : TradeoffRule.values()) {
                Recruiter recruiter = recruiter(config(method, rule));
                List<String> path = new ArrayList<>();
                BigDecimal lastCost = BigDecimal.ZERO;
                double lastAccuracy = 0;
                for (int i = 0; i <= 20; i++) {
                    Recruitment r = at(recruiter, i / 20.0);
                    TradeoffChoice.Candidate chosen = r.tradeoff().candidates().getFirst();
                    assertThat(chosen.chosen()).isTrue();
                    assertThat(chosen.expectedCostUsd()).isGreaterThanOrEqualTo(lastCost);
                    assertThat(chosen.expectedAccuracy()).isGreaterThanOrEqualTo(lastAccuracy);
                    lastCost = chosen.expectedCostUsd();
                    lastAccuracy = chosen.expectedAccuracy();
                    if (path.isEmpty() || !path.getLast().equals(chosen.expertId())) {
                        path.add(chosen.expertId());
                    }
                }
                // Every expert likely to be right is chosen somewhere on the way from the cheapest to the best.
                assertThat(path).as(method + ", " + rule).containsExactly("C", "M", "D");
            }
        }
    }

    @Test
    void theMarginRuleAsksForTheBestLessAShrinkingMarginAndTakesTheCheapestThatMeetsIt() {
        Recruiter recruiter = recruiter(config(RoutingMethod.CATEGORY, TradeoffRule.MARGIN));
        TradeoffChoice half = at(recruiter, 0.5).tradeoff();
        assertThat(half.bestAccuracy()).isCloseTo(0.97981, within(1e-4));
        assertThat(half.requiredAccuracy()).isCloseTo(0.97981 - 0.5 * 0.3, within(1e-4));
        assertThat(half.candidates())
                .extracting(TradeoffChoice.Candidate::expertId)
                .containsExactly("M", "D", "C", "B"); // M and D meet 0.83, cheapest first; then by accuracy
        assertThat(half.candidates().get(2).utility()).isNull(); // C at 0.70 is under 0.83: not considered
        assertThat(half.candidates().get(0).utility()).isCloseTo(0.9, within(1e-9)); // 1 - M's cost / D's
        assertThat(half.reason())
                .contains("tradeoff 0.50 (request), rule margin")
                .contains("at least 0.830");
    }

    @Test
    void theUtilityRuleWeighsAccuracyAgainstCostRelativeToTheDearestLikelyRightExpert() {
        Recruiter recruiter = recruiter(config(RoutingMethod.CATEGORY, TradeoffRule.UTILITY));
        TradeoffChoice half = at(recruiter, 0.5).tradeoff();
        // 0.5 x accuracy - 0.5 x cost / D's cost: M 0.425 - 0.05, C 0.350 - 0.005, D 0.490 - 0.5.
        Map<String, Double> utility = new LinkedHashMap<>();
        half.candidates().forEach(c -> utility.put(c.expertId(), c.utility()));
        assertThat(utility.keySet()).containsExactly("M", "C", "D", "B");
        assertThat(utility.get("M")).isCloseTo(0.5 * 0.84987 - 0.05, within(1e-4));
        assertThat(utility.get("D")).isCloseTo(0.5 * 0.97981 - 0.5, within(1e-4));
        assertThat(utility.get("B")).isNull();
        assertThat(half.requiredAccuracy()).isCloseTo(0.97981 - 0.3, within(1e-4));
    }

    @Test
    void expectedCostIsThePricesTimesThePromptEstimateAndTheExpectedAnswerLength() {
        TradeoffChoice choice = at(recruiter(config(RoutingMethod.CATEGORY, TradeoffRule.MARGIN)), 1.0)
                .tradeoff();
        assertThat(choice.promptTokens()).isEqualTo(3); // "pure math": 9 characters, four a token, rounded up
        assertThat(choice.outputTokens()).isEqualTo(100);
        TradeoffChoice.Candidate d = choice.candidates().getFirst();
        assertThat(d.expertId()).isEqualTo("D");
        assertThat(d.expectedCostUsd()).isEqualByComparingTo("0.00103"); // 0.01 x (3 + 100) / 1000
        assertThat(choice.candidates().getLast().expectedCostUsd()).isEqualByComparingTo("0");
    }

    @Test
    void aFewLuckyAnswersCountForLessThanAManyAnswerRecordUnderTheBetaPrior() {
        // L was right twice out of two: raw accuracy 1.0, smoothed (2 + 2 x 3/4) / 4 = 0.875, under D's 0.98.
        ProfileSet withLucky = profiles(profile("D", 98, 2), profile("L", 2, 0));
        Recruitment r = at(recruiter(config(RoutingMethod.CATEGORY, TradeoffRule.MARGIN), withLucky), 1.0);
        assertThat(winner(r)).isEqualTo("D");
        assertThat(r.tradeoff().candidates().get(1).expectedAccuracy()).isCloseTo(0.875, within(1e-9));
    }

    @Test
    void callersFeedbackCountsInTheExpectedAccuracyLikeGradedAnswers() {
        // L: 2 right of 2 plus 6 wrong feedback pseudo-counts: overall (2 + 1) / (8 + 2) = 0.3, on math
        // (2 + 2 x 0.3) / (8 + 2) = 0.26, so D (0.98) wins at tradeoff 1 even more clearly; the explanation shows it.
        ExpertProfile lucky =
                new ExpertProfile("L", Map.of("math", new SkillStats(2, 0, 0).withFeedback(0, 6)), 10, BigDecimal.ZERO);
        Recruitment r = at(
                recruiter(config(RoutingMethod.CATEGORY, TradeoffRule.MARGIN), profiles(profile("D", 98, 2), lucky)),
                1.0);
        assertThat(winner(r)).isEqualTo("D");
        assertThat(r.tradeoff().candidates().get(1).expectedAccuracy()).isCloseTo(0.26, within(1e-9));
    }

    @Test
    void withoutATradeoffRoutingIsExactlyAsBefore() {
        for (RoutingMethod method : RoutingMethod.values()) {
            RecruitConfig.Builder config = config(method, TradeoffRule.MARGIN);
            Recruitment plain = recruiter(config).recruit(RoutingQuery.of("pure math"));
            Recruitment before = Recruiter.skills(
                            () -> CLASSIFIER,
                            () -> Optional.of(PROFILES),
                            () -> PROFILES.experts().keySet(),
                            id -> true,
                            RecruitConfig.builder().method(method).build(),
                            "D")
                    .recruit(RoutingQuery.of("pure math"));
            assertThat(plain.tradeoff()).isNull();
            assertThat(plain).isEqualTo(before);
        }
    }

    @Test
    void theDeploymentDefaultAppliesUnlessTheRequestSetsItsOwn() {
        Recruiter recruiter =
                recruiter(config(RoutingMethod.CATEGORY, TradeoffRule.MARGIN).tradeoff(0.0));
        Recruitment byDeployment = recruiter.recruit(RoutingQuery.of("pure math"));
        assertThat(winner(byDeployment)).isEqualTo("C");
        assertThat(byDeployment.tradeoff().source()).isEqualTo("deployment");
        Recruitment byRequest = at(recruiter, 1.0);
        assertThat(winner(byRequest)).isEqualTo("D");
        assertThat(byRequest.tradeoff().source()).isEqualTo("request");
        assertThat(byRequest.reason()).contains("chosen by cost and quality");
    }

    @Test
    void symbolicMoeTakesItsKExpertsInTheRulesOrderFromItsOwnCandidates() {
        Recruitment r = recruiter(config(RoutingMethod.SYMBOLIC_MOE, TradeoffRule.MARGIN))
                .recruit(new RoutingQuery(List.of(ChatMessage.user("pure math")), 2, List.of()).withTradeoff(0.0));
        // B's local score is negative, so Symbolic-MoE never considers it; C then M, cheapest first.
        assertThat(r.experts()).extracting(Recruit::expertId).containsExactly("C", "M");
        assertThat(r.tradeoff().candidates())
                .extracting(TradeoffChoice.Candidate::expertId)
                .doesNotContain("B");
        assertThat(r.tradeoff().candidates())
                .filteredOn(TradeoffChoice.Candidate::chosen)
                .extracting(TradeoffChoice.Candidate::expertId)
                .containsExactlyInAnyOrder("C", "M");
        assertThat(r.reason()).contains("by cost and quality: tradeoff 0.00 (request), rule margin");
    }

    @Test
    void theCategoryMapIsKeptAndTheReasonSaysTheTradeoffWasNotApplied() {
        Recruitment r = at(
                recruiter(config(RoutingMethod.CATEGORY, TradeoffRule.MARGIN).categories(Map.of("math", List.of("B")))),
                1.0);
        assertThat(winner(r)).isEqualTo("B");
        assertThat(r.tradeoff()).isNull();
        assertThat(r.reason()).contains("tradeoff 1.00 not applied");
    }

    @Test
    void aTradeoffOutsideZeroToOneIsRefusedNamingIt() {
        assertThatThrownBy(() -> RoutingQuery.of("x").withTradeoff(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tradeoff must be in [0, 1], but was 1.5");
        assertThatThrownBy(() -> RecruitConfig.builder().tradeoff(-0.1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tradeoff must be in [0, 1], but was -0.1");
        assertThatThrownBy(() -> RecruitConfig.builder().expectedOutputTokens(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expectedOutputTokens must be > 0, but was 0");
        assertThat(TradeoffRule.of("Utility")).isEqualTo(TradeoffRule.UTILITY);
        assertThatThrownBy(() -> TradeoffRule.of("cheapest"))
                .hasMessage("tradeoff rule must be one of [margin, utility], but was 'cheapest'");
        assertThat(Set.of(TradeoffRule.values())).hasSize(2);
    }
}
