package io.coerouter.router.telemetry.genai;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenListener;
import io.coerouter.expert.TokenUsage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class GenAiTelemetryTest {

    /** Keeps every span it is given. */
    static final class Spans implements SpanExporter {
        final List<SpanData> spans = new CopyOnWriteArrayList<>();

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }

        SpanData named(String name) {
            return spans.stream()
                    .filter(s -> s.getName().equals(name))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static final Expert EXPERT = new Expert() {
        @Override
        public ExpertConfig config() {
            return ExpertConfig.builder("remote", "anthropic")
                    .baseUrl("https://api.example.com/v1")
                    .model("claude-x")
                    .build();
        }

        @Override
        public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
            return ExpertResponse.of("remote", "Lima", FinishReason.STOP, new TokenUsage(7, 1));
        }
    };

    private static TracingConfig config(boolean capture, double ratio) {
        return new TracingConfig(
                true, URI.create("http://127.0.0.1:1/v1/traces"), Map.of(), ratio, capture, "t", Duration.ofSeconds(1));
    }

    private static void call(GenAiTelemetry telemetry, String prompt) {
        try (RequestSpan request = telemetry.startRequest("coe", false, null, h -> null)) {
            ExpertRequest question = ExpertRequest.of(prompt);
            ExpertCallObservation call = telemetry.startCall(EXPERT, question, 0.9, List.of("capitals"), "vote");
            try (Scope ignored = call.makeCurrent()) {
                call.answered(EXPERT.chat(question));
            }
            request.answered("coe", List.of("capitals"), List.of("remote"), null, 7, 1, null, "stop");
        }
    }

    @Test
    void aRequestAnsweredFromTheCacheSaysSoOnItsSpanWithNoExpertAndNoTokens() {
        Spans spans = new Spans();
        GenAiTelemetry telemetry = GenAiTelemetry.withExporter(config(false, 1), new SimpleMeterRegistry(), spans);
        try (RequestSpan request = telemetry.startRequest("coe", false, null, h -> null)) {
            request.cache("hit", 0.9712);
            request.answered("coe", List.of("capitals"), List.of(), null, 0, 0, java.math.BigDecimal.ZERO, "stop");
        }

        SpanData span = spans.named("chat coe");
        assertThat(span.getAttributes().get(GenAi.COE_CACHE)).isEqualTo("hit");
        assertThat(span.getAttributes().get(GenAi.COE_CACHE_SIMILARITY)).isEqualTo(0.9712);
        assertThat(span.getAttributes().get(GenAi.INPUT_TOKENS)).isZero();
        assertThat(spans.spans).hasSize(1);
    }

    @Test
    void promptsAndAnswersEnterSpansOnlyWhenContentCaptureIsOn() {
        Spans off = new Spans();
        call(GenAiTelemetry.withExporter(config(false, 1), new SimpleMeterRegistry(), off), "capital of Peru?");
        Spans on = new Spans();
        call(GenAiTelemetry.withExporter(config(true, 1), new SimpleMeterRegistry(), on), "capital of Peru?");

        assertThat(off.spans).hasSize(2).allSatisfy(s -> assertThat(
                        s.getAttributes().asMap().keySet())
                .doesNotContain(GenAi.INPUT_MESSAGES, GenAi.OUTPUT_MESSAGES));
        SpanData captured = on.named("chat claude-x");
        assertThat(captured.getAttributes().get(GenAi.INPUT_MESSAGES))
                .contains("\"role\":\"user\"")
                .contains("capital of Peru?");
        assertThat(captured.getAttributes().get(GenAi.OUTPUT_MESSAGES))
                .contains("Lima")
                .contains("\"finish_reason\":\"stop\"");
    }

    @Test
    void anExpertCallCarriesTheGenAiAttributesOfItsProvider() {
        Spans spans = new Spans();
        call(GenAiTelemetry.withExporter(config(false, 1), new SimpleMeterRegistry(), spans), "q");

        SpanData call = spans.named("chat claude-x");
        assertThat(call.getAttributes().get(GenAi.PROVIDER_NAME)).isEqualTo("anthropic");
        assertThat(call.getAttributes().get(GenAi.COE_SKILLS)).containsExactly("capitals");
        assertThat(call.getAttributes().get(GenAi.COE_AGGREGATOR)).isEqualTo("vote");
        assertThat(call.getAttributes().get(GenAi.SERVER_ADDRESS)).isEqualTo("api.example.com");
        assertThat(call.getAttributes().get(GenAi.SERVER_PORT)).isEqualTo(443L);
        assertThat(call.getAttributes().get(GenAi.INPUT_TOKENS)).isEqualTo(7L);
        assertThat(call.getAttributes().get(GenAi.FINISH_REASONS)).containsExactly("stop");
        assertThat(call.getParentSpanId()).isEqualTo(spans.named("chat coe").getSpanId());
        assertThat(spans.named("chat coe").getInstrumentationScopeInfo().getSchemaUrl())
                .endsWith("/" + GenAi.SEMCONV_VERSION);
    }

    @Test
    void aSamplingRatioOfZeroKeepsNoNewTraceButHonoursASampledClient() {
        Spans spans = new Spans();
        GenAiTelemetry telemetry = GenAiTelemetry.withExporter(config(false, 0), new SimpleMeterRegistry(), spans);

        call(telemetry, "q");
        assertThat(spans.spans).isEmpty();

        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        try (RequestSpan request =
                telemetry.startRequest("coe", false, null, h -> h.equals("traceparent") ? traceparent : null)) {
            assertThat(request.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            assertThat(telemetry.outboundHeaders().get("traceparent"))
                    .startsWith("00-0af7651916cd43dd8448eb211c80319c-");
        }
        assertThat(spans.spans).singleElement().satisfies(s -> assertThat(s.getParentSpanId())
                .isEqualTo("b7ad6b7169203331"));
    }

    @Test
    void onlyTheTraceparentLeavesForAProviderNeverTheClientsTracestate() {
        GenAiTelemetry telemetry =
                GenAiTelemetry.withExporter(config(false, 1), new SimpleMeterRegistry(), new Spans());
        assertThat(telemetry.outboundHeaders()).isEmpty(); // nothing current

        Map<String, String> client = Map.of(
                "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "tracestate", "vendor=secret-ish");
        try (RequestSpan ignored = telemetry.startRequest("coe", false, null, client::get)) {
            assertThat(telemetry.outboundHeaders()).containsOnlyKeys("traceparent");
        }
    }

    @Test
    void aModelNoExpertHasIsNotAMetricLabel() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        GenAiTelemetry telemetry = GenAiTelemetry.of(TracingConfig.off(), meters);

        try (RequestSpan request = telemetry.startRequest("no-such-model-4711", false, null, h -> null)) {
            request.failed("not_found", "model_not_found", false);
        }
        try (RequestSpan request = telemetry.startRequest("remote", false, null, h -> null)) {
            request.failed("upstream_failed", null, true);
        }

        assertThat(meters.find(GenAi.METRIC_SERVER_DURATION).timers())
                .extracting(t -> t.getId().getTag(GenAi.REQUEST_MODEL.getKey()) + "/"
                        + t.getId().getTag(GenAi.ERROR_TYPE.getKey()))
                .containsExactlyInAnyOrder("_OTHER/not_found", "remote/upstream_failed");
    }

    @Test
    void aFailedCallIsAnErrorSpanAndADurationWithItsErrorType() {
        Spans spans = new Spans();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        GenAiTelemetry telemetry = GenAiTelemetry.withExporter(config(false, 1), meters, spans);

        try (RequestSpan ignored = telemetry.startRequest("coe", false, null, h -> null)) {
            ExpertCallObservation call = telemetry.startCall(EXPERT, ExpertRequest.of("q"), 0.5, List.of(), null);
            call.failed(ExpertException.of("remote", ExpertErrorKind.TIMEOUT, "slow", null));
        }

        SpanData failed = spans.named("chat claude-x");
        assertThat(failed.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("timeout");
        assertThat(failed.getStatus().getDescription()).isEqualTo("timeout");
        assertThat(meters.get(GenAi.METRIC_CLIENT_DURATION)
                        .tag(GenAi.ERROR_TYPE.getKey(), "timeout")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void outsideATracedRequestNothingIsTracedButCallsAreStillMeasured() {
        Spans spans = new Spans();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        GenAiTelemetry telemetry = GenAiTelemetry.withExporter(config(false, 1), meters, spans);

        // A Batch API line, the playground, /v1/route: no request span is current.
        ExpertRequest question = ExpertRequest.of("q");
        ExpertCallObservation call = telemetry.startCall(EXPERT, question, 0.5, List.of(), null);
        try (Scope ignored = call.makeCurrent()) {
            call.answered(EXPERT.chat(question));
        }
        String staged = telemetry.inStage(
                GenAi.SPAN_RECRUIT, () -> "planned", x -> io.opentelemetry.api.common.Attributes.empty());
        telemetry.startStage(GenAi.SPAN_CLASSIFY).end();

        assertThat(staged).isEqualTo("planned");
        assertThat(spans.spans).isEmpty();
        assertThat(telemetry.outboundHeaders()).isEmpty();
        assertThat(meters.get(GenAi.METRIC_CLIENT_DURATION).timer().count()).isEqualTo(1);
    }

    @Test
    void aStreamedAnswerIsTimedPerChunkTheClientReceivedAndARequestEndingUnansweredIsAnError() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        GenAiTelemetry telemetry = GenAiTelemetry.of(TracingConfig.off(), meters);
        List<String> received = new java.util.ArrayList<>();

        try (RequestSpan request = telemetry.startRequest("coe", true, null, h -> null)) {
            TokenListener tokens = request.tokens(received::add);
            tokens.onToken("a");
            tokens.onToken("b");
            tokens.onToken("c");
            // 3 chunks reached the client; the experts behind it used 90 tokens in all.
            request.answered("coe", List.of(), List.of("x", "y", "z"), "vote", 10, 90, null, "stop");
        }
        try (RequestSpan ignored = telemetry.startRequest("coe", false, null, h -> null)) {
            // neither answered nor failed: an error no handler named
        }

        assertThat(received).containsExactly("a", "b", "c");
        assertThat(meters.get(GenAi.METRIC_SERVER_PER_TOKEN).timer().count()).isEqualTo(1);
        assertThat(meters.get(GenAi.METRIC_SERVER_FIRST_TOKEN).timer().count()).isEqualTo(1);
        assertThat(meters.get(GenAi.METRIC_SERVER_DURATION)
                        .tag(GenAi.ERROR_TYPE.getKey(), GenAi.OTHER_ERROR)
                        .timer()
                        .count())
                .isEqualTo(1);
    }
}
