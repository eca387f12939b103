package io.coerouter.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.aggregate.Aggregation;
import io.coerouter.aggregate.Candidate;
import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenUsage;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.chat.CoeOptions;
import io.coerouter.router.config.AggregatorId;
import io.coerouter.skills.classify.SkillScore;
import io.coerouter.skills.recruit.Recruit;
import io.coerouter.skills.recruit.Recruitment;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TraceBuilderTest {

    private static final Recruitment RECRUITMENT = new Recruitment(
            "symbolic-moe",
            List.of(new Recruit("a", 0.91234), new Recruit("b", 0.5)),
            "two experts",
            List.of(new SkillScore("math", 0.876543), new SkillScore("code", 0.005)),
            "embedding-knn",
            0.876543,
            List.of(),
            List.of(new Recruit("a", 0.91234)),
            Map.of());

    private static ChatCompletionRequest request(String model, CoeOptions coe, Set<String> allowed) {
        ExpertRequest expert =
                ExpertRequest.builder().messages(List.of(ChatMessage.user("q"))).build();
        return new ChatCompletionRequest(model, expert, false, false, coe, allowed);
    }

    private static RoutingPlan plan(ChatCompletionRequest request, Recruitment recruitment, int calls) {
        List<PlannedCall> planned = Collections.nCopies(calls, new PlannedCall(null, 0, null));
        return new RoutingPlan(request, recruitment, AggregatorId.JUDGE, planned, 0, 2_000_000);
    }

    private static Candidate answered(String id, String cost) {
        ExpertResponse r = new ExpertResponse(
                id, "x", FinishReason.STOP, new TokenUsage(3, 4), new BigDecimal(cost), Duration.ofNanos(1_234_567));
        return Candidate.answered(0.5, r);
    }

    private static final Aggregation JUDGED =
            new Aggregation("judge", "x", FinishReason.STOP, TokenUsage.ZERO, "the judge chose 'a'", false);

    @Test
    void callsComeInRoutingOrderThenTheCancelledOnesAndTheirCostsAddUp() {
        Candidate failed = Candidate.failed(0.4, ExpertException.of("c", ExpertErrorKind.RATE_LIMITED, "slow", null));
        CoeTrace trace = TraceBuilder.forPlan(plan(request("coe", CoeOptions.NONE, Set.of()), RECRUITMENT, 3))
                .calls(List.of(answered("a", "0.001"), failed, answered("b", "0.002")), List.of("d"))
                .aggregation(JUDGED)
                .timings(CoeTrace.Timings.of(0, 2_000_000, 5_000_000, 5_500_000))
                .build();

        assertThat(trace.route()).isEqualTo("coe");
        assertThat(trace.aggregator()).isEqualTo("judge");
        assertThat(trace.costUsd()).isEqualByComparingTo("0.003");
        assertThat(trace.experts())
                .extracting(c -> c.id() + ":" + c.status() + ":" + c.error())
                .containsExactly("a:ok:null", "c:failed:rate_limited", "b:ok:null", "d:cancelled:null");
        assertThat(trace.experts().getFirst().latencyMs()).isEqualTo(1.235);
        assertThat(trace.skills()).containsExactly(new CoeTrace.SkillScore("math", 0.8765));
        assertThat(trace.timingsMs()).isEqualTo(new CoeTrace.Timings(2.0, 3.0, 0.5, 5.5));
        assertThat(trace.explanation()).isNull();
    }

    @Test
    void anExplanationNamesTheRequestedAggregatorByIdAndHidesTheJudgeFromALimitedKey() {
        CoeOptions explain = new CoeOptions(2, AggregatorId.SELF_MOA, List.of("math"), true, null, null, null, null);
        CoeTrace trace = TraceBuilder.forPlan(plan(request("coe", explain, Set.of("a", "b")), RECRUITMENT, 2))
                .calls(List.of(answered("a", "0"), answered("b", "0")), List.of())
                .aggregation(JUDGED)
                .timings(CoeTrace.Timings.of(0, 0, 0, 0))
                .build();

        CoeTrace.Explanation e = trace.explanation();
        assertThat(e.requestedAggregator()).isEqualTo("self-moa");
        assertThat(e.requestedK()).isEqualTo(2);
        assertThat(e.requestedSkills()).containsExactly("math");
        assertThat(e.aggregation()).isEqualTo("the deployment's judge aggregator merged the answers");
        assertThat(e.confidence()).isEqualTo(0.8765);
        assertThat(e.candidates()).containsExactly(new CoeTrace.Candidate("a", 0.9123));
        assertThat(e.excluded()).isNull();
        String json = JsonMapper.builder().build().writeValueAsString(e);
        assertThat(json).contains("\"requested_aggregator\":\"self-moa\"").doesNotContain("excluded");
    }

    @Test
    void aSingleDirectAnswerHasNoAggregator() {
        Recruitment direct = new Recruitment("direct", List.of(new Recruit("a", 1.0)), "named");
        CoeTrace trace = TraceBuilder.forPlan(plan(request("a", CoeOptions.NONE, Set.of()), direct, 1))
                .calls(List.of(answered("a", "0.5")), List.of())
                .aggregation(JUDGED)
                .timings(CoeTrace.Timings.of(0, 0, 0, 0))
                .build();

        assertThat(trace.route()).isEqualTo("direct");
        assertThat(trace.aggregator()).isNull();
        assertThat(trace.skills()).isEmpty();
    }

    @Test
    void aCallAClusterWorkerRanNamesTheWorkerAndWhereItsTimeWent() {
        ExpertResponse r = new ExpertResponse(
                        "local", "x", FinishReason.STOP, new TokenUsage(3, 4), BigDecimal.ZERO, Duration.ofMillis(40))
                .withServed(new ExpertResponse.Served(
                        "worker-1", Duration.ofMillis(3), Duration.ofMillis(20), Duration.ofMillis(15), 4));
        CoeTrace trace = TraceBuilder.forPlan(plan(request("coe", CoeOptions.NONE, Set.of()), RECRUITMENT, 2))
                .calls(List.of(Candidate.answered(0.5, r), answered("remote", "0")), List.of())
                .aggregation(JUDGED)
                .timings(CoeTrace.Timings.of(0, 0, 0, 0))
                .build();

        assertThat(trace.experts().getFirst().worker()).isEqualTo(new CoeTrace.Worker("worker-1", 3.0, 20.0, 15.0, 4));
        assertThat(trace.experts().get(1).worker())
                .as("ran on the answering replica")
                .isNull();
        String json = JsonMapper.builder().build().writeValueAsString(trace.experts());
        assertThat(json)
                .contains("\"worker\":{\"id\":\"worker-1\",\"wait_ms\":3.0,\"load_ms\":20.0,"
                        + "\"generation_ms\":15.0,\"batch_size\":4}")
                .containsOnlyOnce("\"worker\"");
    }

    @Test
    void eachCallsOwnAnswerIsShownOnlyWhenAskedForInTheOrderOfTheTrace() {
        Candidate failed = Candidate.failed(0.4, ExpertException.of("c", ExpertErrorKind.TIMEOUT, "slow", null));
        Candidate other = Candidate.answered(
                0.5,
                new ExpertResponse(
                        "b", "from b", FinishReason.STOP, new TokenUsage(1, 2), BigDecimal.ZERO, Duration.ZERO));
        List<Candidate> candidates = List.of(answered("a", "0.001"), failed, other);
        CoeTrace trace = TraceBuilder.forPlan(plan(request("coe", CoeOptions.NONE, Set.of()), RECRUITMENT, 3))
                .calls(candidates, List.of("d"))
                .aggregation(JUDGED)
                .timings(CoeTrace.Timings.of(0, 1, 2, 3))
                .build();
        List<String> answers = TraceBuilder.answers(candidates, List.of("d"));
        var json = JsonMapper.builder().build();

        assertThat(answers).containsExactly("x", null, "from b", null);
        assertThat(json.writeValueAsString(trace)).doesNotContain("\"answer\"");
        CoeTrace shown = new RoutedAnswer("x", FinishReason.STOP, TokenUsage.ZERO, trace, answers)
                .withAnswersTraced()
                .trace();
        assertThat(shown.experts())
                .extracting(c -> c.id() + ":" + c.answer())
                .containsExactly("a:x", "c:null", "b:from b", "d:null");
        assertThat(json.readTree(json.writeValueAsString(shown))
                        .path("experts")
                        .get(2)
                        .path("answer")
                        .asString())
                .isEqualTo("from b");
        assertThat(shown.withAnswers(List.of()).experts()).isEqualTo(shown.experts());
    }
}
