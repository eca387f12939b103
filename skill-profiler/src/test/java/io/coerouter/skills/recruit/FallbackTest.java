package io.coerouter.skills.recruit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.ChatMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FallbackTest {

    private static RoutingQuery allowing(String... ids) {
        return new RoutingQuery(
                List.of(ChatMessage.user("q")), null, List.of(), null, null, null, Set.of(ids), Set.of());
    }

    @Test
    void theExpertAnswersWhenTheCallerMayReachIt() {
        Fallback fallback = Fallback.to("default expert", "G", RoutingQuery.of("q"), Set.of(), id -> false);
        assertThat(fallback.recruit()).isEqualTo(new Recruit("G", 1.0));
        assertThat(fallback.reason()).isEqualTo(", so the default expert 'G' answers");
    }

    @Test
    void otherwiseTheCallersFirstRegisteredAvailableExpertAnswersWithoutNamingIt() {
        Fallback fallback = Fallback.to("generalist", "G", allowing("E"), Set.of("E", "G"), id -> true);
        assertThat(fallback.recruit()).isEqualTo(new Recruit("E", 1.0));
        assertThat(fallback.reason())
                .isEqualTo("; the caller may reach only [E] and not the expert routing falls back to, so 'E' answers");
    }

    @Test
    void whenNoneOfTheCallersExpertsCanAnswerOnlyTheyAreNamed() {
        assertThatThrownBy(() -> Fallback.to("generalist", "G", allowing("E"), Set.of("E", "G"), id -> false))
                .isInstanceOfSatisfying(NoEligibleExpertException.class, e -> assertThat(e.excluded())
                        .isEqualTo(Map.of("E", "unavailable (its circuit is open)")));
        assertThatThrownBy(() -> Fallback.to("generalist", "G", allowing("E"), Set.of("G"), id -> true))
                .isInstanceOfSatisfying(NoEligibleExpertException.class, e -> assertThat(e.excluded())
                        .isEqualTo(Map.of("E", "not registered")));
    }
}
