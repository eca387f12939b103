package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.testing.OpenAiStubServer;
import io.coerouter.expert.testing.OpenAiStubServer.CutStream;
import io.coerouter.expert.testing.OpenAiStubServer.Delay;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a client sees when the provider behind an expert fails, streaming or not. */
class ExpertFailuresIT extends GatewayTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REQUEST =
            "{\"model\":\"stub-gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"one two three four five\"}]}";
    private static final String STREAM_REQUEST =
            "{\"model\":\"stub-gpt\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"one two three four five\"}]}";

    @ParameterizedTest(name = "provider {0} -> client {2} {4}")
    @CsvSource({
        "400, invalid_request_error, 400, invalid_request_error, expert_rejected_request",
        "401, authentication_error, 502, api_error, expert_authentication",
        "404, not_found_error, 502, api_error, expert_not_found",
        "429, rate_limit_error, 429, rate_limit_error, expert_rate_limited",
        "500, server_error, 502, api_error, expert_server_error"
    })
    void mapsProviderErrorsToGatewayErrors(
            int providerStatus, String providerType, int status, String type, String code) throws Exception {
        for (String request : List.of(REQUEST, STREAM_REQUEST)) {
            STUB.enqueue(OpenAiStubServer.status(providerStatus, providerType, "provider failed"));
            HttpResponse<String> response = post("/v1/chat/completions", request);

            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            JsonNode error = JSON.readTree(response.body()).path("error");
            assertThat(error.path("type").asString()).isEqualTo(type);
            assertThat(error.path("code").asString()).isEqualTo(code);
            assertThat(error.path("message").asString()).contains("expert 'stub-gpt'");
        }
    }

    @Test
    void aRateLimitTellsTheClientWhenToRetry() throws Exception {
        STUB.enqueue(OpenAiStubServer.status(429, "rate_limit_error", "slow down"));

        HttpResponse<String> response = post("/v1/chat/completions", REQUEST);

        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aContextLengthErrorIsTheClientsAndSaysSo() throws Exception {
        STUB.enqueue(new OpenAiStubServer.Status(
                400,
                "{\"error\":{\"message\":\"maximum context length is 8 tokens\",\"code\":\"context_length_exceeded\"}}",
                Map.of()));

        HttpResponse<String> response = post("/v1/chat/completions", REQUEST);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asString()).isEqualTo("context_length_exceeded");
        assertThat(error.path("param").asString()).isEqualTo("messages");
    }

    @Test
    void aProviderSlowerThanTheExpertsTimeoutIsAGatewayTimeout() throws Exception {
        STUB.enqueue(new Delay(Duration.ofSeconds(4)));

        HttpResponse<String> response = post("/v1/chat/completions", REQUEST);

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asString())
                .isEqualTo("expert_timeout");
    }

    @Test
    void aStreamCutMidWayEndsWithAnErrorEventAfterTheTextAlreadySent() throws Exception {
        STUB.enqueue(new CutStream(2));

        HttpResponse<String> response = post("/v1/chat/completions", STREAM_REQUEST);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> events = response.body()
                .lines()
                .filter(l -> l.startsWith("data: "))
                .map(l -> l.substring(6))
                .toList();
        assertThat(events).doesNotContain("[DONE]");
        StringBuilder text = new StringBuilder();
        for (String event : events.subList(0, events.size() - 1)) {
            JsonNode delta = JSON.readTree(event).path("choices").get(0).path("delta");
            if (delta.has("content")) {
                text.append(delta.path("content").asString());
            }
        }
        assertThat(text.toString()).isEqualTo("one two");
        JsonNode error = JSON.readTree(events.getLast()).path("error");
        assertThat(error.path("type").asString()).isEqualTo("api_error");
        assertThat(error.path("message").asString()).contains("expert 'stub-gpt'");
    }

    @Test
    void everyCallIsCountedPerExpertAndOutcomeOnThePrometheusEndpoint() throws Exception {
        post("/v1/chat/completions", REQUEST);
        STUB.enqueue(OpenAiStubServer.status(500, "server_error", "down"));
        post("/v1/chat/completions", REQUEST);

        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics)
                .containsPattern("coe_expert_calls_total\\{[^}]*error=\"none\",expert=\"stub-gpt\",outcome=\"success\"")
                .containsPattern(
                        "coe_expert_calls_total\\{[^}]*error=\"server_error\",expert=\"stub-gpt\",outcome=\"error\"")
                .containsPattern("coe_expert_tokens_total\\{[^}]*direction=\"output\",expert=\"stub-gpt\"")
                .containsPattern("coe_expert_cost_usd_total\\{[^}]*expert=\"stub-gpt\"");
    }

    @Test
    void livenessAndReadinessProbesAreUp() throws Exception {
        assertThat(get("/actuator/health/liveness").body()).contains("\"UP\"");
        assertThat(get("/actuator/health/readiness").body()).contains("\"UP\"");
    }
}
