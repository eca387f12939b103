package io.coerouter.skills.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenListener;
import io.coerouter.skills.classify.SkillClassification;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.classify.SkillScore;
import io.coerouter.skills.profile.EvalItem;
import io.coerouter.skills.profile.ExpertProfile;
import io.coerouter.skills.profile.Grader;
import io.coerouter.skills.profile.ProfileSet;
import io.coerouter.skills.profile.SkillStats;
import io.coerouter.skills.recruit.RecruitConfig;
import io.coerouter.skills.recruit.Recruiter;
import io.coerouter.skills.recruit.RoutingMethod;
import io.coerouter.skills.taxonomy.Skill;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The accuracy–cost curve on four questions of one skill: {@code dear} (echo, right on all, $0.01 per 1k tokens) and
 * {@code cheap} (right on three, $0.0001 per 1k tokens), profiled 40/0 and 30/10.
 */
class TradeoffCurveTest {

    private static final List<EvalItem> ITEMS = List.of(
            new EvalItem(1, "one", "one", List.of("a"), null, null),
            new EvalItem(2, "two", "two", List.of("a"), null, null),
            new EvalItem(3, "three", "three", List.of("a"), null, null),
            new EvalItem(4, "four", "four", List.of("a"), null, null));

    private static final SkillTaxonomy TAXONOMY =
            new SkillTaxonomy(List.of(new Skill("a", "the only skill", List.of())));

    private static final SkillClassifier CLASSIFIER = new SkillClassifier() {
        @Override
        public SkillTaxonomy taxonomy() {
            return TAXONOMY;
        }

        @Override
        public SkillClassification doClassify(String query) {
            return new SkillClassification("fixed", List.of(new SkillScore("a", 1.0)), List.of());
        }
    };

    private static ExpertConfig config(String id, String per1k) {
        return ExpertConfig.builder(id, "echo").pricing(per1k, per1k).build();
    }

    private static final Expert DEAR = Expert.of(config("dear", "0.01"));

    /** Echoes the question, except that it answers "four" wrong. */
    private static final Expert CHEAP = new Expert() {
        @Override
        public ExpertConfig config() {
            return TradeoffCurveTest.config("cheap", "0.0001");
        }

        @Override
        public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
            String q = request.lastUserText();
            return Expert.of(config()).doChat(ExpertRequest.of(q.equals("four") ? "4" : q), tokens);
        }
    };

    private static final ProfileSet PROFILES = new ProfileSet(
            1,
            Instant.EPOCH,
            "test",
            40,
            Map.of(
                    "dear",
                    new ExpertProfile("dear", Map.of("a", new SkillStats(40, 0, 0)), 1, BigDecimal.ZERO),
                    "cheap",
                    new ExpertProfile("cheap", Map.of("a", new SkillStats(30, 10, 0)), 1, BigDecimal.ZERO)));

    private static TradeoffCurve curve(List<Double> tradeoffs) {
        Map<String, Expert> experts = Map.of("dear", DEAR, "cheap", CHEAP);
        Recruiter category = Recruiter.skills(
                () -> CLASSIFIER,
                () -> Optional.of(PROFILES),
                experts::keySet,
                id -> true,
                id -> experts.get(id).config().pricing(),
                RecruitConfig.builder()
                        .method(RoutingMethod.CATEGORY)
                        .tradeoffMargin(0.3)
                        .build(),
                "dear");
        Map<String, Recruiter> series = new LinkedHashMap<>();
        series.put("category", category);
        RoutingEvaluation.Combiner first = (item, answers) -> answers.getFirst().text();
        return TradeoffCurve.run(
                new RoutingEvaluation.Spec(
                        List.of(DEAR, CHEAP),
                        ITEMS,
                        Map.of(),
                        Map.of("first", first),
                        Grader.exact(),
                        null,
                        4,
                        16,
                        1,
                        42),
                series,
                tradeoffs,
                () -> false);
    }

    @Test
    void eachSettingIsScoredForAccuracyAndWhatItsAnswersCostAgainstEverySingleExpert() {
        TradeoffCurve curve = curve(List.of(0.0, 1.0));

        assertThat(curve.questions()).isEqualTo(4);
        assertThat(curve.seriesNames()).containsExactly("category");
        List<TradeoffCurve.Point> points = curve.series("category");
        assertThat(points).extracting(TradeoffCurve.Point::setting).containsExactly("none", "0.00", "1.00");
        TradeoffCurve.Point cheapest = points.get(1);
        TradeoffCurve.Point best = points.get(2);
        assertThat(cheapest.correct()).isEqualTo(3); // every question to the cheap expert, wrong on "four"
        assertThat(best.correct()).isEqualTo(4);
        assertThat(points.getFirst().correct()).isEqualTo(4); // without a tradeoff: the most accurate, as before
        assertThat(cheapest.totalCostUsd()).isLessThan(best.totalCostUsd());
        assertThat(cheapest.expertsPerQuestion()).isEqualTo(1.0);

        assertThat(curve.singles()).extracting(TradeoffCurve.Point::series).containsExactly("dear", "cheap");
        TradeoffCurve.Point cheapAlone = curve.singles().get(1);
        assertThat(cheapest.totalCostUsd()).isEqualByComparingTo(cheapAlone.totalCostUsd());
        assertThat(best.totalCostUsd())
                .isEqualByComparingTo(curve.singles().getFirst().totalCostUsd());
        assertThat(cheapest.meanCostUsd().multiply(BigDecimal.valueOf(4)))
                .isEqualByComparingTo(cheapest.totalCostUsd());
        assertThat(curve.points().getLast().kind()).isEqualTo("oracle");
        assertThat(curve.points().getLast().correct()).isEqualTo(4);

        assertThat(curve.markdown())
                .startsWith("| Method | Tradeoff | Accuracy | Total cost $ | Mean cost $ | Experts/question |")
                .contains("| category | 0.00 | 75.0% (3/4) |")
                .contains("| single: cheap |  | 75.0% (3/4) |");
    }

    @Test
    void aTradeoffOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> curve(List.of(0.5, 2.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tradeoffs must be in [0, 1], but one was 2.0");
    }
}
