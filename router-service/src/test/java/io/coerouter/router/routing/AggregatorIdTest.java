package io.coerouter.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.config.AggregatorId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AggregatorIdTest {

    @Test
    void requestsMustSpellTheIdExactly() {
        assertThat(AggregatorId.find("self-moa")).contains(AggregatorId.SELF_MOA);
        assertThat(AggregatorId.find("SELF_MOA")).isEmpty();
        assertThat(AggregatorId.find("selfmoa")).isEmpty();
    }

    @Test
    void configurationMaySpellItAsBootBindsEnums() {
        assertThat(AggregatorId.of("weighted-vote")).isEqualTo(AggregatorId.WEIGHTED_VOTE);
        assertThat(AggregatorId.of("WEIGHTED_VOTE")).isEqualTo(AggregatorId.WEIGHTED_VOTE);
        assertThatThrownBy(() -> AggregatorId.of("loudest"))
                .hasMessage(
                        "aggregator must be one of [vote, weighted-vote, synthesis, judge, self-moa, first], but was"
                                + " 'loudest'");
    }

    @Test
    void jsonShowsTheLowerCaseId() {
        assertThat(JsonMapper.builder().build().writeValueAsString(AggregatorId.SELF_MOA))
                .isEqualTo("\"self-moa\"");
        assertThat(AggregatorId.FIRST).hasToString("first");
    }
}
