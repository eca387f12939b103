package io.coerouter.skills.recruit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.coerouter.expert.ChatMessage;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The recruiting arithmetic, checked against hand-computed figures. Profiles: A math +8 (9/1) geo -4 (3/7); B math
 * -6 (2/8) geo +6 (8/2); G math +2 (6/4) geo +2 (6/4). Global competence (T = 0.5): totals 4, 0, 4 squared and
 * normalised = 0.5, 0, 0.5.
 */
class SkillRecruiterTest {

    private static final SkillTaxonomy TAXONOMY = new SkillTaxonomy(List.of(
            new Skill("math", "numbers", List.of()),
            new Skill("geo", "places", List.of()),
            new Skill("hist", "history", List.of())));

    /** A classifier that answers with fixed probabilities per query text. */
    private record Fixed(Map<String, double[]> answers) implements SkillClassifier {
        @Override
        public SkillTaxonomy taxonomy() {
            return TAXONOMY;
        }

        @Override
        public SkillClassification doClassify(String query) {
            double[] p = answers.get(query);
            return new SkillClassification(
                    "fixed",
                    List.of(new SkillScore("math", p[0]), new SkillScore("geo", p[1]), new SkillScore("hist", p[2])),
                    List.of());
        }
    }

    private static final Fixed CLASSIFIER = new Fixed(Map.of(
            "pure math", new double[] {1.0, 0, 0},
            "mixed", new double[] {0.6, 0.4, 0},
            "unsure", new double[] {0.4, 0.35, 0.25}));

    private static ExpertProfile profile(String id, int mc, int mw, int gc, int gw, String cost) {
        return new ExpertProfile(
                id,
                Map.of("math", new SkillStats(mc, mw, 0), "geo", new SkillStats(gc, gw, 0)),
                10,
                new BigDecimal(cost));
    }

    private static final ProfileSet PROFILES = new ProfileSet(
            1,
            Instant.EPOCH,
            "test",
            20,
            Map.of(
                    "A", profile("A", 9, 1, 3, 7, "0.01"),
                    "B", profile("B", 2, 8, 8, 2, "0"),
                    "G", profile("G", 6, 4, 6, 4, "0.001")));

    private static Recruiter recruiter(RecruitConfig.Builder config, Predicate<String> available, Set<String> ids) {
        return Recruiter.skills(
                () -> CLASSIFIER, () -> Optional.of(PROFILES), () -> ids, available, config.build(), "G");
    }

    private static Recruiter recruiter(RecruitConfig.Builder config) {
        return recruiter(config, id -> true, Set.of("A", "B", "G"));
    }

    private static RoutingQuery query(String text) {
        return RoutingQuery.of(text);
    }

    @Test
    void symbolicMoeWeighsLocalScoreByGlobalCompetenceAndDropsNonPositiveExperts() {
        Recruitment r = recruiter(RecruitConfig.builder()).recruit(query("pure math"));
        // local A 8, B -6, G 2; weights 8 x 0.5 = 4 and 2 x 0.5 = 1 -> 0.8 and 0.2; B has no positive score.
        assertThat(r.method()).isEqualTo("symbolic-moe");
        assertThat(r.candidates()).extracting(Recruit::expertId).containsExactly("A", "G");
        assertThat(r.candidates().get(0).score()).isCloseTo(0.8, within(1e-9));
        assertThat(r.candidates().get(1).score()).isCloseTo(0.2, within(1e-9));
        assertThat(r.experts()).extracting(Recruit::expertId).containsExactly("A"); // confident of one skill: k = 1
        assertThat(r.confidence()).isEqualTo(1.0);
    }

    @Test
    void mixedSkillsAreWeightedByProbabilityAndRecruitMoreExperts() {
        Recruitment r = recruiter(RecruitConfig.builder()).recruit(query("mixed"));
        // local A .6*8 + .4*-4 = 3.2, B -1.2, G 2; weights 1.6 and 1.0 -> 0.615 and 0.385; two skills -> k = 2.
        assertThat(r.candidates().get(0).score()).isCloseTo(1.6 / 2.6, within(1e-9));
        assertThat(r.experts()).extracting(Recruit::expertId).containsExactly("A", "G");
    }

