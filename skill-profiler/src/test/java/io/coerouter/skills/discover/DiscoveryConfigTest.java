package io.coerouter.skills.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DiscoveryConfigTest {

    @Test
    void theDefaultsChooseKFromTwoToTwentyOverAtMostTenThousandQuestions() {
        DiscoveryConfig defaults = DiscoveryConfig.defaults();

        assertThat(defaults.k()).isNull();
        assertThat(defaults.minK()).isEqualTo(2);
        assertThat(defaults.maxK()).isEqualTo(20);
        assertThat(defaults.maxQuestions()).isEqualTo(10_000);
        assertThat(defaults.examplesPerSkill()).isEqualTo(25);
        assertThat(defaults.withK(14).k()).isEqualTo(14);
        assertThat(defaults.withSeed(7).seed()).isEqualTo(7);
        assertThat(defaults.withRange(3, 9).maxK()).isEqualTo(9);
    }

    @Test
    void eachOutOfRangeValueIsRefusedNamingTheFieldAndValue() {
        DiscoveryConfig d = DiscoveryConfig.defaults();
        assertThatThrownBy(() -> d.withK(1)).hasMessage("k must be from 2 to 100, but was 1");
        assertThatThrownBy(() -> d.withK(101)).hasMessage("k must be from 2 to 100, but was 101");
        assertThatThrownBy(() -> d.withRange(1, 5)).hasMessage("minK must be from 2 to 100, but was 1");
        assertThatThrownBy(() -> d.withRange(5, 4)).hasMessage("maxK must be from minK (5) to 100, but was 4");
        assertThatThrownBy(() -> new DiscoveryConfig(null, 2, 20, 100_001, 10, 10, 1, 1, 1, 10, 0))
                .hasMessage("maxQuestions must be from 2 to 100000, but was 100001");
        assertThatThrownBy(() -> new DiscoveryConfig(null, 2, 20, 10, 0, 10, 1, 1, 1, 10, 0))
                .hasMessage("maxQuestionLength must be from 1 to 100000, but was 0");
        assertThatThrownBy(() -> new DiscoveryConfig(null, 2, 20, 10, 10, 0, 1, 1, 1, 10, 0))
                .hasMessage("maxAnswerLength must be from 1 to 100000, but was 0");
        assertThatThrownBy(() -> new DiscoveryConfig(null, 2, 20, 10, 10, 10, 0, 1, 1, 10, 0))
                .hasMessage("examplesPerSkill must be from 1 to 1000, but was 0");
        assertThatThrownBy(() -> new DiscoveryConfig(null, 2, 20, 10, 10, 10, 1, 0, 1, 10, 0))
                .hasMessage("restarts must be from 1 to 50, but was 0");
        assertThatThrownBy(() -> new DiscoveryConfig(null, 2, 20, 10, 10, 10, 1, 1, 0, 10, 0))
                .hasMessage("maxIterations must be from 1 to 1000, but was 0");
        assertThatThrownBy(() -> new DiscoveryConfig(null, 2, 20, 10, 10, 10, 1, 1, 1, 9, 0))
                .hasMessage("silhouetteSample must be from 10 to 10000, but was 9");
    }
}
