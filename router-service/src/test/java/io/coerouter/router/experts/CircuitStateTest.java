package io.coerouter.router.experts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CircuitStateTest {

    @Test
    void readsTheNamesExpertsGiveTheirCircuits() {
        assertThat(CircuitState.of("half_open")).contains(CircuitState.HALF_OPEN);
        assertThat(CircuitState.of("none")).contains(CircuitState.NONE);
        assertThat(CircuitState.of("sideways")).isEmpty();
        assertThat(CircuitState.GAUGED.stream().map(CircuitState::apiName))
                .containsExactly("closed", "open", "half_open", "forced_open", "disabled");
    }
}
