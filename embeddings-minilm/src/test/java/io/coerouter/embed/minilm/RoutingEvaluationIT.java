package io.coerouter.embed.minilm;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.ModelPool;
import io.coerouter.expert.PoolConfig;
import io.coerouter.skills.DemoPack;
import io.coerouter.skills.classify.EmbeddingClassifierConfig;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.embed.Embedder;
import io.coerouter.skills.evaluate.EvaluationReport;
import io.coerouter.skills.evaluate.RoutingEvaluation;
import io.coerouter.skills.profile.EvalItem;
import io.coerouter.skills.profile.Grader;
import io.coerouter.skills.profile.ProfileSet;
import io.coerouter.skills.recruit.RecruitConfig;
import io.coerouter.skills.recruit.Recruiter;
import io.coerouter.skills.recruit.RoutingMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The harness on real demo experts, the committed profiles and real MiniLM classification. */
class RoutingEvaluationIT {

    @Test
    void routingComesCloseToTheOracleAndBeatsEverySingleExpert() {
        List<EvalItem> all = DemoPack.evalSet().split("test").items();
        List<EvalItem> test = IntStream.range(0, all.size())
                .filter(i -> i % 4 == 0)
                .mapToObj(all::get)
                .toList();
        ProfileSet profiles = DemoPack.profiles();
        SkillClassifier classifier = SkillClassifier.embedding(
                DemoPack.taxonomy(), Embedder.cached(MiniLm.embedder(), 1000), EmbeddingClassifierConfig.defaults());
        Map<String, Recruiter> routers = new LinkedHashMap<>();
        for (RoutingMethod method : RoutingMethod.values()) {
            routers.put(
                    method.id(),
                    Recruiter.skills(
                            () -> classifier,
                            () -> Optional.of(profiles),
                            () -> Set.copyOf(DemoPack.EXPERTS),
                            id -> true,
                            RecruitConfig.builder().method(method).build(),
                            "generalist"));
        }
        try (ModelPool pool = ModelPool.create(PoolConfig.of(1L << 30, 0))) {
            EvaluationReport report = RoutingEvaluation.run(
                    new RoutingEvaluation.Spec(
                            DemoPack.experts(pool),
                            test,
                            routers,
                            // The first answer of the best-weighted recruit, as Aggregator.best would take.
                            Map.of("best", (item, answers) -> answers.stream()
                                    .filter(a -> a.text() != null)
                                    .findFirst()
                                    .map(RoutingEvaluation.Answer::text)
                                    .orElse(null)),
                            Grader.exact(),
                            null,
                            16,
                            24,
                            3,
                            42),
                    () -> false);
            EvaluationReport.Row category = report.row("routed: category");
            EvaluationReport.Row symbolic = report.row("routed: symbolic-moe");
            EvaluationReport.Row oracle = report.row("oracle (best expert per question)");
            EvaluationReport.Row bestSingle = report.bestSingle();
            assertThat(oracle.accuracy()).isGreaterThan(0.95);
            assertThat(category.accuracy()).isGreaterThanOrEqualTo(oracle.accuracy() - 0.05);
            assertThat(category.accuracy()).isGreaterThan(bestSingle.accuracy() + 0.2);
            assertThat(symbolic.accuracy()).isGreaterThan(bestSingle.accuracy() + 0.2);
            assertThat(category.skillAccuracy()).isGreaterThan(0.95);
            assertThat(report.row("random 3 of 6").accuracy()).isLessThan(category.accuracy());
            assertThat(report.rows()).hasSize(2 + 6 + 2);
            assertThat(report.markdown()).contains("| routed: category |").contains("| oracle");
        }
    }
}
