package io.coerouter.expert.openai;

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
import io.coerouter.expert.NonRetriableExpertException;
import io.coerouter.expert.RetriableExpertException;
import io.coerouter.expert.TokenListener;
import io.coerouter.expert.testing.ExpertContractTest;
import io.coerouter.expert.testing.OpenAiStubServer;
import io.coerouter.expert.testing.OpenAiStubServer.CutStream;
import io.coerouter.expert.testing.OpenAiStubServer.Delay;
import io.coerouter.expert.testing.OpenAiStubServer.Malformed;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiExpertIT extends ExpertContractTest {

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
        return ExpertConfig.builder("stub-gpt", "openai")
                .baseUrl(STUB.baseUrl())
                .model("gpt-stub")
                .apiKeyEnv("STUB_API_KEY")
                .pricing("0.5", "1.5")
                .requestTimeout(Duration.ofSeconds(5));
    }

    private static ExpertContext keyed() {
        return ExpertContext.withEnvironment(Map.of("STUB_API_KEY", "sk-test-123"), List.of());
    }

    @Override
    protected Expert expert(ExpertContext context) {
        return Expert.of(
                config().build(),
                new ExpertContext(name -> "STUB_API_KEY".equals(name) ? "sk-test-123" : null, context.listeners()));
    }

    @Override
    protected String expectedAnswer(String prompt) {
        return prompt;
    }

    @Test
    void sendsTheModelTheApiKeyAndEverySamplingOption() {
        ExpertRequest request = ExpertRequest.builder()
                .addMessage(ChatMessage.system("be brief"))
                .addMessage(ChatMessage.user("hello there"))
                .temperature(0.3)
                .topP(0.9)
                .maxTokens(50)
                .stop(List.of("END"))
                .seed(42L)
                .presencePenalty(0.5)
                .frequencyPenalty(-0.5)
                .build();
        Expert.of(config().build(), keyed()).chat(request);

        OpenAiStubServer.Received received = STUB.lastReceived();
        assertThat(received.header("Authorization")).isEqualTo("Bearer sk-test-123");
        assertThat(received.body().path("model").asText()).isEqualTo("gpt-stub");
        assertThat(received.body().path("messages").get(0).path("role").asText())
                .isEqualTo("system");
        assertThat(received.body().path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(received.body().path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(received.body().path("max_tokens").asInt()).isEqualTo(50);
        assertThat(received.body().path("stop").get(0).asText()).isEqualTo("END");
        assertThat(received.body().path("seed").asInt()).isEqualTo(42);
        assertThat(received.body().path("presence_penalty").asDouble()).isEqualTo(0.5);
        assertThat(received.body().path("frequency_penalty").asDouble()).isEqualTo(-0.5);
    }

    @Test
    void asksForUsageWhenStreamingSoStreamedCallsArePricedToo() {
        ExpertResponse response = Expert.of(config().build(), keyed()).chat(ExpertRequest.of("one two three"), t -> {});

        assertThat(STUB.lastReceived().body().path("stream").asBoolean()).isTrue();
        assertThat(response.usage().outputTokens()).isEqualTo(3);
        assertThat(response.cost()).isPositive();
    }

    @ParameterizedTest(name = "HTTP {0} -> {2}")
    @CsvSource({
        "400, invalid_request_error, BAD_REQUEST, false",
        "401, authentication_error, AUTHENTICATION, false",
        "403, permission_error, AUTHENTICATION, false",
        "404, not_found_error, NOT_FOUND, false",
        "429, rate_limit_error, RATE_LIMITED, true",
        "500, server_error, SERVER_ERROR, true",
        "503, server_error, SERVER_ERROR, true"
    })
    void mapsProviderStatusesToErrorKinds(int status, String type, ExpertErrorKind kind, boolean retriable) {
        Expert expert = Expert.of(config().build(), keyed());
        for (TokenListener listener : List.of(TokenListener.NONE, (TokenListener) text -> {})) {
            STUB.enqueue(OpenAiStubServer.status(status, type, "provider says no"));
            assertThatThrownBy(() -> expert.chat(ExpertRequest.of("hi"), listener))
                    .isInstanceOf(retriable ? RetriableExpertException.class : NonRetriableExpertException.class)
                    .hasMessageContaining("expert 'stub-gpt'")
                    .satisfies(e -> assertThat(((ExpertException) e).kind()).isEqualTo(kind))
                    .satisfies(e ->
                            assertThat(((ExpertException) e).providerStatus()).contains(status));
        }
    }

    @Test
    void aContextLengthRejectionIsItsOwnKind() {
        STUB.enqueue(new OpenAiStubServer.Status(
                400,
                "{\"error\":{\"message\":\"This model's maximum context length is 8 tokens\",\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}",
                Map.of()));

        assertThatThrownBy(() -> Expert.of(config().build(), keyed()).chat(ExpertRequest.of("hi")))
                .satisfies(e -> assertThat(((ExpertException) e).kind()).isEqualTo(ExpertErrorKind.CONTEXT_LENGTH));
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsATimeout() {
        Expert expert =
                Expert.of(config().requestTimeout(Duration.ofMillis(300)).build(), keyed());
        STUB.enqueue(new Delay(Duration.ofSeconds(2)));
        assertThatThrownBy(() -> expert.chat(ExpertRequest.of("hi")))
                .isInstanceOf(RetriableExpertException.class)
                .satisfies(e -> assertThat(((ExpertException) e).kind()).isEqualTo(ExpertErrorKind.TIMEOUT));

        STUB.enqueue(new Delay(Duration.ofSeconds(2)));
        assertThatThrownBy(() -> expert.chat(ExpertRequest.of("hi"), t -> {}))
                .isInstanceOf(RetriableExpertException.class)
                .satisfies(e -> assertThat(((ExpertException) e).kind()).isEqualTo(ExpertErrorKind.TIMEOUT));
    }

    @Test
    void aStreamWithoutTextWithinItsFirstTokenTimeoutIsATimeoutNamingIt() {
        Expert expert = Expert.of(
                config().requestTimeout(Duration.ofSeconds(5))
                        .firstTokenTimeout(Duration.ofMillis(300))
                        .build(),
                keyed());
        STUB.enqueue(new Delay(Duration.ofSeconds(2)));

        assertThatThrownBy(() -> expert.chat(ExpertRequest.of("hi"), t -> {}))
                .isInstanceOf(RetriableExpertException.class)
                .hasMessageContaining("first-token timeout of PT0.3S")
                .satisfies(e -> assertThat(((ExpertException) e).kind()).isEqualTo(ExpertErrorKind.TIMEOUT));
    }

    @Test
    void aFirstTokenTimeoutLongerThanTheRequestTimeoutIsRefused() {
        assertThatThrownBy(() -> config().requestTimeout(Duration.ofSeconds(1))
                        .firstTokenTimeout(Duration.ofSeconds(2))
                        .build())
                .hasMessage("firstTokenTimeout must be <= requestTimeout (PT1S), but was PT2S (expert 'stub-gpt')");
    }

    @Test
    void aStreamCutMidWayFailsRetriablyAfterTheFirstPieces() {
        STUB.enqueue(new CutStream(2));
        List<String> pieces = new ArrayList<>();

        assertThatThrownBy(() -> Expert.of(config().build(), keyed())
                        .chat(ExpertRequest.of("one two three four five"), pieces::add))
                .isInstanceOf(RetriableExpertException.class)
                .hasMessageContaining("expert 'stub-gpt'");
        assertThat(pieces).containsExactly("one", " two");
    }

    @Test
    void aBodyThatIsNotJsonIsAnInvalidResponse() {
        STUB.enqueue(new Malformed());

        assertThatThrownBy(() -> Expert.of(config().build(), keyed()).chat(ExpertRequest.of("hi")))
                .isInstanceOf(RetriableExpertException.class)
                .satisfies(e -> assertThat(((ExpertException) e).kind()).isEqualTo(ExpertErrorKind.INVALID_RESPONSE));
    }

    @Test
    void aRefusedConnectionIsAConnectionError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Expert expert = Expert.of(
                config().baseUrl("http://127.0.0.1:" + closedPort + "/v1").build(), keyed());

        assertThatThrownBy(() -> expert.chat(ExpertRequest.of("hi")))
                .isInstanceOf(RetriableExpertException.class)
                .satisfies(e -> assertThat(((ExpertException) e).kind()).isEqualTo(ExpertErrorKind.CONNECTION));
    }

    @Test
    void aMissingApiKeyVariableFailsTheCallWithoutTellingTheCallerTheVariablesName() {
        Expert expert = Expert.of(config().build(), ExpertContext.withEnvironment(Map.of(), List.of()));

        assertThatThrownBy(() -> expert.chat(ExpertRequest.of("hi")))
                .isInstanceOf(NonRetriableExpertException.class)
                // The variable's name is the operator's to read, in the router's log.
                .hasMessageNotContaining("STUB_API_KEY")
                .hasMessageContaining("see the router's log")
                .satisfies(e -> assertThat(((ExpertException) e).kind()).isEqualTo(ExpertErrorKind.AUTHENTICATION));
        assertThat(STUB.received()).isEmpty();
    }

    @Test
    void requiresABaseUrlAndAModel() {
        assertThatThrownBy(() ->
                        Expert.of(ExpertConfig.builder("x", "openai").model("m").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseUrl is required");
        assertThatThrownBy(() -> Expert.of(ExpertConfig.builder("x", "openai")
                        .baseUrl("http://localhost:1/v1")
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model is required");
    }
}
