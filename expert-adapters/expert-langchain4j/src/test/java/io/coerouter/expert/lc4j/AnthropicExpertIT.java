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
import io.coerouter.expert.testing.AnthropicStubServer;
import io.coerouter.expert.testing.ExpertContractTest;
import io.coerouter.expert.testing.ProviderStubServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code anthropic} adapter against a loopback Anthropic Messages API stub: the expert contract and its errors. */
class AnthropicExpertIT extends ExpertContractTest {

    private static final AnthropicStubServer STUB = AnthropicStubServer.start();

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    @BeforeEach
    void resetStub() {
        STUB.reset();
    }

    private static ExpertConfig config() {
        return ExpertConfig.builder("claude", "anthropic")
                .baseUrl(STUB.baseUrl())
                .model("claude-stub")
                .apiKeyEnv("ANTHROPIC_KEY")
                .pricing("0.5", "1.5")
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Override
    protected Expert expert(ExpertContext context) {
        return Expert.of(
                config(),
                new ExpertContext(n -> "ANTHROPIC_KEY".equals(n) ? "sk-ant-test" : null, context.listeners()));
    }

    @Override
    protected String expectedAnswer(String prompt) {
        return prompt;
    }

    @Test
    void sendsTheKeyTheSystemPromptAndTheSamplingOptionsAnthropicTakes() {
        ExpertResponse response = expert(ExpertContext.defaults())
                .chat(ExpertRequest.builder()
                        .addMessage(ChatMessage.system("be brief"))
                        .addMessage(ChatMessage.user("one two three four"))
                        .temperature(0.2)
                        .maxTokens(2)
                        .build());

        assertThat(response.text()).isEqualTo("one two");
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
        var sent = STUB.received().getLast();
        assertThat(sent.path("model").asText()).isEqualTo("claude-stub");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(2);
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.toString()).contains("be brief");
        assertThat(STUB.headers().getLast().get("X-api-key")).containsExactly("sk-ant-test");
    }

    @Test
    void optionsAnthropicLacksAreRefusedAsBadRequestsNamingThem() {
        assertThatThrownBy(() -> expert(ExpertContext.defaults())
                        .chat(ExpertRequest.builder()
                                .addMessage(ChatMessage.user("hi"))
                                .seed(7L)
                                .build()))
                .isInstanceOf(ExpertException.class)
                .hasMessageContaining("seed is not supported by adapter 'anthropic'")
                .satisfies(e -> assertThat(((ExpertException) e).kind()).isEqualTo(ExpertErrorKind.BAD_REQUEST));
        assertThat(STUB.received()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "400, invalid_request_error, BAD_REQUEST",
        "401, authentication_error, AUTHENTICATION",
        "404, not_found_error, NOT_FOUND",
        "429, rate_limit_error, RATE_LIMITED",
        "500, api_error, SERVER_ERROR",
        "529, overloaded_error, SERVER_ERROR"
    })
    void mapsAnthropicErrorsOntoOurKinds(int status, String type, ExpertErrorKind kind) {
        STUB.enqueue(new ProviderStubServer.Status(status, type, Map.of()));

        assertThatThrownBy(() -> expert(ExpertContext.defaults()).chat(ExpertRequest.of("hi")))
                .isInstanceOf(ExpertException.class)
                .satisfies(e -> {
                    ExpertException x = (ExpertException) e;
                    assertThat(x.kind()).isEqualTo(kind);
                    assertThat(x.expertId()).isEqualTo("claude");
                    assertThat(x.kind().retriable())
                            .isEqualTo(List.of(429, 500, 529).contains(status));
                });
    }
}