    @Test
    void whenNoExpertScoresPositiveAllAreShiftedAndCompetenceDecides() {
        Recruitment r = recruiter(RecruitConfig.builder())
                .recruit(new RoutingQuery(List.of(ChatMessage.user("anything")), null, List.of("hist")));
        assertThat(r.classification()).isEqualTo("explicit");
        assertThat(r.candidates()).extracting(Recruit::expertId).containsExactlyInAnyOrder("A", "G");
        assertThat(r.candidates().get(0).score()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void kComesFromTheRequestThenTheConfigThenTheClassifiersCertainty() {
        assertThat(recruiter(RecruitConfig.builder())
                        .recruit(new RoutingQuery(List.of(ChatMessage.user("pure math")), 2, List.of()))
                        .experts())
                .hasSize(2);
        assertThat(recruiter(RecruitConfig.builder().k(2))
                        .recruit(query("pure math"))
                        .experts())
                .hasSize(2);
        assertThat(recruiter(RecruitConfig.builder().maxK(3))
                        .recruit(query("unsure"))
                        .experts())
                .hasSize(2); // only two experts have positive weight
    }

    @Test
    void seededSamplingIsReproducibleAndRepeatsMayRecruitAnExpertTwice() {
        RecruitConfig.Builder sample = RecruitConfig.builder()
                .selection(RecruitConfig.Selection.SAMPLE)
                .seed(7L)
                .k(2);
        Recruitment first = recruiter(sample).recruit(query("pure math"));
        Recruitment second = recruiter(sample).recruit(query("pure math"));
        assertThat(first.experts()).isEqualTo(second.experts());
        assertThat(first.experts()).extracting(Recruit::expertId).containsExactlyInAnyOrder("A", "G");

        Recruitment repeated = recruiter(RecruitConfig.builder()
                        .selection(RecruitConfig.Selection.SAMPLE)
                        .seed(7L)
                        .k(6)
                        .repeats(true))
                .recruit(query("pure math"));
        assertThat(repeated.experts()).hasSize(6);
        assertThat(repeated.experts()).extracting(Recruit::expertId).containsOnly("A", "G");
        assertThat(repeated.experts().stream().filter(e -> e.expertId().equals("A")))
                .hasSizeGreaterThan(1);
    }

    @Test
    void categoryRoutingPicksTheMostAccurateExpertOrTheGeneralistWhenUnsure() {
        RecruitConfig.Builder category = RecruitConfig.builder().method(RoutingMethod.CATEGORY);
        Recruitment sure = recruiter(category).recruit(query("pure math"));
        assertThat(sure.method()).isEqualTo("category");
        assertThat(sure.experts()).extracting(Recruit::expertId).containsExactly("A");
        assertThat(sure.candidates()).extracting(Recruit::expertId).containsExactly("A", "G", "B");

        Recruitment unsure = recruiter(category).recruit(query("unsure"));
        assertThat(unsure.experts()).extracting(Recruit::expertId).containsExactly("G");
        assertThat(unsure.reason()).contains("under the confidence threshold");

        Recruitment mapped =
                recruiter(category.categories(Map.of("math", List.of("B")))).recruit(query("pure math"));
        assertThat(mapped.experts()).extracting(Recruit::expertId).containsExactly("B");
    }

    @Test
    void theRequestMayChooseTheOtherMethod() {
        RoutingQuery asksCategory = new RoutingQuery(
                List.of(ChatMessage.user("unsure")), null, List.of(), RoutingMethod.CATEGORY, null, null, null, null);
        assertThat(recruiter(RecruitConfig.builder()).recruit(asksCategory).method())
                .isEqualTo("category");
    }

    @Test
    void constraintsExcludeExpertsBeforeChoosingAndSayWhy() {
        RoutingQuery cheap = new RoutingQuery(
                List.of(ChatMessage.user("pure math")),
                null,
                List.of(),
                null,
                new BigDecimal("0.005"),
                null,
                null,
                Set.of("B"));
        Recruitment r = recruiter(RecruitConfig.builder(), id -> !id.equals("X"), Set.of("A", "B", "G"))
                .recruit(cheap);
        assertThat(r.experts()).extracting(Recruit::expertId).containsExactly("G");
        assertThat(r.excluded()).containsKeys("A", "B");
        assertThat(r.excluded().get("A")).contains("over the budget");
        assertThat(r.excluded().get("B")).contains("denied");

        Recruitment down = recruiter(RecruitConfig.builder(), id -> !id.equals("A"), Set.of("A", "B", "G"))
                .recruit(query("pure math"));
        assertThat(down.experts()).extracting(Recruit::expertId).containsExactly("G");
        assertThat(down.excluded().get("A")).contains("unavailable");

        RoutingQuery nothing = new RoutingQuery(
                List.of(ChatMessage.user("pure math")), null, List.of(), null, BigDecimal.ZERO, 1.0, null, null);
        assertThatThrownBy(() -> recruiter(RecruitConfig.builder()).recruit(nothing))
                .isInstanceOf(NoEligibleExpertException.class)
                .satisfies(e ->
                        assertThat(((NoEligibleExpertException) e).excluded()).containsKeys("A", "B", "G"));
    }

    @Test
    void profiledExpertsThatAreNoLongerConfiguredAreIgnored() {
        Recruitment r =
                recruiter(RecruitConfig.builder(), id -> true, Set.of("G")).recruit(query("pure math"));
        assertThat(r.experts()).extracting(Recruit::expertId).containsExactly("G");
        assertThat(r.excluded().get("A")).startsWith("not registered");

        Recruitment none =
                recruiter(RecruitConfig.builder(), id -> true, Set.of("Z")).recruit(query("pure math"));
        assertThat(none.method()).isEqualTo("default-expert");
    }

    private static RoutingQuery allowedOnly(String text, RoutingMethod method, String... allowed) {
        return new RoutingQuery(
                List.of(ChatMessage.user(text)),
                null,
                List.of(),
                method,
                null,
                null,
                new java.util.LinkedHashSet<>(List.of(allowed)),
                null);
    }

    private static final Set<String> WITH_UNPROFILED = Set.of("A", "B", "G", "E");

    @Test
    void expertsOutsideTheCallersAllowedOnesAreNeitherConsideredNorNamed() {
        Recruitment moe = recruiter(RecruitConfig.builder(), id -> !id.equals("B"), WITH_UNPROFILED)
                .recruit(allowedOnly("mixed", null, "A", "B"));
        assertThat(moe.experts()).extracting(Recruit::expertId).containsExactly("A");
        assertThat(moe.candidates()).extracting(Recruit::expertId).containsExactly("A");
        assertThat(moe.excluded()).containsOnlyKeys("B"); // allowed, but down; G is not the caller's business
        assertThat(moe.reason()).doesNotContain("G");

        Recruitment category = recruiter(
                        RecruitConfig.builder().method(RoutingMethod.CATEGORY), id -> true, WITH_UNPROFILED)
                .recruit(allowedOnly("pure math", null, "B"));
        assertThat(category.candidates()).extracting(Recruit::expertId).containsOnly("B");
        assertThat(category.excluded()).isEmpty();
        assertThat(category.toString()).doesNotContain("'A'", "'G'", "expertId=A", "expertId=G");
    }

    @Test
    void whenRoutingWouldFallBackOutsideTheCallersExpertsItsFirstAvailableOneAnswers() {
        // Only unprofiled experts: the default expert G would answer, but the caller may not reach it.
        Recruitment unprofiled = recruiter(
                        RecruitConfig.builder(), id -> !id.equals("F"), Set.of("A", "B", "G", "E", "F"))
                .recruit(allowedOnly("pure math", null, "X", "F", "E"));
        assertThat(unprofiled.method()).isEqualTo("default-expert");
        assertThat(unprofiled.experts()).extracting(Recruit::expertId).containsExactly("E");
        assertThat(unprofiled.reason())
                .contains("may reach only [X, F, E]", "so 'E' answers")
                .doesNotContain("G");
        assertThat(unprofiled.excluded()).isEmpty();

        // Category routing unsure of the skill: the generalist G would answer.
        Recruitment unsure = recruiter(
                        RecruitConfig.builder().method(RoutingMethod.CATEGORY), id -> true, WITH_UNPROFILED)
                .recruit(allowedOnly("unsure", null, "E", "A"));
        assertThat(unsure.experts()).extracting(Recruit::expertId).containsExactly("E");
        assertThat(unsure.reason())
                .contains(
                        "under the confidence threshold",
                        "may reach only [E, A] and not the expert routing falls back to")
                .doesNotContain("G", "generalist");

        Recruitment blank =
                recruiter(RecruitConfig.builder(), id -> true, WITH_UNPROFILED).recruit(allowedOnly(" ", null, "E"));
        assertThat(blank.experts()).extracting(Recruit::expertId).containsExactly("E");

        Recruitment allowedDefault = recruiter(RecruitConfig.builder(), id -> true, WITH_UNPROFILED)
                .recruit(allowedOnly("pure math", null, "E", "G"));
        assertThat(allowedDefault.experts()).extracting(Recruit::expertId).containsExactly("G");
    }

    @Test
    void whenNoneOfTheCallersExpertsCanAnswerOnlyTheyAreNamed() {
        assertThatThrownBy(() -> recruiter(RecruitConfig.builder(), id -> !id.equals("E"), WITH_UNPROFILED)
                        .recruit(allowedOnly("pure math", null, "E", "X")))
                .isInstanceOfSatisfying(NoEligibleExpertException.class, e -> {
                    assertThat(e.excluded()).containsOnlyKeys("E", "X");
                    assertThat(e.excluded().get("E")).contains("unavailable");
                    assertThat(e.excluded().get("X")).isEqualTo("not registered");
                    assertThat(e.causedByRequestLimits()).isFalse();
                    assertThat(e.getMessage()).doesNotContain("G", "A=", "B=");
                });
    }

    @Test
    void unknownExplicitSkillsAreRefusedWithTheirPosition() {
        RoutingQuery q = new RoutingQuery(List.of(ChatMessage.user("x")), null, List.of("math", "astrology"));
        assertThatThrownBy(() -> recruiter(RecruitConfig.builder()).recruit(q))
                .isInstanceOf(UnknownSkillException.class)
                .hasMessageContaining("Unknown skill 'astrology'")
                .satisfies(e -> assertThat(((UnknownSkillException) e).index()).isEqualTo(1));
    }

    @Test
    void withoutProfilesTheDefaultExpertAnswers() {
        Recruitment r = Recruiter.skills(
                        () -> CLASSIFIER,
                        Optional::empty,
                        () -> Set.of("G"),
                        id -> true,
                        RecruitConfig.builder().build(),
                        "G")
                .recruit(query("pure math"));
        assertThat(r.method()).isEqualTo("default-expert");
        assertThat(r.skills()).first().extracting(SkillScore::skill).isEqualTo("math");
    }

    @Test
    void configValuesAreCheckedAndNamed() {
        assertThatThrownBy(() -> RecruitConfig.builder().minK(0).build()).hasMessage("minK must be > 0, but was 0");
        assertThatThrownBy(() -> RecruitConfig.builder().maxK(0).build())
                .hasMessage("maxK must be >= minK (1), but was 0");
        assertThatThrownBy(() -> RecruitConfig.builder().temperature(0).build())
                .hasMessage("temperature must be > 0, but was 0.0");
        assertThatThrownBy(() -> RecruitConfig.builder().categoryThreshold(2).build())
                .hasMessage("categoryThreshold must be in [0, 1], but was 2.0");
    }
}
