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
import io.coerouter.expert.testing.GeminiStubServer;
import io.coerouter.expert.testing.ProviderStubServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code gemini} adapter against a loopback Gemini API stub: the expert contract and its errors. */
class GeminiExpertIT extends ExpertContractTest {

    private static final GeminiStubServer STUB = GeminiStubServer.start();

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    @BeforeEach
    void resetStub() {
        STUB.reset();
    }

    private static ExpertConfig config() {
        return ExpertConfig.builder("gemini-flash", "gemini")
                .baseUrl(STUB.baseUrl())
                .model("gemini-stub")
                .apiKeyEnv("GEMINI_KEY")
                .pricing("0.1", "0.4")
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Override
    protected Expert expert(ExpertContext context) {
        return Expert.of(
                config(), new ExpertContext(n -> "GEMINI_KEY".equals(n) ? "gm-test" : null, context.listeners()));
    }

    @Override
    protected String expectedAnswer(String prompt) {
        return prompt;
    }

    @Test
    void sendsTheKeyTheSystemInstructionAndTheGenerationConfig() {
        ExpertResponse response = expert(ExpertContext.defaults())
                .chat(ExpertRequest.builder()
                        .addMessage(ChatMessage.system("be brief"))
                        .addMessage(ChatMessage.user("one two three four"))
                        .temperature(0.2)
                        .maxTokens(2)
                        .stop(List.of("END"))
                        .build());

        assertThat(response.text()).isEqualTo("one two");
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(response.usage().outputTokens()).isEqualTo(2);
        var sent = STUB.received().getLast();
        assertThat(sent.path("generationConfig").path("maxOutputTokens").asInt())
                .isEqualTo(2);
        assertThat(sent.path("generationConfig").path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.path("generationConfig").path("stopSequences").toString())
                .contains("END");
        assertThat(sent.path("systemInstruction").toString()).contains("be brief");
        assertThat(STUB.headers().getLast().get("X-goog-api-key")).containsExactly("gm-test");
    }

    @Test
    void aSeedIsRefusedAsABadRequestNamingIt() {
        assertThatThrownBy(() -> expert(ExpertContext.defaults())
                        .chat(ExpertRequest.builder()
                                .addMessage(ChatMessage.user("hi"))
                                .seed(7L)
                                .build()))
                .isInstanceOf(ExpertException.class)
                .hasMessageContaining("seed is not supported by adapter 'gemini'")
                .satisfies(e -> assertThat(((ExpertException) e).kind()).isEqualTo(ExpertErrorKind.BAD_REQUEST));
        assertThat(STUB.received()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "INVALID_ARGUMENT, BAD_REQUEST",
        "PERMISSION_DENIED, AUTHENTICATION",
        "NOT_FOUND, NOT_FOUND",
        "RESOURCE_EXHAUSTED, RATE_LIMITED",
        "INTERNAL, SERVER_ERROR",
        "UNAVAILABLE, SERVER_ERROR",
        "DEADLINE_EXCEEDED, TIMEOUT"
    })
    void mapsGeminiErrorsOntoOurKinds(String status, ExpertErrorKind kind) {
        int code = GeminiStubServer.statusCode(status);
        STUB.enqueue(new ProviderStubServer.Status(code, status, Map.of()));

        assertThatThrownBy(() -> expert(ExpertContext.defaults()).chat(ExpertRequest.of("hi")))
                .isInstanceOf(ExpertException.class)
                .satisfies(e -> {
                    ExpertException x = (ExpertException) e;
                    assertThat(x.kind()).isEqualTo(kind);
                    assertThat(x.expertId()).isEqualTo("gemini-flash");
                    assertThat(x.kind().retriable()).isEqualTo(code == 429 || code >= 500);
                });
    }

    @Test
    void aPromptPastTheContextWindowIsAContextLengthError() {
        // Gemini's own words for an oversized prompt.
        STUB.enqueue(new ProviderStubServer.Status(
                400,
                "INVALID_ARGUMENT",
                Map.of(),
                "The input token count (1048577) exceeds the maximum number of tokens allowed (1048576)."));

        assertThatThrownBy(() -> expert(ExpertContext.defaults()).chat(ExpertRequest.of("hi")))
                .isInstanceOf(ExpertException.class)
                .satisfies(e -> assertThat(((ExpertException) e).kind()).isEqualTo(ExpertErrorKind.CONTEXT_LENGTH));
    }
}
