package io.coerouter.skills.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenListener;
import io.coerouter.skills.profile.EvalItem;
import io.coerouter.skills.profile.Grader;
import io.coerouter.skills.recruit.Recruiter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/**
 * The evaluation harness with the built-in echo expert (right when answer = question) and a flaky one that answers
 * "x" and fails on "fail". Echo: right on alpha and fail. Flaky: right on beta only.
 */
class RoutingEvaluationTest {

    private static final List<EvalItem> ITEMS = List.of(
            new EvalItem(1, "alpha", "alpha", List.of("a"), null, null),
            new EvalItem(2, "beta", "x", List.of("b"), null, null),
            new EvalItem(3, "fail", "fail", List.of("a"), null, null));

    private static final RoutingEvaluation.Combiner FIRST = (item, answers) -> answers.stream()
            .filter(a -> a.text() != null)
            .findFirst()
            .map(RoutingEvaluation.Answer::text)
            .orElse(null);

    private static Expert echo(String id) {
        return Expert.of(ExpertConfig.builder(id, "echo").build());
    }

    private static Expert flaky() {
        return new Expert() {
            @Override
            public ExpertConfig config() {
                return ExpertConfig.builder("flaky", "echo").build();
            }

            @Override
            public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
                if (request.lastUserText().equals("fail")) {
                    throw ExpertException.of("flaky", ExpertErrorKind.SERVER_ERROR, "boom", null);
                }
                return echo("flaky").doChat(ExpertRequest.of("x"), tokens);
            }
        };
    }

    private static RoutingEvaluation.Spec spec(Map<String, RoutingEvaluation.Combiner> combiners) {
        Map<String, Recruiter> routers = new LinkedHashMap<>();
        routers.put("echo", Recruiter.defaultExpert("echo"));
        routers.put("broken", query -> {
            throw new IllegalStateException("no route");
        });
        routers.put("ghost", Recruiter.defaultExpert("ghost"));
        return new RoutingEvaluation.Spec(
                List.of(echo("echo"), flaky()), ITEMS, routers, combiners, Grader.exact(), null, 2, 16, 1, 42);
    }

    @Test
    void scoresEachRouterEachSingleExpertRandomKAndTheOracleInThatOrder() {
        EvaluationReport report = RoutingEvaluation.run(spec(Map.of("first", FIRST)), () -> false);

        assertThat(report.questions()).isEqualTo(3);
        assertThat(report.experts()).containsExactly("echo", "flaky");
        assertThat(report.rows().stream().map(EvaluationReport.Row::method))
                .containsExactly(
                        "routed: echo",
                        "routed: broken",
                        "routed: ghost",
                        "single: echo",
                        "single: flaky",
                        "random 1 of 2",
                        "oracle (best expert per question)");
        EvaluationReport.Row routed = report.row("routed: echo");
        assertThat(routed.correct()).isEqualTo(2);
        assertThat(routed.accuracyBySkill()).containsEntry("a", 1.0).containsEntry("b", 0.0);
        assertThat(routed.expertsPerQuestion()).isEqualTo(1.0);
        assertThat(routed.skillAccuracy()).isNull(); // the default-expert router names no skill
        assertThat(routed.routingP50Ms()).isNotNull();
        assertThat(routed.routingFailures()).isZero();
        EvaluationReport.Row broken = report.row("routed: broken");
        assertThat(broken.correct()).isZero();
        assertThat(broken.routingFailures()).isEqualTo(3);
        assertThat(broken.expertsPerQuestion()).isZero();
        EvaluationReport.Row ghost = report.row("routed: ghost");
        assertThat(ghost.correct()).isZero(); // an expert outside the evaluation has no answer
        assertThat(ghost.expertsPerQuestion()).isEqualTo(1.0);
        assertThat(report.row("single: echo").correct()).isEqualTo(2);
        assertThat(report.row("single: flaky").correct()).isEqualTo(1);
        assertThat(report.row("single: flaky").routingP50Ms()).isNull();
        assertThat(report.row("random 1 of 2").expertsPerQuestion()).isEqualTo(1.0);
        assertThat(report.row("oracle (best expert per question)").correct()).isEqualTo(3);
    }

    @Test
    void severalCombinersEachGetARowPerRouterAndTheFirstMergesTheRandomBaseline() {
        Map<String, RoutingEvaluation.Combiner> combiners = new LinkedHashMap<>();
        combiners.put("first", FIRST);
        combiners.put("none", (item, answers) -> null);
        EvaluationReport report = RoutingEvaluation.run(spec(combiners), () -> false);

        assertThat(report.rows().stream().map(EvaluationReport.Row::method).limit(2))
                .containsExactly("routed: echo + first", "routed: echo + none");
        assertThat(report.row("routed: echo + first").correct()).isEqualTo(2);
        assertThat(report.row("routed: echo + none").correct()).isZero();
        assertThat(report.row("routed: echo + none").skillAccuracy()).isNull();
    }

    @Test
    void combinersGetTheirOwnListOfAnswers() {
        RoutingEvaluation.Combiner sorting = (item, answers) -> {
            answers.sort((a, b) -> a.expertId().compareTo(b.expertId()));
            return FIRST.combine(item, answers);
        };
        EvaluationReport report = RoutingEvaluation.run(spec(Map.of("sorting", sorting)), () -> false);

        assertThat(report.row("routed: echo").correct()).isEqualTo(2);
    }

    @Test
    void cancellingStopsBeforeTheNextBatch() {
        assertThatThrownBy(() -> RoutingEvaluation.run(spec(Map.of("first", FIRST)), () -> true))
                .isInstanceOf(CancellationException.class)
                .hasMessage("the evaluation was cancelled");
    }

    @Test
    void percentilesAreNearestRank() {
        double[] values = {5, 1, 4, 2, 3};
        assertThat(RoutingEvaluation.percentile(values, 50)).isEqualTo(3);
        assertThat(RoutingEvaluation.percentile(values, 99)).isEqualTo(5);
        assertThat(RoutingEvaluation.percentile(values, 0)).isEqualTo(1);
        assertThat(values).containsExactly(5, 1, 4, 2, 3); // the values are left as they were
    }
}
