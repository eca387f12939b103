package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.testing.OpenAiStubServer;
import io.coerouter.router.testing.Eventually;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * OpenTelemetry traces as a collector receives them over OTLP/HTTP: the span tree and GenAI attributes of routed
 * requests (three experts with one failing; one expert failing over to the next; a local model queued and loaded), the
 * client's {@code traceparent} continued and passed to the provider, and exemplars linking the GenAI metrics to the
 * trace.
 */
class TracingIT {

    private static final OpenAiStubServer STUB = OpenAiStubServer.start();
    private static OtlpReceiver collector;
    private static ConfigurableApplicationContext router;
    private static Path profiles;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        collector = new OtlpReceiver();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // nothing listens here once closed: calls to stub-c fail at once
        }
        profiles = Files.createTempFile("coe-tracing-profiles", ".json");
        Files.writeString(
                profiles,
                """
                {"version": 0, "createdAt": "2026-01-01T00:00:00Z", "source": "tracing", "questions": 10,
                 "experts": {
                   "stub-c": {"expertId": "stub-c", "skills": {"capitals": {"correct": 10, "wrong": 0, "failed": 0}},
                              "meanLatencyMs": 1.0, "meanCostUsd": 0},
                   "stub-a": {"expertId": "stub-a", "skills": {"capitals": {"correct": 8, "wrong": 2, "failed": 0}},
                              "meanLatencyMs": 1.0, "meanCostUsd": 0},
                   "stub-b": {"expertId": "stub-b", "skills": {"capitals": {"correct": 7, "wrong": 3, "failed": 0}},
                              "meanLatencyMs": 1.0, "meanCostUsd": 0}}}
                """);
        router = new SpringApplicationBuilder(CoeRouterApplication.class)
                .run(
                        "--server.port=0",
                        "--coe.redis.url=",
                        "--coe.skills.warm-up=false",
                        "--coe.skills.encoder=minilm",
                        "--coe.skills.classifier=embedding",
                        "--coe.profiles.location=file:" + profiles,
                        "--coe.default-expert=stub-a",
                        "--coe.tracing.enabled=true",
                        "--coe.tracing.endpoint=" + collector.endpoint(),
                        "--coe.tracing.headers.x-collector-token=collector-secret-123",
                        "--coe.experts[0].id=stub-a",
                        "--coe.experts[0].adapter=openai",
                        "--coe.experts[0].base-url=" + STUB.baseUrl(),
                        "--coe.experts[0].model=gpt-a",
                        "--coe.experts[0].input-price-per-1k=1",
                        "--coe.experts[1].id=stub-b",
                        "--coe.experts[1].adapter=openai",
                        "--coe.experts[1].base-url=" + STUB.baseUrl(),
                        "--coe.experts[1].model=gpt-b",
                        "--coe.experts[2].id=stub-c",
                        "--coe.experts[2].adapter=openai",
                        "--coe.experts[2].base-url=http://127.0.0.1:" + closed + "/v1",
                        "--coe.experts[2].model=gpt-c",
                        "--coe.experts[2].resilience.max-attempts=1",
                        "--coe.experts[2].resilience.circuit-breaker=false",
                        "--coe.experts[3].id=generalist",
                        "--coe.experts[3].adapter=djl",
                        "--coe.experts[3].model-path=classpath:coe-demo-experts/generalist");
    }

    @AfterAll
    static void stop() throws Exception {
        if (router != null) {
            router.close();
        }
        collector.close();
        STUB.close();
        Files.deleteIfExists(profiles);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros
        return HexFormat.of().formatHex(b);
    }

    private static HttpResponse<String> chat(String body, String traceparent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + Routers.port(router) + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The router's Prometheus scrape in the {@code accept}ed format. */
    private static String scrape(String accept) throws Exception {
        HttpResponse<String> metrics = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Routers.port(router) + "/actuator/prometheus"))
                        .header("Accept", accept)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        return metrics.body();
    }

    /** The spans of {@code traceId} once its request span (ended last) has arrived. */
    private static List<OtlpReceiver.Received> awaitTrace(String traceId, String rootName) {
        Eventually.until("the request span of trace " + traceId, () -> collector.trace(traceId).stream()
                .anyMatch(s -> s.name().equals(rootName)));
        return collector.trace(traceId);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    private static OtlpReceiver.Received one(List<OtlpReceiver.Received> spans, String name) {
        List<OtlpReceiver.Received> named =
                spans.stream().filter(s -> s.name().equals(name)).toList();
        assertThat(named).as("spans named " + name + " in " + spans).hasSize(1);
        return named.getFirst();
    }

    @Test
    void aRoutedRequestToThreeExpertsWithOneFailingIsOneTraceUnderTheClientsParent() throws Exception {
        String traceId = hex(16);
        String clientSpan = hex(8);
        STUB.reset();

        HttpResponse<String> response = chat(
                "{\"model\":\"coe\",\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of Peru?\"}],"
                        + "\"coe\":{\"k\":3,\"aggregator\":\"vote\"}}",
                "00-" + traceId + "-" + clientSpan + "-01");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<OtlpReceiver.Received> spans = awaitTrace(traceId, "chat coe");
        OtlpReceiver.Received root = one(spans, "chat coe");
        assertThat(root.parentSpanId()).isEqualTo(clientSpan);
        assertThat(root.kind()).isEqualTo("SPAN_KIND_SERVER");
        assertThat(root.attr("gen_ai.operation.name")).isEqualTo("chat");
        assertThat(root.attr("gen_ai.request.model")).isEqualTo("coe");
        assertThat(root.attr("coe.route")).isEqualTo("coe");
        assertThat(list(root.attr("coe.skills"))).first().isEqualTo("capitals");
        assertThat(list(root.attr("coe.experts"))).containsExactlyInAnyOrder("stub-a", "stub-b", "stub-c");
        assertThat(root.attr("coe.aggregator")).isEqualTo("vote");
        assertThat((Long) root.attr("gen_ai.usage.input_tokens")).isPositive();
        assertThat((Long) root.attr("gen_ai.usage.output_tokens")).isPositive();
        assertThat(root.attr("coe.cost_usd")).isInstanceOf(Double.class);

        OtlpReceiver.Received recruit = one(spans, "coe.recruit");
        assertThat(recruit.parentSpanId()).isEqualTo(root.spanId());
        OtlpReceiver.Received classify = one(spans, "coe.classify");
        assertThat(classify.parentSpanId()).isEqualTo(recruit.spanId());
        assertThat(list(classify.attr("coe.skills"))).first().isEqualTo("capitals");
        OtlpReceiver.Received aggregate = one(spans, "coe.aggregate");
        assertThat(aggregate.parentSpanId()).isEqualTo(root.spanId());
        assertThat(aggregate.attr("coe.aggregator")).isEqualTo("vote");

        for (String model : List.of("gpt-a", "gpt-b")) {
            OtlpReceiver.Received call = one(spans, "chat " + model);
            assertThat(call.parentSpanId()).isEqualTo(root.spanId());
            assertThat(call.kind()).isEqualTo("SPAN_KIND_CLIENT");
            assertThat(call.status()).isNotEqualTo("STATUS_CODE_ERROR");
            assertThat(call.attr("gen_ai.operation.name")).isEqualTo("chat");
            assertThat(call.attr("gen_ai.provider.name")).isEqualTo("openai");
            assertThat(call.attr("gen_ai.request.model")).isEqualTo(model);
            assertThat(call.attr("gen_ai.response.model")).isEqualTo(model);
            assertThat((Long) call.attr("gen_ai.usage.input_tokens")).isPositive();
            assertThat((Long) call.attr("gen_ai.usage.output_tokens")).isPositive();
            assertThat(list(call.attr("gen_ai.response.finish_reasons"))).containsExactly("stop");
            assertThat(call.attr("server.address")).isEqualTo("127.0.0.1");
            assertThat(list(call.attr("coe.skills"))).first().isEqualTo("capitals");
            assertThat(call.attr("coe.aggregator")).isEqualTo("vote");
            assertThat(call.attributes()).doesNotContainKey("error.type");
        }
        OtlpReceiver.Received failed = one(spans, "chat gpt-c");
        assertThat(failed.parentSpanId()).isEqualTo(root.spanId());
        assertThat(failed.status()).isEqualTo("STATUS_CODE_ERROR");
        assertThat(failed.attr("coe.expert")).isEqualTo("stub-c");
        assertThat((String) failed.attr("error.type")).isNotBlank();
        assertThat(failed.attributes()).doesNotContainKey("gen_ai.usage.output_tokens");

        // The provider got the trace: the traceparent of the expert call that reached it.
        List<String> callSpans = spans.stream()
                .filter(s -> s.name().startsWith("chat gpt-"))
                .map(OtlpReceiver.Received::spanId)
                .toList();
        assertThat(STUB.received()).hasSize(2).allSatisfy(r -> {
            String sent = r.header("traceparent");
            assertThat(sent).startsWith("00-" + traceId + "-").endsWith("-01");
            assertThat(callSpans).contains(sent.split("-")[2]);
            assertThat(r.header("tracestate")).isNull();
        });
        // Prompts and answers stay out of spans unless switched on.
        assertThat(spans).allSatisfy(s -> assertThat(s.attributes().keySet())
                .doesNotContain("gen_ai.input.messages", "gen_ai.output.messages"));
        assertThat(spans.toString()).doesNotContain("capital of Peru");
        // The collector's credential went with the export.
        assertThat(collector.exportHeaders())
                .anySatisfy(h -> assertThat(h.get("X-collector-token")).containsExactly("collector-secret-123"));
    }

    @Test
    void aFailedCallFallsOverToTheNextExpertAndBothAttemptsAreSpans() throws Exception {
        String traceId = hex(16);
        STUB.reset();

        HttpResponse<String> response = chat(
                "{\"model\":\"coe\",\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of Chile?\"}],"
                        + "\"coe\":{\"k\":1}}",
                "00-" + traceId + "-" + hex(8) + "-01");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<OtlpReceiver.Received> spans = awaitTrace(traceId, "chat coe");
        OtlpReceiver.Received root = one(spans, "chat coe");
        assertThat(list(root.attr("coe.experts"))).containsExactly("stub-c", "stub-a");
        assertThat(root.attributes()).doesNotContainKey("coe.aggregator");
        OtlpReceiver.Received failed = one(spans, "chat gpt-c");
        OtlpReceiver.Received fallback = one(spans, "chat gpt-a");
        assertThat(List.of(failed.parentSpanId(), fallback.parentSpanId())).containsOnly(root.spanId());
        assertThat(failed.status()).isEqualTo("STATUS_CODE_ERROR");
        assertThat(failed.endNanos()).isLessThanOrEqualTo(fallback.startNanos());
        assertThat(fallback.attributes()).doesNotContainKey("error.type");
        assertThat(spans).noneMatch(s -> s.name().equals("coe.aggregate"));
    }

    @Test
    void aLocalModelsQueueWaitAndLoadAreSpansOfTheCallAndItsMetricsLinkToTheTrace() throws Exception {
        HttpResponse<String> response = chat(
                "{\"model\":\"generalist\",\"messages\":[{\"role\":\"user\",\"content\":\"What is 2 + 2?\"}]}", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Eventually.until("the request span of the generalist call", () -> collector.spans().stream()
                .anyMatch(s -> s.name().equals("chat generalist") && s.kind().equals("SPAN_KIND_SERVER")));
        OtlpReceiver.Received root = collector.spans().stream()
                .filter(s -> s.name().equals("chat generalist") && s.kind().equals("SPAN_KIND_SERVER"))
                .findFirst()
                .orElseThrow();
        assertThat(root.parentSpanId()).isEmpty(); // no traceparent: a new trace
        List<OtlpReceiver.Received> spans = collector.trace(root.traceId());
        OtlpReceiver.Received call = spans.stream()
                .filter(s -> s.kind().equals("SPAN_KIND_CLIENT"))
                .findFirst()
                .orElseThrow();
        assertThat(call.attr("gen_ai.provider.name")).isEqualTo("djl");
        assertThat(call.parentSpanId()).isEqualTo(root.spanId());
        OtlpReceiver.Received queued = one(spans, "coe.queue_wait");
        assertThat(queued.parentSpanId()).isEqualTo(call.spanId());
        assertThat(queued.attr("coe.batch_size")).isEqualTo(1L);
        OtlpReceiver.Received load = one(spans, "coe.model_load");
        assertThat(load.parentSpanId()).isEqualTo(call.spanId());
        assertThat(load.attr("coe.expert")).isEqualTo("generalist");
        assertThat(queued.endNanos()).isLessThanOrEqualTo(load.endNanos());

        String metrics = scrape("application/openmetrics-text; version=1.0.0");
        assertThat(metrics)
                .contains("gen_ai_client_operation_duration_seconds_bucket{")
                .contains("gen_ai_client_token_usage_tokens_bucket{")
                .contains("gen_ai_server_request_duration_seconds_bucket{");
        assertThat(metrics.lines()
                        .filter(l -> l.startsWith("gen_ai_client_operation_duration_seconds_bucket{")
                                && l.contains("coe_expert=\"generalist\""))
                        .toList())
                .anySatisfy(l -> assertThat(l).contains("trace_id=\"" + root.traceId() + "\""));
    }

    @Test
    void aStreamedAnswerIsTracedAndTimedToItsFirstToken() throws Exception {
        String traceId = hex(16);
        STUB.reset();

        HttpResponse<String> response = chat(
                "{\"model\":\"stub-a\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"one two three\"}]}",
                "00-" + traceId + "-" + hex(8) + "-01");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("data: [DONE]");
        OtlpReceiver.Received root = one(awaitTrace(traceId, "chat stub-a"), "chat stub-a");
        assertThat(root.attr("coe.stream")).isEqualTo(true);
        assertThat(root.attr("coe.route")).isEqualTo("direct");
        String metrics = scrape("text/plain");
        assertThat(metrics.lines())
                .anyMatch(l -> l.startsWith("gen_ai_server_time_to_first_token_seconds_count{")
                        && l.contains("gen_ai_request_model=\"stub-a\""))
                .anyMatch(l -> l.startsWith("gen_ai_client_operation_time_to_first_chunk_seconds_count{")
                        && l.contains("gen_ai_request_model=\"gpt-a\""))
                .anyMatch(l -> l.startsWith("gen_ai_client_operation_time_per_output_chunk_seconds_count{")
                        && l.contains("gen_ai_request_model=\"gpt-a\""));
    }

    @Test
    void aRoutingDecisionAloneMakesNoTrace() throws Exception {
        collector.clear();
        String routeTrace = hex(16);
        HttpResponse<String> route = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Routers.port(router) + "/v1/route"))
                        .header("Content-Type", "application/json")
                        .header("traceparent", "00-" + routeTrace + "-" + hex(8) + "-01")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"coe\",\"messages\":[{\"role\":"
                                + "\"user\",\"content\":\"What is the capital of Peru?\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(route.statusCode()).as(route.body()).isEqualTo(200);

        // A chat request after it: once its trace has arrived, the routing decision's spans would have too.
        String chatTrace = hex(16);
        assertThat(routeTrace).isNotEqualTo(chatTrace);
        STUB.reset();
        assertThat(chat(
                                "{\"model\":\"stub-a\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                                "00-" + chatTrace + "-" + hex(8) + "-01")
                        .statusCode())
                .isEqualTo(200);
        awaitTrace(chatTrace, "chat stub-a");
        // Not under the client's trace, nor a classification span of a trace of its own.
        assertThat(collector.spans()).allSatisfy(s -> assertThat(s.traceId()).isEqualTo(chatTrace));
    }
}
