package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.testing.OpenAiStubServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Retries, circuit breakers and failover against misbehaving OpenAI-compatible providers (loopback stubs: the part
 * we may stub). Two healthy experts and two faulty ones; the faulty ones fall back to the healthy ones.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"coe.default-expert=healthy-a", "coe.skills.warm-up=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceIT {

    private static final OpenAiStubServer HEALTHY_A = OpenAiStubServer.start();
    private static final OpenAiStubServer HEALTHY_B = OpenAiStubServer.start();
    private static final OpenAiStubServer FLAKY = OpenAiStubServer.start();
    private static final OpenAiStubServer BROKEN = OpenAiStubServer.start();

    @DynamicPropertySource
    static void experts(DynamicPropertyRegistry registry) {
        List<Map.Entry<String, OpenAiStubServer>> experts = List.of(
                Map.entry("healthy-a", HEALTHY_A),
                Map.entry("healthy-b", HEALTHY_B),
                Map.entry("flaky", FLAKY),
                Map.entry("broken", BROKEN));
        for (int i = 0; i < experts.size(); i++) {
            String p = "coe.experts[" + i + "].";
            OpenAiStubServer stub = experts.get(i).getValue();
            registry.add(p + "id", experts.get(i)::getKey);
            registry.add(p + "adapter", () -> "openai");
            registry.add(p + "base-url", stub::baseUrl);
            registry.add(p + "model", () -> "stub");
            registry.add(p + "request-timeout", () -> "1s");
            registry.add(p + "resilience.max-attempts", () -> "2");
            registry.add(p + "resilience.initial-backoff", () -> "10ms");
            registry.add(p + "resilience.max-backoff", () -> "20ms");
            registry.add(p + "resilience.sliding-window-size", () -> "4");
            registry.add(p + "resilience.minimum-calls", () -> "4");
            registry.add(p + "resilience.open-wait", () -> "1s");
            registry.add(p + "resilience.half-open-calls", () -> "1");
        }
        registry.add("coe.experts[2].fallbacks[0]", () -> "healthy-a");
        // flaky's circuit judges a longer window, so the failover tests see each of its failures reach the provider.
        registry.add("coe.experts[2].resilience.sliding-window-size", () -> "20");
        registry.add("coe.experts[2].resilience.minimum-calls", () -> "20");
        registry.add("coe.experts[3].fallbacks[0]", () -> "healthy-b");
        registry.add("coe.experts[3].fallbacks[1]", () -> "healthy-a");
        // Context windows: broken's fallbacks hold a smaller (healthy-b) and a larger (healthy-a) one.
        registry.add("coe.experts[0].context-window", () -> "128000");
        registry.add("coe.experts[1].context-window", () -> "8000");
        registry.add("coe.experts[3].context-window", () -> "16000");
    }

    @LocalServerPort
    int port;

    private DemoHttp http;

    @BeforeEach
    void reset() {
        List.of(HEALTHY_A, HEALTHY_B, FLAKY, BROKEN).forEach(OpenAiStubServer::reset);
        http = new DemoHttp(port);
    }

    private DemoHttp.Reply chat(String model, String text, boolean stream) throws Exception {
        String body = DemoHttp.chat(model, text, null);
        return http.post(
                "/v1/chat/completions", stream ? body.substring(0, body.length() - 1) + ",\"stream\":true}" : body);
    }

    private static List<String> experts(DemoHttp.Reply response) {
        return DemoHttp.experts(response);
    }

    private String prometheus() throws Exception {
        return http.get("/actuator/prometheus").raw();
    }

    @Test
    void aTransientServerErrorIsRetriedAndTheClientNeverSeesIt() throws Exception {
        HEALTHY_B.enqueue(OpenAiStubServer.status(500, "server_error", "boom"));

        DemoHttp.Reply response = chat("healthy-b", "retry me", false);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.raw()).contains("retry me");
        assertThat(HEALTHY_B.received()).hasSize(2);
        assertThat(experts(response)).containsExactly("healthy-b:ok");
        assertThat(prometheus()).containsPattern("coe_expert_retries_total\\{[^}]*expert=\"healthy-b\"");
    }

    @Test
    void aFailingExpertFallsBackToItsConfiguredFallbacksAndTheTraceShowsWho() throws Exception {
        for (int i = 0; i < 2; i++) {
            FLAKY.enqueue(OpenAiStubServer.status(503, "server_error", "overloaded"));
        }

        DemoHttp.Reply response = chat("flaky", "fall back", false);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.raw()).contains("fall back");
        assertThat(experts(response)).containsExactly("flaky:failed", "healthy-a:ok");
        assertThat(FLAKY.received()).hasSize(2); // both attempts
    }

    @Test
    void aRejectedRequestDoesNotFailOverBecauseEveryExpertWouldRejectItToo() throws Exception {
        FLAKY.enqueue(OpenAiStubServer.status(400, "invalid_request_error", "bad input"));

        DemoHttp.Reply response = chat("flaky", "bad", false);

        assertThat(response.status()).isEqualTo(400);
        assertThat(HEALTHY_A.received()).isEmpty();
    }

    @Test
    void repeatedFailuresOpenTheCircuitSoCallsSkipTheProviderUntilAProbeSucceeds() throws Exception {
        for (int i = 0; i < 8; i++) {
            BROKEN.enqueue(OpenAiStubServer.status(500, "server_error", "down"));
        }
        for (int i = 0; i < 2; i++) {
            DemoHttp.Reply response = chat("broken", "still answered " + i, false);
            assertThat(response.status()).isEqualTo(200);
            assertThat(experts(response)).containsExactly("broken:failed", "healthy-b:ok");
        }
        assertThat(prometheus()).containsPattern("coe_expert_circuit_state\\{[^}]*expert=\"broken\",state=\"open\"} 1");
        int reached = BROKEN.received().size();

        DemoHttp.Reply whileOpen = chat("broken", "while open", false);
        assertThat(whileOpen.status()).isEqualTo(200);
        assertThat(experts(whileOpen)).containsExactly("broken:failed", "healthy-b:ok");
        assertThat(BROKEN.received())
                .as("an open circuit does not reach the provider")
                .hasSize(reached);

        JsonNode admin = http.get("/admin/experts/broken").body();
        assertThat(admin.path("circuit").asString()).isEqualTo("open");
        assertThat(admin.path("available").asBoolean()).isFalse();
        assertThat(admin.path("fallbacks").toString()).isEqualTo("[\"healthy-b\",\"healthy-a\"]");

        BROKEN.reset(); // healthy again
        java.util.regex.Pattern halfOpen = java.util.regex.Pattern.compile("expert=\"broken\",state=\"half_open\"} 1");
        for (int i = 0; i < 100 && !halfOpen.matcher(prometheus()).find(); i++) {
            Thread.sleep(50);
        }
        DemoHttp.Reply probe = chat("broken", "probe", false);
        assertThat(experts(probe)).containsExactly("broken:ok");
        assertThat(prometheus())
                .containsPattern("coe_expert_circuit_state\\{[^}]*expert=\"broken\",state=\"closed\"} 1");
    }

    @Test
    void aStreamWhoseExpertFailsBeforeItsFirstTokenFailsOverAndCompletes() throws Exception {
        for (int i = 0; i < 2; i++) {
            FLAKY.enqueue(OpenAiStubServer.status(502, "server_error", "bad gateway"));
        }

        DemoHttp.Reply response = chat("flaky", "stream over", true);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.raw()).contains("stream").contains("[DONE]").doesNotContain("\"error\":{");
        assertThat(response.raw()).contains("\"id\":\"flaky\",\"score\":1.0,\"status\":\"failed\"");
    }

    @Test
    void aStreamCutMidWayEndsWithACleanErrorEventAndIsNotRetried() throws Exception {
        HEALTHY_A.enqueue(new OpenAiStubServer.CutStream(2));

        DemoHttp.Reply response = chat("healthy-a", "one two three four five six", true);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.raw()).contains("\"error\":{");
        assertThat(HEALTHY_A.received()).hasSize(1);
    }

    private static OpenAiStubServer.Status contextLengthExceeded() {
        return new OpenAiStubServer.Status(
                400,
                "{\"error\":{\"message\":\"This model's maximum context length is 16000 tokens.\","
                        + "\"type\":\"invalid_request_error\",\"param\":\"messages\","
                        + "\"code\":\"context_length_exceeded\"}}",
                Map.of());
    }

    @Test
    void aPromptTooLongForAnExpertGoesToAFallbackKnownToTakeMoreSkippingSmallerOnes() throws Exception {
        BROKEN.enqueue(contextLengthExceeded());

        DemoHttp.Reply response = chat("broken", "a very long prompt", false);

        assertThat(response.status()).isEqualTo(200);
        assertThat(experts(response)).containsExactly("broken:failed", "healthy-a:ok");
        assertThat(HEALTHY_B.received())
                .as("8,000 tokens is smaller than broken's 16,000")
                .isEmpty();
        assertThat(BROKEN.received())
                .as("a context-length error is not retried")
                .hasSize(1);
    }

    @Test
    void aPromptTooLongWithNoLargerExpertIsTheClientsContextLengthError() throws Exception {
        HEALTHY_B.enqueue(contextLengthExceeded());

        DemoHttp.Reply response = chat("healthy-b", "a very long prompt", false);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("error").path("code").asString()).isEqualTo("context_length_exceeded");
    }

    @Test
    void anOperatorCanForceACircuitOpenOrClosedAndHandItBack() throws Exception {
        DemoHttp.Reply forced = http.post("/admin/experts/flaky/circuit", "{\"state\":\"forced_open\"}");
        assertThat(forced.status()).isEqualTo(200);
        assertThat(forced.body().path("circuit").asString()).isEqualTo("forced_open");
        assertThat(forced.body().path("available").asBoolean()).isFalse();

        DemoHttp.Reply whileForced = chat("flaky", "forced around", false);
        assertThat(whileForced.status()).isEqualTo(200);
        assertThat(experts(whileForced)).containsExactly("flaky:failed", "healthy-a:ok");
        assertThat(FLAKY.received()).isEmpty();
        assertThat(prometheus())
                .containsPattern("coe_expert_circuit_state\\{[^}]*expert=\"flaky\",state=\"forced_open\"} 1");

        DemoHttp.Reply closed = http.post("/admin/experts/flaky/circuit", "{\"state\":\"forced_closed\"}");
        assertThat(closed.body().path("circuit").asString()).isEqualTo("disabled");
        assertThat(chat("flaky", "through", false).status()).isEqualTo(200);
        assertThat(FLAKY.received()).hasSize(1);

        DemoHttp.Reply back = http.post("/admin/experts/flaky/circuit", "{\"state\":\"automatic\"}");
        assertThat(back.body().path("circuit").asString()).isEqualTo("closed");
        assertThat(back.body().path("available").asBoolean()).isTrue();
    }

    @Test
    void aBadCircuitCommandIsAnOpenAiStyleError() throws Exception {
        DemoHttp.Reply badState = http.post("/admin/experts/flaky/circuit", "{\"state\":\"half_open\"}");
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.body().path("error").path("param").asString()).isEqualTo("state");
        assertThat(badState.body().path("error").path("message").asString())
                .contains("[automatic, forced_closed, forced_open]");

        DemoHttp.Reply unknown = http.post("/admin/experts/nobody/circuit", "{\"state\":\"forced_open\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("error").path("code").asString()).isEqualTo("unknown_expert");
    }

    /** Queues {@code n} random faults on the two faulty experts' providers. */
    private static void faults(Random random, int n) {
        for (int i = 0; i < n; i++) {
            OpenAiStubServer stub = random.nextBoolean() ? FLAKY : BROKEN;
            stub.enqueue(
                    switch (random.nextInt(4)) {
                        case 0 -> OpenAiStubServer.status(500, "server_error", "boom");
                        case 1 ->
                            new OpenAiStubServer.Status(
                                    429,
                                    "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}",
                                    Map.of("Retry-After", "0"));
                        case 2 -> new OpenAiStubServer.Malformed();
                        default -> new OpenAiStubServer.Delay(Duration.ofSeconds(2)); // past the 1 s timeout
                    });
        }
    }

    /** {@code n} requests, 16 at a time, spread over all four experts; returns how many the client saw fail. */
    private int soak(int n, List<String> samples) throws Exception {
        AtomicInteger failures = new AtomicInteger();
        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String model =
                        List.of("flaky", "broken", "healthy-a", "healthy-b").get(i % 4);
                int id = i;
                futures.add(clients.submit(() -> {
                    DemoHttp.Reply r = chat(model, "soak " + id, false);
                    if (r.status() != 200) {
                        failures.incrementAndGet();
                        synchronized (samples) {
                            if (samples.size() < 3) {
                                samples.add(r.status() + " " + r.raw());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return failures.get();
    }

    @Test
    @Order(Integer.MAX_VALUE) // it leaves circuits open; the other tests expect them closed
    void aSoakOfMixedFaultsThroughTwoFaultyExpertsGivesNoClientVisibleErrorAndLeaksNoThreads() throws Exception {
        Random random = new Random(1);
        List<String> samples = new ArrayList<>();
        // Two rounds: a leak grows with the requests served, pools that fill up once do not.
        faults(random, 150);
        int failures = soak(1000, samples);
        Thread.sleep(2500); // the stub's delayed answers finish
        int afterFirst = Thread.activeCount();
        faults(random, 150);
        failures += soak(1000, samples);
        Thread.sleep(2500);
        int afterSecond = Thread.activeCount();

        assertThat(failures).as("client-visible errors, e.g. %s", samples).isZero();
        // Pools may still grow a little under the second round's timing; a leak per request would add hundreds.
        assertThat(afterSecond).as("live threads after the second round").isLessThanOrEqualTo(afterFirst + 50);
        JsonNode health = http.get("/actuator/health").body();
        assertThat(health.path("status").asString()).isEqualTo("UP");
    }
}
