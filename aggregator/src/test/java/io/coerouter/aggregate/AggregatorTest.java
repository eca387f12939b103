package io.coerouter.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregatorTest {

    private static Candidate answered(String id, double score, String text) {
        return Candidate.answered(score, ExpertResponse.of(id, text, FinishReason.STOP, new TokenUsage(3, 2)));
    }

    private static Candidate failed(String id) {
        return Candidate.failed(0.9, ExpertException.of(id, ExpertErrorKind.TIMEOUT, "slow", null));
    }

    @Test
    void bestTakesTheHighestScoredAnswerAndSkipsFailures() {
        Aggregation result =
                Aggregator.best().aggregate(List.of(answered("a", 0.2, "four"), failed("b"), answered("c", 0.7, "4")));

        assertThat(result.text()).isEqualTo("4");
        assertThat(result.aggregator()).isEqualTo("best");
        assertThat(result.trace()).contains("'c'").contains("2 that answered");
    }

    @Test
    void failsWithEveryCauseWhenNoCandidateAnswered() {
        assertThatThrownBy(() -> Aggregator.best().aggregate(List.of(failed("a"), failed("b"))))
                .isInstanceOf(AllCandidatesFailedException.class)
                .hasMessageContaining("all 2 recruited experts failed")
                .hasMessageContaining("expert 'a' timed out")
                .hasMessageContaining("expert 'b' timed out");
    }
}
