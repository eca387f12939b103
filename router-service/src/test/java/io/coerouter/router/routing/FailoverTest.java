package io.coerouter.router.routing;

import static io.coerouter.router.routing.RoutingFixtures.echo;
import static io.coerouter.router.routing.RoutingFixtures.recruiter;
import static io.coerouter.router.routing.RoutingFixtures.recruitment;
import static io.coerouter.router.routing.RoutingFixtures.registry;
import static io.coerouter.router.routing.RoutingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.aggregate.Candidate;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.chat.CoeOptions;
import io.coerouter.router.config.AggregatorId;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.telemetry.genai.GenAiTelemetry;
import io.coerouter.skills.recruit.Recruit;
import io.coerouter.skills.recruit.Recruitment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FailoverTest {

    private static RoutingPlan plan(ExpertRegistry registry, Recruitment recruitment, ChatCompletionRequest request) {
        Aggregators aggregators =
                RoutingFixtures.aggregators(registry, RoutingFixtures.aggregation(AggregatorId.VOTE, Map.of()));
        return RoutePlanner.of(registry, RouteDecider.of(registry, recruiter(recruitment)), aggregators)
                .plan(request);
    }

    private static List<String> outcomes(List<Candidate> attempts) {
        return attempts.stream()
                .map(c ->
                        c.expertId() + ":" + (c.succeeded() ? "ok" : c.failure().kind()))
                .toList();
    }

    @Test
    void aNamedExpertFallsOverToItsFallbacksInOrder() {
        ExpertRegistry registry = registry(
                Map.of("a", ExpertErrorKind.SERVER_ERROR, "b", ExpertErrorKind.TIMEOUT),
                echo("a", "\"fallbacks\":[\"b\",\"c\"]"),
                echo("b"),
                echo("c"));
        RoutingPlan plan = plan(registry, recruitment("a"), request("a", "hello there"));

        List<Candidate> attempts =
                Failover.of(registry, 2, GenAiTelemetry.off()).call(plan, TokenListener.NONE);

        assertThat(outcomes(attempts)).containsExactly("a:SERVER_ERROR", "b:TIMEOUT", "c:ok");
        assertThat(attempts.getLast().response().text()).isEqualTo("hello there");
    }

    @Test
    void noMoreThanMaxFailoversOtherExpertsAreTried() {
        ExpertRegistry registry = registry(
                Map.of("a", ExpertErrorKind.SERVER_ERROR, "b", ExpertErrorKind.SERVER_ERROR),
                echo("a", "\"fallbacks\":[\"b\",\"c\"]"),
                echo("b"),
                echo("c"));
        RoutingPlan plan = plan(registry, recruitment("a"), request("a", "hi"));

        assertThat(outcomes(Failover.of(registry, 1, GenAiTelemetry.off()).call(plan, TokenListener.NONE)))
                .containsExactly("a:SERVER_ERROR", "b:SERVER_ERROR");
        assertThat(outcomes(Failover.of(registry, 0, GenAiTelemetry.off()).call(plan, TokenListener.NONE)))
                .containsExactly("a:SERVER_ERROR");
    }

    @Test
    void aRejectedRequestIsNotRetriedElsewhere() {
        ExpertRegistry registry =
                registry(Map.of("a", ExpertErrorKind.BAD_REQUEST), echo("a", "\"fallbacks\":[\"b\"]"), echo("b"));
        RoutingPlan plan = plan(registry, recruitment("a"), request("a", "hi"));

        assertThat(outcomes(Failover.of(registry, 2, GenAiTelemetry.off()).call(plan, TokenListener.NONE)))
                .containsExactly("a:BAD_REQUEST");
    }

    @Test
    void aRoutedRequestFallsOverToTheRecruitersCandidatesThenTheDefaultWithinTheKeysExperts() {
        ExpertRegistry registry =
                registry(Map.of("b", ExpertErrorKind.SERVER_ERROR), echo("a"), echo("b"), echo("c"), echo("d"));
        Recruitment recruitment = new Recruitment(
                "symbolic-moe",
                List.of(new Recruit("b", 0.9)),
                "hand-built",
                List.of(),
                null,
                null,
                List.of(),
                List.of(new Recruit("b", 0.9), new Recruit("d", 0.5), new Recruit("c", 0.4)),
                Map.of());
        RoutingPlan open = plan(registry, recruitment, request("coe", "hi"));
        assertThat(Failover.of(registry, 2, GenAiTelemetry.off()).order(open)).containsExactly("d", "c", "a");

        Recruitment withinKey = new Recruitment(
                "symbolic-moe",
                List.of(new Recruit("b", 0.9)),
                "hand-built",
                List.of(),
                null,
                null,
                List.of(),
                List.of(new Recruit("b", 0.9), new Recruit("c", 0.4)),
                Map.of());
        RoutingPlan limited = plan(registry, withinKey, request("coe", "hi", CoeOptions.NONE, Set.of("b", "c")));
        assertThat(Failover.of(registry, 2, GenAiTelemetry.off()).order(limited))
                .containsExactly("c");
        assertThat(outcomes(Failover.of(registry, 2, GenAiTelemetry.off()).call(limited, TokenListener.NONE)))
                .containsExactly("b:SERVER_ERROR", "c:ok");
    }

    @Test
    void aPromptTooLongGoesOnlyToExpertsWithALargerContextWindow() {
        ExpertRegistry registry = registry(
                Map.of("a", ExpertErrorKind.CONTEXT_LENGTH),
                echo("a", "\"context_window\":4096,\"fallbacks\":[\"small\",\"big\"]"),
                echo("small", "\"context_window\":2048"),
                echo("big", "\"context_window\":32768"));
        RoutingPlan plan = plan(registry, recruitment("a"), request("a", "a long prompt"));

        assertThat(outcomes(Failover.of(registry, 2, GenAiTelemetry.off()).call(plan, TokenListener.NONE)))
                .containsExactly("a:CONTEXT_LENGTH", "big:ok");
    }
}
