package io.coerouter.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.aggregate.Aggregation;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyLimitsTest {

    private static Aggregation by(String aggregator) {
        return new Aggregation(aggregator, "x", FinishReason.STOP, TokenUsage.ZERO, "by " + aggregator, false);
    }

    @Test
    void anUnlimitedKeyReachesEveryExpert() {
        assertThat(KeyLimits.allows(Set.of(), "any")).isTrue();
        assertThat(KeyLimits.allows(Set.of("a"), "b")).isFalse();
        List<String> ids = new ArrayList<>(List.of("a", "b", "c"));
        KeyLimits.retain(ids, Set.of());
        assertThat(ids).containsExactly("a", "b", "c");
        KeyLimits.retain(ids, Set.of("c", "a"));
        assertThat(ids).containsExactly("a", "c");
    }

    @Test
    void aLimitedKeyIsNotToldWhichExpertSynthesisedOrJudged() {
        assertThat(KeyLimits.aggregationTrace(by("judge"), Set.of())).isEqualTo("by judge");
        assertThat(KeyLimits.aggregationTrace(by("synthesis"), Set.of("a")))
                .isEqualTo("the deployment's synthesis aggregator merged the answers");
        assertThat(KeyLimits.aggregationTrace(by("vote"), Set.of("a"))).isEqualTo("by vote");
    }
}
