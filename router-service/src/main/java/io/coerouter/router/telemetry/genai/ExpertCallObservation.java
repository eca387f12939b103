package io.coerouter.router.telemetry.genai;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenListener;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One expert call as a GenAI client span ({@code chat {model}}) with the conventions' attributes, and as the GenAI
 * client metrics. Make it current ({@link #makeCurrent}) while the call runs, so a remote provider gets its {@code
 * traceparent} and queue and load spans nest under it; end it with {@link #answered} or {@link #failed}.
 */
public final class ExpertCallObservation {

    private final GenAiTelemetry telemetry;
    private final Span span;
    private final Tags tags;
    private final String model;
    private final long start = System.nanoTime();
    private long lastChunk;

    private ExpertCallObservation(GenAiTelemetry telemetry, Span span, Tags tags, String model) {
        this.telemetry = telemetry;
        this.span = span;
        this.tags = tags;
        this.model = model;
    }

    static ExpertCallObservation start(
            GenAiTelemetry telemetry,
            Expert expert,
            ExpertRequest request,
            double score,
            List<String> skills,
            String aggregator) {
        ExpertConfig config = expert.config();
        String model = config.model() != null && !config.model().isBlank() ? config.model() : expert.id();
        String provider = GenAi.providerName(config.adapter());
        Tags tags = Tags.of(
                GenAi.OPERATION_NAME.getKey(), GenAi.CHAT,
                GenAi.PROVIDER_NAME.getKey(), provider,
                GenAi.REQUEST_MODEL.getKey(), model,
                GenAi.RESPONSE_MODEL.getKey(), model,
                GenAi.COE_EXPERT.getKey(), expert.id());
        if (!telemetry.inRequest()) {
            return new ExpertCallObservation(telemetry, Span.getInvalid(), tags, model);
        }
        SpanBuilder builder = telemetry
                .tracer()
                .spanBuilder(GenAi.CHAT + " " + model)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(GenAi.OPERATION_NAME, GenAi.CHAT)
                .setAttribute(GenAi.PROVIDER_NAME, provider)
                .setAttribute(GenAi.REQUEST_MODEL, model)
                .setAttribute(GenAi.COE_EXPERT, expert.id())
                .setAttribute(GenAi.COE_EXPERT_SCORE, score);
        if (skills != null && !skills.isEmpty()) {
            builder.setAttribute(GenAi.COE_SKILLS, skills);
        }
        if (aggregator != null) {
            builder.setAttribute(GenAi.COE_AGGREGATOR, aggregator);
        }
        if (request.temperature() != null) {
            builder.setAttribute(GenAi.TEMPERATURE, request.temperature());
        }
        if (request.topP() != null) {
            builder.setAttribute(GenAi.TOP_P, request.topP());
        }
        if (request.maxTokens() != null) {
            builder.setAttribute(GenAi.MAX_TOKENS, (long) request.maxTokens());
        }
        if (request.seed() != null) {
            builder.setAttribute(GenAi.SEED, request.seed());
        }
        URI base = config.baseUrl();
        if (base != null && base.getHost() != null) {
            builder.setAttribute(GenAi.SERVER_ADDRESS, base.getHost());
            builder.setAttribute(GenAi.SERVER_PORT, (long)
                    (base.getPort() >= 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80));
        }
        if (telemetry.captureContent()) {
            builder.setAttribute(GenAi.INPUT_MESSAGES, MessagesJson.input(request.messages()));
        }
        return new ExpertCallObservation(telemetry, builder.startSpan(), tags, model);
    }

    /** Makes this call's span current on this thread, and its ids the log's, until the scope closes. */
    public Scope makeCurrent() {
        return TraceMdc.current(span);
    }

    /** {@code tokens}, timing the call's first chunk and each one after it. */
    public TokenListener tokens(TokenListener tokens) {
        return TimedTokens.of(tokens, now -> {
            if (lastChunk == 0) {
                telemetry.metrics().clientFirstChunk(tags, now - start);
            } else {
                telemetry.metrics().clientPerChunk(tags, now - lastChunk);
            }
            lastChunk = now;
        });
    }

    /** The call answered with {@code response}. */
    public void answered(ExpertResponse response) {
        long elapsed = System.nanoTime() - start;
        try (Scope ignored = span.makeCurrent()) {
            telemetry.metrics().clientDuration(tags.and(GenAi.ERROR_TYPE.getKey(), ""), elapsed);
            telemetry.metrics().clientTokens(tags, GenAi.INPUT, response.usage().inputTokens());
            telemetry
                    .metrics()
                    .clientTokens(tags, GenAi.OUTPUT, response.usage().outputTokens());
        }
        if (!span.getSpanContext().isValid()) {
            return; // not traced, or outside a traced request
        }
        span.setAttribute(GenAi.RESPONSE_MODEL, model);
        span.setAttribute(GenAi.INPUT_TOKENS, response.usage().inputTokens());
        span.setAttribute(GenAi.OUTPUT_TOKENS, response.usage().outputTokens());
        span.setAttribute(GenAi.FINISH_REASONS, List.of(response.finishReason().openAiName()));
        span.setAttribute(GenAi.COE_COST_USD, response.cost().doubleValue());
        if (telemetry.captureContent()) {
            span.setAttribute(GenAi.OUTPUT_MESSAGES, MessagesJson.output(response.text(), response.finishReason()));
        }
        ExpertResponse.Served served = response.served();
        if (served != null) {
            span.setAttribute(GenAi.COE_WORKER, served.worker());
            span.setAttribute(GenAi.COE_BATCH_SIZE, (long) served.batchSize());
            // The worker's queue wait and model load, placed from when this call began.
            Context parent = Context.current().with(span);
            long begin = telemetry.nowEpochNanos() - elapsed;
            long queuedEnd = begin + served.queued().toNanos();
            telemetry
                    .span(parent, GenAi.SPAN_QUEUE, begin)
                    .setAttribute(GenAi.COE_WORKER, served.worker())
                    .startSpan()
                    .end(queuedEnd, TimeUnit.NANOSECONDS);
            if (!served.load().isZero()) {
                long loadEnd = queuedEnd + served.load().toNanos();
                telemetry
                        .span(parent, GenAi.SPAN_LOAD, queuedEnd)
                        .setAttribute(GenAi.COE_WORKER, served.worker())
                        .startSpan()
                        .end(loadEnd, TimeUnit.NANOSECONDS);
            }
        }
        span.end();
    }

    /** The call failed with {@code error}. */
    public void failed(ExpertException error) {
        String type = error.kind().name().toLowerCase(Locale.ROOT);
        try (Scope ignored = span.makeCurrent()) {
            telemetry.metrics().clientDuration(tags.and(GenAi.ERROR_TYPE.getKey(), type), System.nanoTime() - start);
        }
        if (!span.getSpanContext().isValid()) {
            return;
        }
        span.setAttribute(GenAi.ERROR_TYPE, type);
        // The kind, not the message: a provider's message may echo the request.
        span.setStatus(StatusCode.ERROR, type);
        span.end();
    }

    /** The call ended with an error that is not the expert's ({@code error}: a bug, or the caller's own listener). */
    public void failed(Throwable error) {
        String type = error.getClass().getSimpleName();
        try (Scope ignored = span.makeCurrent()) {
            telemetry
                    .metrics()
                    .clientDuration(tags.and(GenAi.ERROR_TYPE.getKey(), GenAi.OTHER_ERROR), System.nanoTime() - start);
        }
        if (span.getSpanContext().isValid()) {
            span.setAttribute(GenAi.ERROR_TYPE, GenAi.OTHER_ERROR);
            span.setStatus(StatusCode.ERROR, type);
            span.end();
        }
    }

    /** Renders messages as the conventions' JSON for content capture. */
    static final class MessagesJson {
        private static final tools.jackson.databind.json.JsonMapper JSON =
                tools.jackson.databind.json.JsonMapper.builder().build();

        private MessagesJson() {}

        static String input(List<ChatMessage> messages) {
            return JSON.writeValueAsString(messages.stream()
                    .map(m -> java.util.Map.of(
                            "role",
                            m.role().name().toLowerCase(Locale.ROOT),
                            "parts",
                            List.of(java.util.Map.of("type", "text", "content", m.content()))))
                    .toList());
        }

        static String output(String text, io.coerouter.expert.FinishReason finish) {
            return JSON.writeValueAsString(List.of(java.util.Map.of(
                    "role",
                    "assistant",
                    "parts",
                    List.of(java.util.Map.of("type", "text", "content", text)),
                    "finish_reason",
                    finish.openAiName())));
        }
    }
}
