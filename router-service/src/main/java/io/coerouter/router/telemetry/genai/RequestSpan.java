package io.coerouter.router.telemetry.genai;

import io.coerouter.expert.TokenListener;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.math.BigDecimal;
import java.util.List;

/**
 * The span of one chat request, current on the request's thread (and in the log's MDC as {@code trace_id} and {@code
 * span_id}) until closed; also times the router's own answer for the GenAI server metrics.
 */
public final class RequestSpan implements AutoCloseable {

    private final GenAiTelemetry telemetry;
    private final Span span;
    private final Scope scope;
    private final String model;
    private final long start = System.nanoTime();
    private volatile long firstToken;
    private volatile long lastToken;
    private volatile long chunks;
    private boolean answered;
    private String errorType = "";
    private boolean known;
    private boolean ended;

    RequestSpan(GenAiTelemetry telemetry, Span span, String model) {
        this.telemetry = telemetry;
        this.span = span;
        this.model = model;
        this.scope = TraceMdc.current(span);
    }

    /** The trace id when this request is traced (sampled), else null. */
    public String traceId() {
        SpanContext context = span.getSpanContext();
        return context.isValid() && context.isSampled() ? context.getTraceId() : null;
    }

    /** {@code tokens}, noting when the first one reaches the client (time to first token). */
    public TokenListener tokens(TokenListener tokens) {
        return TimedTokens.of(tokens, now -> {
            if (firstToken == 0) {
                firstToken = now;
            }
            lastToken = now;
            chunks++; // one thread streams a request's tokens
        });
    }

    /**
     * The request was answered: by {@code experts} (ids, in order), for {@code skills} (best first), merged by {@code
     * aggregator} (null: one expert answered), using {@code inputTokens} and {@code outputTokens} for {@code costUsd}.
     */
    public void answered(
            String route,
            List<String> skills,
            List<String> experts,
            String aggregator,
            long inputTokens,
            long outputTokens,
            BigDecimal costUsd,
            String finishReason) {
        this.known = true;
        this.answered = true;
        span.setAttribute(GenAi.COE_ROUTE, route);
        if (!skills.isEmpty()) {
            span.setAttribute(GenAi.COE_SKILLS, skills);
        }
        span.setAttribute(GenAi.COE_EXPERTS, experts);
        if (aggregator != null) {
            span.setAttribute(GenAi.COE_AGGREGATOR, aggregator);
        }
        span.setAttribute(GenAi.INPUT_TOKENS, inputTokens);
        span.setAttribute(GenAi.OUTPUT_TOKENS, outputTokens);
        if (costUsd != null) {
            span.setAttribute(GenAi.COE_COST_USD, costUsd.doubleValue());
        }
        if (finishReason != null) {
            span.setAttribute(GenAi.FINISH_REASONS, List.of(finishReason));
        }
        span.setAttribute(GenAi.RESPONSE_MODEL, model);
    }

    /** How the response cache took part ({@code hit}, {@code miss}, {@code bypass}) and the similarity, or null. */
    public void cache(String status, Double similarity) {
        span.setAttribute(GenAi.COE_CACHE, status);
        if (similarity != null) {
            span.setAttribute(GenAi.COE_CACHE_SIMILARITY, similarity);
        }
    }

    /**
     * The request failed with an error of {@code type} (the domain's error kind, lower case); {@code modelKnown}: the
     * model it named exists (else the metrics do not take the client's text as a label value).
     */
    public void failed(String type, String message, boolean modelKnown) {
        errorType = type;
        known = modelKnown;
        if (!modelKnown) {
            span.updateName(GenAi.CHAT); // a name no expert has is the client's text: not an operation name
        }
        span.setAttribute(GenAi.ERROR_TYPE, type);
        span.setStatus(StatusCode.ERROR, message == null ? type : message);
    }

    /** Ends the span, restores the thread's context and MDC, and records the server metrics. */
    @Override
    public void close() {
        if (ended) {
            return;
        }
        ended = true;
        long end = System.nanoTime();
        if (!answered && errorType.isEmpty()) {
            failed(GenAi.OTHER_ERROR, "ended without an answer", false); // an error no handler named
        }
        try {
            // A model label only for a model that exists: a client's unknown names must not grow the metrics.
            Tags tags = Tags.of(
                    GenAi.OPERATION_NAME.getKey(), GenAi.CHAT, GenAi.REQUEST_MODEL.getKey(), known ? model : "_OTHER");
            GenAiMetrics metrics = telemetry.metrics();
            metrics.serverDuration(tags.and(GenAi.ERROR_TYPE.getKey(), errorType), end - start);
            if (firstToken != 0 && errorType.isEmpty()) {
                metrics.serverFirstToken(tags, firstToken - start);
                if (chunks > 1) {
                    // Streamed chunks as the client receives them (one token each from a streaming expert).
                    metrics.serverPerToken(tags, (lastToken - firstToken) / (chunks - 1));
                }
            }
            span.end();
        } finally {
            scope.close();
        }
    }
}
