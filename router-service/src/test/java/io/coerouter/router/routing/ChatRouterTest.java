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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.aggregate.AllCandidatesFailedException;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.config.AggregatorId;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.testing.ManualClock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The router end to end over echo experts: plan, call (with failover), aggregate, trace. */
class ChatRouterTest {

    private static ChatRouter router(ExpertRegistry registry, String... recruits) {
        return new ChatRouter(
                registry,
                recruiter(recruitment(recruits)),
                aggregators(registry, aggregation(AggregatorId.VOTE, Map.of())),
                new ManualClock(),
                2);
    }

    @Test
    void aNamedExpertAnswersDirectly() {
        RoutedAnswer answer =
                router(registry(echo("a"), echo("b")), "a").route(request("b", "say hi"), TokenListener.NONE);

        assertThat(answer.text()).isEqualTo("say hi");
        assertThat(answer.usage().outputTokens()).isEqualTo(2);
        assertThat(answer.trace().route()).isEqualTo("direct");
        assertThat(answer.trace().experts()).extracting(CoeTrace.ExpertCall::id).containsExactly("b");
        assertThat(answer.trace().aggregator()).isNull();
    }

    @Test
    void severalRecruitsAreCalledAtOnceAndVoted() {
        RoutedAnswer answer = router(registry(echo("a"), echo("b"), echo("c")), "a", "b", "c")
                .route(request("coe", "same answer", coe(null, null, true), Set.of()), TokenListener.NONE);

        assertThat(answer.text()).isEqualTo("same answer");
        assertThat(answer.trace().route()).isEqualTo("coe");
        assertThat(answer.trace().aggregator()).isEqualTo("vote");
        assertThat(answer.trace().experts()).extracting(CoeTrace.ExpertCall::id).containsExactly("a", "b", "c");
        assertThat(answer.usage().outputTokens()).as("every answer's tokens").isEqualTo(6);
        assertThat(answer.trace().explanation().method()).isEqualTo("symbolic-moe");
    }

    @Test
    void aFailedSingleCallFallsOverAndIsTraced() {
        ExpertRegistry registry =
                registry(Map.of("a", ExpertErrorKind.UNAVAILABLE), echo("a", "\"fallbacks\":[\"b\"]"), echo("b"));

        RoutedAnswer answer = router(registry, "a").route(request("a", "hello"), TokenListener.NONE);

        assertThat(answer.text()).isEqualTo("hello");
        assertThat(answer.trace().experts())
                .extracting(c -> c.id() + ":" + c.status())
                .containsExactly("a:failed", "b:ok");
    }

    @Test
    void whenNoExpertAnswersEveryFailureIsReported() {
        ExpertRegistry registry = registry(Map.of("a", ExpertErrorKind.BAD_REQUEST), echo("a"));

        assertThatThrownBy(() -> router(registry, "a").route(request("a", "hello"), TokenListener.NONE))
                .isInstanceOfSatisfying(AllCandidatesFailedException.class, e -> assertThat(e.candidates())
                        .hasSize(1));
    }

    @Test
    void decideRoutesWithoutCallingAnyExpert() {
        ExpertRegistry registry = registry(Map.of("a", ExpertErrorKind.SERVER_ERROR), echo("a"), echo("b"));

        assertThat(router(registry, "a", "b").decide(request("coe", "q")).experts())
                .extracting(r -> r.expertId())
                .isEqualTo(List.of("a", "b"));
    }
}
