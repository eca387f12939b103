package io.coerouter.router;

import io.coerouter.expert.testing.OpenAiStubServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the real application on a random port with two experts: the built-in {@code echo} and {@code stub-gpt}, an
 * {@code openai} expert whose provider is a loopback OpenAI-protocol stub (the one part we may stub: a provider we
 * cannot reach). Every IT class shares this configuration, so Spring starts the application once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"coe.default-expert=echo", "coe.gateway.max-request-size=64KB"})
public abstract class GatewayTestSupport {

    protected static final OpenAiStubServer STUB = OpenAiStubServer.start();

    @DynamicPropertySource
    static void experts(DynamicPropertyRegistry registry) {
        // Spring binds an indexed list from one property source, so the whole list is declared here.
        registry.add("coe.experts[0].id", () -> "echo");
        registry.add("coe.experts[0].adapter", () -> "echo");
        registry.add("coe.experts[0].input-price-per-1k", () -> "0.01");
        registry.add("coe.experts[0].output-price-per-1k", () -> "0.02");
        registry.add("coe.experts[1].id", () -> "stub-gpt");
        registry.add("coe.experts[1].adapter", () -> "openai");
        registry.add("coe.experts[1].base-url", STUB::baseUrl);
        registry.add("coe.experts[1].model", () -> "gpt-stub");
        registry.add("coe.experts[1].request-timeout", () -> "1500ms");
        registry.add("coe.experts[1].input-price-per-1k", () -> "1");
        registry.add("coe.experts[1].output-price-per-1k", () -> "2");
        // These tests check how each provider error reaches the client, so every fault must reach it once:
        // retries and the circuit breaker are tested on their own experts (ResilienceIT).
        registry.add("coe.experts[1].resilience.max-attempts", () -> "1");
        registry.add("coe.experts[1].resilience.circuit-breaker", () -> "false");
    }

    @LocalServerPort
    protected int port;

    protected final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void resetStub() {
        STUB.reset();
    }

    /** The gateway's OpenAI base URL, ending in {@code /v1}. */
    protected String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    protected HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
