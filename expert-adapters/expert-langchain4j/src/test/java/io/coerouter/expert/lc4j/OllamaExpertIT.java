package io.coerouter.expert.lc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.testing.ExpertContractTest;
import io.coerouter.expert.testing.OllamaStubServer;
import io.coerouter.expert.testing.ProviderStubServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code ollama} adapter against a loopback Ollama native API stub: the expert contract and its errors. */
class OllamaExpertIT extends ExpertContractTest {

    private static final OllamaStubServer STUB = OllamaStubServer.start();

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    @BeforeEach
    void resetStub() {
        STUB.reset();
    }

    private static ExpertConfig config() {
        return ExpertConfig.builder("llama", "ollama")
                .baseUrl(STUB.baseUrl())
                .model("llama-stub")
                .pricing("0.5", "1.5")
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Override
    protected Expert expert(ExpertContext context) {
        return Expert.of(config(), context);
    }

    @Override
    protected String expectedAnswer(String prompt) {
        return prompt;
    }

    @Test
    void sendsTheSystemPromptAndSamplingOptionsAsOllamaOptions() {
        ExpertResponse response = expert(ExpertContext.defaults())
                .chat(ExpertRequest.builder()
                        .addMessage(ChatMessage.system("be brief"))
                        .addMessage(ChatMessage.user("one two three four"))
                        .temperature(0.2)
                        .seed(7L)
                        .maxTokens(2)
                        .build());

        assertThat(response.text()).isEqualTo("one two");
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
        var sent = STUB.received().getLast();
        assertThat(sent.path("model").asText()).isEqualTo("llama-stub");
        assertThat(sent.path("options").path("num_predict").asInt()).isEqualTo(2);
        assertThat(sent.path("options").path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.path("options").path("seed").asInt()).isEqualTo(7);
        assertThat(sent.toString()).contains("be brief");
    }

    @ParameterizedTest
    @CsvSource({"400, BAD_REQUEST", "404, NOT_FOUND", "500, SERVER_ERROR", "503, SERVER_ERROR"})
    void mapsOllamaErrorsOntoOurKinds(int status, ExpertErrorKind kind) {
        STUB.enqueue(new ProviderStubServer.Status(status, "stub failure", Map.of()));

        assertThatThrownBy(() -> expert(ExpertContext.defaults()).chat(ExpertRequest.of("hi")))
                .isInstanceOf(ExpertException.class)
                .satisfies(e -> {
                    ExpertException x = (ExpertException) e;
                    assertThat(x.kind()).isEqualTo(kind);
                    assertThat(x.expertId()).isEqualTo("llama");
                });
    }
}
