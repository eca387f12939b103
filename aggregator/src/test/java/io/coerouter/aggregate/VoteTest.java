package io.coerouter.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoteTest {

    static Candidate answered(String id, double score, String text) {
        return Candidate.answered(score, ExpertResponse.of(id, text, FinishReason.STOP, new TokenUsage(3, 2)));
    }

    static Candidate failed(String id) {
        return Candidate.failed(0.9, ExpertException.of(id, ExpertErrorKind.TIMEOUT, "slow", null));
    }

    @Test
    void theMajorityWinsAndItsBestScoredAnswerIsReturnedUnchanged() {
        Aggregation a = Aggregator.vote(AnswerExtractor.number())
                .aggregate(List.of(
                        answered("a", 0.9, "It is 7."),
                        answered("b", 0.2, "The total is 8"),
                        answered("c", 0.3, "8, I think"),
                        failed("d")));
        assertThat(a.text()).isEqualTo("8, I think");
        assertThat(a.aggregator()).isEqualTo("vote");
        assertThat(a.trace())
                .contains("'7' 1 (a)")
                .contains("'8' 2 (b, c)")
                .contains("chose '8'")
                .contains("1 failed: 'd' (timeout)");
    }

    @Test
    void tiesGoToTheHigherSummedScore() {
        Aggregation a = Aggregator.vote(AnswerExtractor.auto())
                .aggregate(List.of(
                        answered("a", 0.5, "Paris"),
                        answered("b", 0.1, "Lyon"),
                        answered("c", 0.3, "paris."),
                        answered("d", 0.8, "Lyon")));
        assertThat(a.text()).isEqualTo("Lyon"); // 0.9 against 0.8
        assertThat(a.trace()).contains("answered by 'd'");
    }

    @Test
    void weightedVotesLetOneStrongExpertOutvoteTwoWeakOnes() {
        List<Candidate> candidates = List.of(
                answered("specialist", 0.8, "Kingston"), answered("g1", 0.1, "Havana"), answered("g2", 0.1, "Havana"));
        assertThat(Aggregator.vote(AnswerExtractor.auto()).aggregate(candidates).text())
                .isEqualTo("Havana");
        Aggregation weighted = Aggregator.weightedVote(AnswerExtractor.auto()).aggregate(candidates);
        assertThat(weighted.text()).isEqualTo("Kingston");
        assertThat(weighted.aggregator()).isEqualTo("weighted-vote");
        assertThat(weighted.trace()).contains("'kingston' 0.800");
    }

    @Test
    void answersWithoutAnExtractableAnswerAbstainAndIfAllDoTheBestScoredIsTaken() {
        Aggregation some = Aggregator.vote(AnswerExtractor.number())
                .aggregate(List.of(answered("a", 0.9, "no idea"), answered("b", 0.1, "42")));
        assertThat(some.text()).isEqualTo("42");
        assertThat(some.trace()).contains("1 without an answer");
        Aggregation none = Aggregator.vote(AnswerExtractor.number())
                .aggregate(List.of(answered("a", 0.9, "no idea"), answered("b", 0.1, "none")));
        assertThat(none.text()).isEqualTo("no idea");
        assertThat(none.trace()).startsWith("no answer held an extractable answer");
    }

    @Test
    void firstTakesTheEarliestAnswerInTheGivenOrder() {
        Aggregation a = Aggregator.first()
                .aggregate(List.of(failed("x"), answered("slow-but-good", 0.1, "B"), answered("c", 0.9, "C")));
        assertThat(a.text()).isEqualTo("B");
        assertThat(a.trace()).contains("'slow-but-good'").contains("'x' (timeout)");
    }
}
