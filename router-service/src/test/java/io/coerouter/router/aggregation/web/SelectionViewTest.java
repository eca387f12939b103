package io.coerouter.router.aggregation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.aggregate.AggregatorSelection;
import io.coerouter.router.routing.SelectedAggregators;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The selection records write what the maps wrote, for a job here, one published by another replica, and in force. */
class SelectionViewTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final AggregatorSelection.Result RESULT = new AggregatorSelection.Result(
            3,
            List.of(
                    new AggregatorSelection.Score("vote", 2, 3),
                    new AggregatorSelection.Score("synthesis:alpha", 1, 3)),
            Map.of("math", List.of(new AggregatorSelection.Score("vote", 2, 3))),
            "vote",
            Map.of("math", "vote"));

    private static Map<String, Object> job(boolean ended) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("object", "coe.aggregator_selection");
        v.put("id", "selection-abc");
        v.put("state", ended ? "succeeded" : "running");
        v.put("candidates", List.of("synthesis:alpha", "vote", "weighted-vote"));
        v.put("skipped_lines", List.of());
        if (ended) {
            v.put("result", RESULT);
        }
        return v;
    }

    @Test
    void aSelectionJobIsWrittenAsItsMapWas() {
        for (boolean ended : new boolean[] {false, true}) {
            Map<String, Object> view = job(ended);
            String local = JSON.writeValueAsString(view);
            assertThat(JSON.writeValueAsString(JSON.convertValue(view, SelectionView.class)))
                    .isEqualTo(local);

            Map<?, ?> published = JSON.convertValue(JSON.readTree(local), Map.class);
            assertThat(JSON.writeValueAsString(JSON.convertValue(published, SelectionView.class)))
                    .isEqualTo(JSON.writeValueAsString(published));
        }
    }

    @Test
    void theSelectionInForceIsWrittenAsItsMapWas() {
        SelectedAggregators.Selection s =
                new SelectedAggregators.Selection(RESULT, Instant.parse("2026-01-01T00:00:00Z"), "selection-abc");
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("object", "coe.aggregator_selection");
        v.put("job", s.source());
        v.put("at", s.at().toString());
        v.put("result", s.result());

        assertThat(JSON.writeValueAsString(SelectionInForce.of(s))).isEqualTo(JSON.writeValueAsString(v));
    }
}
