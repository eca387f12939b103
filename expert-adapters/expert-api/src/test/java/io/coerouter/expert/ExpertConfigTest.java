package io.coerouter.expert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExpertConfigTest {

    @Test
    void namesTheFieldAndTheValueWhenAValueIsInvalid() {
        assertThatThrownBy(() ->
                        ExpertConfig.builder("e1", "echo").maxConcurrency(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConcurrency must be > 0, but was 0 (expert 'e1')");
        assertThatThrownBy(() -> ExpertConfig.builder("e1", "echo")
                        .requestTimeout(Duration.ZERO)
                        .build())
                .hasMessage("requestTimeout must be > 0, but was PT0S (expert 'e1')");
        assertThatThrownBy(() -> ExpertConfig.builder("e1", "openai")
                        .baseUrl("ftp://example.com")
                        .build())
                .hasMessageContaining("baseUrl must be an absolute http(s) URL, but was 'ftp://example.com'");
        assertThatThrownBy(() -> ExpertConfig.builder("e1", "openai")
                        .apiKeyEnv("sk-live-1234")
                        .build())
                .hasMessageContaining("apiKeyEnv must be the name of an environment variable");
        assertThatThrownBy(() ->
                        ExpertConfig.builder("e1", "echo").pricing("-1", "0").build())
                .hasMessage("inputPer1k must be >= 0, but was -1");
    }

    @Test
    void refusesIdsClientsCouldNotUseAsAModelName() {
        assertThatThrownBy(() -> ExpertConfig.builder("has space", "echo").build())
                .hasMessageContaining("id must be 1-128 letters");
        assertThatThrownBy(() -> ExpertConfig.builder("COE", "echo").build())
                .hasMessageContaining("id must not be 'coe'");
        assertThat(ExpertConfig.builder("org/model:7b", "echo").build().id()).isEqualTo("org/model:7b");
    }

    @Test
    void anUnknownAdapterListsTheKnownOnes() {
        // Only the SPI's own echo adapter is on this module's class path; the others come with their modules.
        assertThatThrownBy(() -> Expert.of(ExpertConfig.builder("e1", "nope").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("adapter must be one of [echo], but was 'nope'");
    }

    @Test
    void refusesANegativeContextWindowAndOptionsTheAdapterDoesNotTake() {
        assertThatThrownBy(() ->
                        ExpertConfig.builder("e1", "echo").contextWindow(-1).build())
                .hasMessage("contextWindow must be >= 0 (0: unknown), but was -1 (expert 'e1')");
        assertThatThrownBy(() -> Expert.of(ExpertConfig.builder("e1", "echo")
                        .options(java.util.Map.of("api-version", "2024-10-21"))
                        .build()))
                .hasMessage("options.api-version is not a setting of adapter 'echo' (expert 'e1'); it takes none");
    }
}
