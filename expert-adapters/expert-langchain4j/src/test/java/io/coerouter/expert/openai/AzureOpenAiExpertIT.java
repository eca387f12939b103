package io.coerouter.expert.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.testing.ExpertContractTest;
import io.coerouter.expert.testing.OpenAiStubServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code azure-openai} adapter against a loopback stub laid out as an Azure OpenAI resource: deployment paths, the
 * {@code api-version} query and the {@code api-key} header; the expert contract and Azure's errors.
 */
class AzureOpenAiExpertIT extends ExpertContractTest {

    private static final OpenAiStubServer STUB = OpenAiStubServer.start();

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    @BeforeEach
    void resetStub() {
        STUB.reset();
    }

    private static ExpertConfig.Builder config() {
        return ExpertConfig.builder("azure-gpt", "azure-openai")
                .baseUrl(STUB.root() + "/")
                .model("gpt-4o-prod")
                .apiKeyEnv("AZURE_OPENAI_KEY")
                .pricing("0.5", "1.5")
                .requestTimeout(Duration.ofSeconds(5));
    }

    @Override
    protected Expert expert(ExpertContext context) {
        return Expert.of(
                config().build(),
                new ExpertContext(n -> "AZURE_OPENAI_KEY".equals(n) ? "az-key-1" : null, context.listeners()));
    }

    @Override
    protected String expectedAnswer(String prompt) {
        return prompt;
    }

    @Test
    void callsTheDeploymentWithTheApiVersionAndTheKeyInAnApiKeyHeader() {
        expert(ExpertContext.defaults()).chat(ExpertRequest.of("hello azure"));

        OpenAiStubServer.Received sent = STUB.lastReceived();
        assertThat(sent.path()).isEqualTo("/openai/deployments/gpt-4o-prod/chat/completions");
        assertThat(sent.query()).isEqualTo("api-version=" + AzureOpenAiExpertProvider.DEFAULT_API_VERSION);
        assertThat(sent.header("api-key")).isEqualTo("az-key-1");
        assertThat(sent.header("Authorization")).isNull();
    }

    @Test
    void aConfiguredApiVersionIsSent() {
        Expert expert = Expert.of(
                config().options(Map.of("api-version", "2025-04-01-preview")).build(),
                new ExpertContext(n -> "az-key-1", java.util.List.of()));

        expert.chat(ExpertRequest.of("hi"));

        assertThat(STUB.lastReceived().query()).isEqualTo("api-version=2025-04-01-preview");
    }

    @ParameterizedTest
    @CsvSource({
        "400, content_filter, CONTENT_FILTERED",
        "400, context_length_exceeded, CONTEXT_LENGTH",
        "401, invalid_api_key, AUTHENTICATION",
        "404, DeploymentNotFound, NOT_FOUND",
        "429, rate_limit_exceeded, RATE_LIMITED",
        "500, server_error, SERVER_ERROR"
    })
    void mapsAzureErrorsOntoOurKinds(int status, String code, ExpertErrorKind kind) {
        STUB.enqueue(new OpenAiStubServer.Status(
                status,
                "{\"error\":{\"code\":\"" + code + "\",\"message\":\"azure says " + code + "\",\"status\":" + status
                        + "}}",
                Map.of()));

        assertThatThrownBy(() -> expert(ExpertContext.defaults()).chat(ExpertRequest.of("hi")))
                .isInstanceOf(ExpertException.class)
                .satisfies(e -> {
                    ExpertException x = (ExpertException) e;
                    assertThat(x.kind()).isEqualTo(kind);
                    assertThat(x.expertId()).isEqualTo("azure-gpt");
                });
    }
}
