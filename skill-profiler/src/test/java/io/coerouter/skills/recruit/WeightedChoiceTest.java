package io.coerouter.skills.recruit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedChoiceTest {

    private static final List<Recruit> CANDIDATES =
            List.of(new Recruit("A", 0.6), new Recruit("B", 0.3), new Recruit("C", 0.1));

    @Test
    void topKTakesTheHeaviestAndWithRepeatsCyclesThemUntilThereAreK() {
        RecruitConfig topK = RecruitConfig.builder().build();
        assertThat(WeightedChoice.choose(topK, CANDIDATES, 2))
                .extracting(Recruit::expertId)
                .containsExactly("A", "B");
        assertThat(WeightedChoice.choose(topK, CANDIDATES, 5)).hasSize(3);
        RecruitConfig repeats = RecruitConfig.builder().repeats(true).build();
        assertThat(WeightedChoice.choose(repeats, CANDIDATES, 5))
                .extracting(Recruit::expertId)
                .containsExactly("A", "B", "C", "A", "B");
    }

    @Test
    void seededSamplingIsReproducibleHeaviestFirstAndWithoutRepeatsDistinct() {
        RecruitConfig sample = RecruitConfig.builder()
                .selection(RecruitConfig.Selection.SAMPLE)
                .seed(7L)
                .build();
        List<Recruit> first = WeightedChoice.choose(sample, CANDIDATES, 2);
        assertThat(WeightedChoice.choose(sample, CANDIDATES, 2)).isEqualTo(first);
        assertThat(first).hasSize(2).doesNotHaveDuplicates();
        assertThat(first.get(0).score()).isGreaterThanOrEqualTo(first.get(1).score());
        assertThat(WeightedChoice.choose(sample, CANDIDATES, 5)).hasSize(3);
    }

    @Test
    void samplingWithRepeatsAlwaysDrawsK() {
        RecruitConfig repeats = RecruitConfig.builder()
                .selection(RecruitConfig.Selection.SAMPLE)
                .seed(7L)
                .repeats(true)
                .build();
        assertThat(WeightedChoice.choose(repeats, List.of(new Recruit("A", 1.0)), 3))
                .extracting(Recruit::expertId)
                .containsExactly("A", "A", "A");
    }
}
