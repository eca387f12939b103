package io.coerouter.router.routing;

import static io.coerouter.router.routing.RoutingFixtures.echo;
import static io.coerouter.router.routing.RoutingFixtures.recruiter;
import static io.coerouter.router.routing.RoutingFixtures.recruitment;
import static io.coerouter.router.routing.RoutingFixtures.registry;
import static io.coerouter.router.routing.RoutingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.chat.CoeOptions;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.skills.recruit.Recruitment;
import io.coerouter.skills.recruit.UnknownSkillException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteDeciderTest {

    private final ExpertRegistry registry = registry(echo("a"), echo("b"), echo("c"));

    @Test
    void aNamedExpertIsADirectDecision() {
        Recruitment decision =
                RouteDecider.of(registry, recruiter(recruitment("c"))).decide(request("b", "hi"));

        assertThat(decision.method()).isEqualTo("direct");
        assertThat(decision.experts()).singleElement().satisfies(r -> assertThat(r.expertId())
                .isEqualTo("b"));
        assertThat(decision.reason()).isEqualTo("the request named expert 'b'");
    }

    @Test
    void anUnknownModelIsNotFoundListingOnlyWhatTheKeyMayReach() {
        RouteDecider decider = RouteDecider.of(registry, recruiter(recruitment("a")));

        assertThatThrownBy(() -> decider.decide(request("zz", "hi", CoeOptions.NONE, Set.of("c", "a"))))
                .isInstanceOfSatisfying(RouterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
                    assertThat(e.code()).isEqualTo("model_not_found");
                    assertThat(e.getMessage()).isEqualTo("The model 'zz' does not exist. Available models: coe, a, c.");
                });
    }

    @Test
    void routingOptionsForANamedExpertAreRefused() {
        RouteDecider decider = RouteDecider.of(registry, recruiter(recruitment("a")));
        CoeOptions k = new CoeOptions(2, null, List.of(), false, null, null, null, null);

        assertThatThrownBy(() -> decider.decide(request("a", "hi", k, Set.of())))
                .isInstanceOfSatisfying(
                        RouterException.class, e -> assertThat(e.param()).isEqualTo("coe"));
    }

    @Test
    void aRecruiterGoingOutsideTheKeysExpertsIsABug() {
        RouteDecider decider = RouteDecider.of(registry, recruiter(recruitment("a", "b")));

        assertThat(decider.decide(request("coe", "hi")).experts()).hasSize(2);
        assertThatThrownBy(() -> decider.decide(request("coe", "hi", CoeOptions.NONE, Set.of("a"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the recruiter went outside the caller's allowed experts");
    }

    @Test
    void anUnknownSkillIsAnInvalidRequestNamingItsIndex() {
        RouteDecider decider = RouteDecider.of(registry, query -> {
            throw new UnknownSkillException(1, "nope", List.of("math"));
        });

        assertThatThrownBy(() -> decider.decide(request("coe", "hi")))
                .isInstanceOfSatisfying(RouterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.param()).isEqualTo("coe.skills[1]");
                });
    }
}
