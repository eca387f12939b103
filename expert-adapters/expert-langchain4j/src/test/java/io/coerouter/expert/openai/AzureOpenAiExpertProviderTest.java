package io.coerouter.expert.openai;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import org.junit.jupiter.api.Test;

class AzureOpenAiExpertProviderTest {

    @Test
    void refusesOptionsTheAdapterDoesNotTake() {
        assertThatThrownBy(() -> Expert.of(ExpertConfig.builder("az", "azure-openai")
                        .baseUrl("https://res.openai.azure.com/")
                        .model("gpt-4o-prod")
                        .options(java.util.Map.of("api-version", "latest"))
                        .build()))
                .hasMessageContaining("options.api-version must look like 2024-10-21");
        assertThatThrownBy(() -> Expert.of(ExpertConfig.builder("az", "azure-openai")
                        .baseUrl("https://res.openai.azure.com/")
                        .model("gpt-4o-prod")
                        .options(java.util.Map.of("deployment", "x"))
                        .build()))
                .hasMessage(
                        "options.deployment is not a setting of adapter 'azure-openai' (expert 'az'); it takes [api-version]");
    }

    @Test
    void anUnknownAdapterListsTheKnownOnes() {
        // This module's adapters and the SPI's echo: djl comes with expert-djl.
        assertThatThrownBy(() -> Expert.of(ExpertConfig.builder("e1", "nope").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "adapter must be one of [anthropic, azure-openai, echo, gemini, ollama, openai], but was 'nope'");
    }
}
