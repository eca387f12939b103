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

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.config.AggregatorId;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.skills.classify.SkillScore;
import io.coerouter.skills.recruit.Recruit;
import io.coerouter.skills.recruit.Recruitment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutePlannerTest {

    private final ExpertRegistry registry = registry(echo("a"), echo("b"), echo("c"));

    private RoutePlanner planner(Recruitment recruitment, Map<String, AggregatorId> perSkill) {
        return RoutePlanner.of(
                registry,
                RouteDecider.of(registry, recruiter(recruitment)),
                aggregators(registry, aggregation(AggregatorId.VOTE, perSkill)));
    }

    @Test
    void aNamedExpertIsOneCallWithNoAggregator() {
        RoutingPlan plan = planner(recruitment("c"), Map.of()).plan(request("b", "hi"));

        assertThat(plan.routed()).isFalse();
        assertThat(plan.single()).isTrue();
        assertThat(plan.aggregator()).isNull();
        assertThat(plan.calls())
                .singleElement()
                .satisfies(c -> assertThat(c.expert().id()).isEqualTo("b"));
        assertThat(plan.plannedNanos()).isGreaterThanOrEqualTo(plan.startNanos());
    }

    @Test
    void everyRecruitIsCalledWithItsScoreAndTheDefaultAggregator() {
        RoutingPlan plan = planner(recruitment("a", "c"), Map.of()).plan(request("coe", "hi"));

        assertThat(plan.aggregator()).isEqualTo(AggregatorId.VOTE);
        assertThat(plan.calls())
                .extracting(c -> c.expert().id() + "@" + c.score())
                .containsExactly("a@0.9", "c@0.8");
    }

    @Test
    void theTopSkillPicksItsAggregatorUnlessTheRequestNamesOne() {
        Recruitment mathy = new Recruitment(
                "symbolic-moe",
                List.of(new Recruit("a", 0.9), new Recruit("b", 0.8)),
                "hand-built",
                List.of(new SkillScore("math", 0.7), new SkillScore("code", 0.3)),
                null,
                null,
                List.of(),
                List.of(),
                Map.of());
        RoutePlanner planner = planner(mathy, Map.of("math", AggregatorId.WEIGHTED_VOTE));

        assertThat(planner.plan(request("coe", "hi")).aggregator()).isEqualTo(AggregatorId.WEIGHTED_VOTE);
        ChatCompletionRequest first = request("coe", "hi", coe(null, AggregatorId.FIRST, false), Set.of());
        assertThat(planner.plan(first).aggregator()).isEqualTo(AggregatorId.FIRST);
    }

    @Test
    void selfMoaSamplesTheBestRecruitWithConsecutiveSeeds() {
        ExpertRequest seeded = ExpertRequest.builder()
                .messages(List.of(ChatMessage.user("hi")))
                .seed(40L)
                .build();
        ChatCompletionRequest request =
                new ChatCompletionRequest("coe", seeded, false, false, coe(4, AggregatorId.SELF_MOA, false), Set.of());

        RoutingPlan plan = planner(recruitment("b", "a"), Map.of()).plan(request);

        assertThat(plan.aggregator()).isEqualTo(AggregatorId.SELF_MOA);
        assertThat(plan.calls()).hasSize(4).allSatisfy(c -> {
            assertThat(c.expert().id()).isEqualTo("b");
            assertThat(c.request().temperature())
                    .as("the configured temperature")
                    .isEqualTo(0.7);
        });
        assertThat(plan.calls()).extracting(c -> c.request().seed()).containsExactly(40L, 41L, 42L, 43L);
    }

    @Test
    void selfMoaWithoutKDrawsTheConfiguredNumberOfSamples() {
        ChatCompletionRequest request = request("coe", "hi", coe(null, AggregatorId.SELF_MOA, false), Set.of());

        RoutingPlan plan = planner(recruitment("c"), Map.of()).plan(request);

        assertThat(plan.calls())
                .hasSize(3)
                .allSatisfy(c -> assertThat(c.request().seed()).isNull());
    }
}
