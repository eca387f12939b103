package io.coerouter.router.routing;

import static io.coerouter.router.routing.RoutingFixtures.aggregation;
import static io.coerouter.router.routing.RoutingFixtures.aggregators;
import static io.coerouter.router.routing.RoutingFixtures.coe;
import static io.coerouter.router.routing.RoutingFixtures.echo;
import static io.coerouter.router.routing.RoutingFixtures.recruiter;
import static io.coerouter.router.routing.RoutingFixtures.recruitment;
import static io.coerouter.router.routing.RoutingFixtures.registry;
import static io.coerouter.router.routing.RoutingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.aggregate.Aggregation;
import io.coerouter.aggregate.Candidate;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.config.AggregatorId;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.testing.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AggregationStepTest {

    private final ExpertRegistry registry = registry(echo("a"), echo("b"), echo("c"));
    private final Aggregators aggregators = aggregators(registry, aggregation(AggregatorId.VOTE, Map.of()));
    private final AggregationStep step = AggregationStep.of(aggregators, new ManualClock());

    private RoutingPlan plan(ChatCompletionRequest request, String... recruits) {
        return RoutePlanner.of(registry, RouteDecider.of(registry, recruiter(recruitment(recruits))), aggregators)
                .plan(request);
    }

    /** A listener that keeps what it is sent. */
    private static TokenListener collecting(List<String> sent) {
        return new TokenListener() {
            @Override
            public void onToken(String text) {
                sent.add(text);
            }

            @Override
            public boolean streaming() {
                return true;
            }
        };
    }

    @Test
    void severalAnswersAreVotedAndTheResultSentWhole() {
        RoutingPlan plan = plan(request("coe", "q"), "a", "b", "c");
        List<String> sent = new ArrayList<>();

        Aggregation merged = step.aggregate(
                plan,
                List.of(
                        Candidate.answered("a", 0.9, "42"),
                        Candidate.answered("b", 0.8, "41"),
                        Candidate.answered("c", 0.7, "42")),
                collecting(sent),
                0);

        assertThat(merged.aggregator()).isEqualTo("vote");
        assertThat(merged.text()).isEqualTo("42");
        assertThat(sent).containsExactly("42");
    }

    @Test
    void aSingleAnswerIsTakenAsItIsAndNotSentAgain() {
        RoutingPlan plan = plan(request("a", "q"), "a");
        List<String> sent = new ArrayList<>();

        Aggregation merged = step.aggregate(plan, List.of(Candidate.answered("a", 1.0, "hello")), collecting(sent), 0);

        assertThat(merged.text()).isEqualTo("hello");
        assertThat(sent).as("the call streamed it already").isEmpty();
    }

    @Test
    void selfMoaIsReportedAsSuchOverItsMerger() {
        RoutingPlan plan = plan(request("coe", "q", coe(2, AggregatorId.SELF_MOA, false), Set.of()), "b");

        Aggregation merged = step.aggregate(
                plan,
                List.of(Candidate.answered("b", 0.9, "x"), Candidate.answered("b", 0.9, "x")),
                TokenListener.NONE,
                0);

        assertThat(merged.aggregator()).isEqualTo("self-moa");
        assertThat(merged.trace()).startsWith("self-MoA: 2 samples of 'b'; ");
    }
}
