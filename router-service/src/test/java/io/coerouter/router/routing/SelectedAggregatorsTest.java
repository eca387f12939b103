package io.coerouter.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.aggregate.AggregatorSelection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectedAggregatorsTest {

    private static SelectedAggregators.Selection selection(String best, Map<String, String> bySkill) {
        return new SelectedAggregators.Selection(
                new AggregatorSelection.Result(10, List.of(), Map.of(), best, bySkill), Instant.EPOCH, "job-1");
    }

    @Test
    void theSelectedSynthesiserIsUsedPerSkillThenOverall() {
        SelectedAggregators selected = new SelectedAggregators();
        assertThat(selected.synthesizerFor("math")).isEmpty();
        selected.publish(selection("synthesis:big-llm", Map.of("math", "synthesis:math-llm", "geo", "vote")));
        assertThat(selected.synthesizerFor("math")).contains("math-llm");
        assertThat(selected.synthesizerFor("history")).contains("big-llm");
        assertThat(selected.synthesizerFor("geo")).isEmpty(); // a vote won there: keep the configured synthesiser
    }
}
