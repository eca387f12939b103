package io.coerouter.router.routing;

import static io.coerouter.router.routing.RoutingFixtures.aggregation;
import static io.coerouter.router.routing.RoutingFixtures.echo;
import static io.coerouter.router.routing.RoutingFixtures.registry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.config.AggregationProperties;
import io.coerouter.router.config.AggregatorId;
import io.coerouter.router.config.AnswerExtraction;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregatorsTest {

    private final ExpertRegistry registry = registry(echo("a"), echo("b"));

    private static AggregationProperties config(
            AggregatorId defaultAggregator, String extraction, String judge, AggregatorId selfMoa) {
        return new AggregationProperties(
                defaultAggregator,
                Map.of(),
                AnswerExtraction.of(extraction),
                null,
                judge,
                3,
                0.7,
                selfMoa,
                Duration.ofSeconds(120),
                Duration.ofSeconds(10));
    }

    @Test
    void theIdsAreTheLowerCaseNamesRequestsUse() {
        assertThat(Aggregators.IDS).containsExactly("vote", "weighted-vote", "synthesis", "judge", "self-moa", "first");
    }

    @Test
    void aRequestedAggregatorWinsThenTheTopSkillsThenTheDefault() {
        Aggregators aggregators = RoutingFixtures.aggregators(
                registry, aggregation(AggregatorId.FIRST, Map.of("math", AggregatorId.WEIGHTED_VOTE)));

        assertThat(aggregators.choose(AggregatorId.VOTE, "math")).isEqualTo(AggregatorId.VOTE);
        assertThat(aggregators.choose(null, "math")).isEqualTo(AggregatorId.WEIGHTED_VOTE);
        assertThat(aggregators.choose(null, "code")).isEqualTo(AggregatorId.FIRST);
        assertThat(aggregators.choose(null, null)).isEqualTo(AggregatorId.FIRST);
    }

    @Test
    void anAggregatorWhoseExpertIsNotConfiguredIsRefusedAtStartUpAndPerRequest() {
        assertThatThrownBy(() -> RoutingFixtures.aggregators(
                        registry, config(AggregatorId.JUDGE, "auto", null, AggregatorId.VOTE)))
                .hasMessage(
                        "coe.aggregation.default-aggregator is 'judge', which needs coe.aggregation.judge to name an"
                                + " expert");
        assertThatThrownBy(() -> RoutingFixtures.aggregators(
                        registry, config(AggregatorId.VOTE, "auto", null, AggregatorId.SELF_MOA)))
                .hasMessage("coe.aggregation.self-moa-aggregator cannot be 'self-moa'");

        Aggregators aggregators = RoutingFixtures.aggregators(registry, aggregation(AggregatorId.VOTE, Map.of()));
        assertThatThrownBy(() -> aggregators.get(AggregatorId.SYNTHESIS, null))
                .isInstanceOf(RouterException.class)
                .hasMessage("The aggregator 'synthesis' needs coe.aggregation.synthesizer (an expert id), which this"
                        + " deployment does not set.");
    }

    @Test
    void extractionsBindFromTheirIdsAndABadOneIsNamed() {
        assertThat(AnswerExtraction.of("last-line").kind()).isEqualTo(AnswerExtraction.Kind.LAST_LINE);
        assertThat(AnswerExtraction.of("LAST_LINE")).hasToString("last-line");
        assertThat(AnswerExtraction.of("regex:answer: (\\d+)").pattern()).isEqualTo("answer: (\\d+)");
        assertThatThrownBy(() -> AnswerExtraction.of("loudest"))
                .hasMessage(
                        "must be one of [auto, number, choice, boxed, last-line, regex:<pattern>], but was 'loudest'");
        assertThatThrownBy(() -> RoutingFixtures.aggregators(
                        registry, config(AggregatorId.VOTE, "regex:(", null, AggregatorId.VOTE)))
                .hasMessageStartingWith("coe.aggregation.extraction: extraction regex is not valid: ");
    }

    @Test
    void selfMoaMergesWithItsConfiguredAggregatorAndStringIdsStillWork() {
        Aggregators aggregators =
                RoutingFixtures.aggregators(registry, config(AggregatorId.VOTE, "auto", "b", AggregatorId.JUDGE));

        assertThat(aggregators.get(AggregatorId.SELF_MOA)).isSameAs(aggregators.get(AggregatorId.JUDGE));
        assertThat(aggregators.get("weighted-vote")).isSameAs(aggregators.get(AggregatorId.WEIGHTED_VOTE));
    }
}
