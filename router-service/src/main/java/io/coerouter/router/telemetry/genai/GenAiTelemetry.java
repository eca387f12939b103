package io.coerouter.router.telemetry.genai;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.skills.classify.SkillClassifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The router's OpenTelemetry traces and GenAI metrics: its own SDK (never the global one, so several routers share a
 * JVM in tests), exporting over OTLP/HTTP when {@code coe.tracing.enabled}; the metrics are recorded either way. Hands
 * out the request span ({@link #startRequest}), stage spans ({@link #startStage}) and expert-call observations
 * ({@link #startCall}).
 */
public final class GenAiTelemetry implements AutoCloseable {

    private static final TextMapGetter<UnaryOperator<String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(UnaryOperator<String> carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(UnaryOperator<String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;
    private final boolean captureContent;
    private final GenAiMetrics metrics;

    private GenAiTelemetry(OpenTelemetrySdk sdk, Tracer tracer, boolean captureContent, GenAiMetrics metrics) {
        this.sdk = sdk;
        this.tracer = tracer;
        this.captureContent = captureContent;
        this.metrics = metrics;
    }

    /** Traces as {@code settings} say (none when off), GenAI metrics into {@code meters}. */
    public static GenAiTelemetry of(TracingConfig settings, MeterRegistry meters) {
        GenAiMetrics metrics = GenAiMetrics.of(meters);
        if (!settings.enabled()) {
            return new GenAiTelemetry(null, TracerProvider.noop().get(GenAi.SCOPE), false, metrics);
        }
        OtlpHttpSpanExporterBuilder exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(settings.endpoint().toString())
                .setTimeout(settings.exportTimeout().toMillis(), TimeUnit.MILLISECONDS);
        settings.headers().forEach(exporter::addHeader);
        return traced(
                settings,
                metrics,
                BatchSpanProcessor.builder(exporter.build())
                        .setScheduleDelay(200, TimeUnit.MILLISECONDS)
                        .build());
    }

    /** Traces handed to {@code exporter} as each span ends (tests). */
    static GenAiTelemetry withExporter(TracingConfig settings, MeterRegistry meters, SpanExporter exporter) {
        return traced(settings, GenAiMetrics.of(meters), SimpleSpanProcessor.create(exporter));
    }

    private static GenAiTelemetry traced(TracingConfig settings, GenAiMetrics metrics, SpanProcessor processor) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(
                                io.opentelemetry.api.common.AttributeKey.stringKey("service.name"),
                                settings.serviceName()))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(settings.samplingRatio())))
                .addSpanProcessor(processor)
                .build();
        OpenTelemetrySdk sdk =
                OpenTelemetrySdk.builder().setTracerProvider(provider).build();
        Tracer tracer = sdk.getTracerProvider()
                .tracerBuilder(GenAi.SCOPE)
                .setSchemaUrl("https://opentelemetry.io/schemas/" + GenAi.SEMCONV_VERSION)
                .build();
        return new GenAiTelemetry(sdk, tracer, settings.captureContent(), metrics);
    }

    /** No traces, and metrics nobody reads: for routers built without Spring (tests, benchmarks). */
    public static GenAiTelemetry off() {
        return of(TracingConfig.off(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /** Whether spans are recorded. */
    public boolean tracing() {
        return sdk != null;
    }

    /** Whether prompts and answers go into spans. */
    boolean captureContent() {
        return captureContent;
    }

    Tracer tracer() {
        return tracer;
    }

    GenAiMetrics metrics() {
        return metrics;
    }

    /**
     * Starts the span of one chat request for {@code model}, a child of the client's {@code traceparent} (read through
     * {@code headers}) when it sent one, and makes it current on this thread until the handle closes.
     */
    public RequestSpan startRequest(String model, boolean stream, String keyId, UnaryOperator<String> headers) {
        Context parent = tracing()
                ? W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS)
                : Context.root();
        Span span = tracer.spanBuilder(GenAi.CHAT + " " + model)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(GenAi.OPERATION_NAME, GenAi.CHAT)
                .setAttribute(GenAi.REQUEST_MODEL, model)
                .setAttribute(GenAi.COE_STREAM, stream)
                .startSpan();
        if (keyId != null) {
            span.setAttribute(GenAi.COE_KEY, keyId);
        }
        return new RequestSpan(this, span, model);
    }

    /**
     * A span for one stage of the current request ({@link GenAi#SPAN_CLASSIFY} and the like); end it when done. Outside
     * a traced request (a Batch API line, the playground, {@code /v1/route}) it is the invalid span: no orphan traces.
     */
    public Span startStage(String name) {
        if (!inRequest()) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder(name).setSpanKind(SpanKind.INTERNAL).startSpan();
    }

    /** Whether a traced request's span (or one of its children) is current on this thread. */
    boolean inRequest() {
        return tracing() && Span.current().getSpanContext().isValid();
    }

    /**
     * Runs {@code work} as the stage {@code name} of the current request: a span around it (current while it runs)
     * with the attributes {@code describe} reads off its result, or the error it threw.
     */
    public <T> T inStage(
            String name, java.util.function.Supplier<T> work, java.util.function.Function<T, Attributes> describe) {
        if (!tracing()) {
            return work.get();
        }
        Span span = startStage(name);
        try (io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
            T result = work.get();
            span.setAllAttributes(describe.apply(result));
            return result;
        } catch (RuntimeException | Error e) {
            span.setAttribute(GenAi.ERROR_TYPE, e.getClass().getSimpleName());
            span.setStatus(
                    io.opentelemetry.api.trace.StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * Observes one call of {@code expert} (recruited with {@code score}) as GenAI metrics and, within a traced request,
     * a span labelled with the request's {@code skills} (best first) and {@code aggregator} (null: none).
     */
    public ExpertCallObservation startCall(
            Expert expert, ExpertRequest request, double score, List<String> skills, String aggregator) {
        return ExpertCallObservation.start(this, expert, request, score, skills, aggregator);
    }

    /** {@code classifier}, its every classification a {@link GenAi#SPAN_CLASSIFY} span when tracing. */
    public SkillClassifier traced(SkillClassifier classifier) {
        return tracing() ? TracedClassifier.of(classifier, this) : classifier;
    }

    /**
     * The W3C {@code traceparent} of the current span, for a remote provider's request; empty when nothing is traced.
     * A client's {@code tracestate} is not passed on: it is the client's vendors' data, not the provider's.
     */
    public Map<String, String> outboundHeaders() {
        if (!tracing() || !Span.current().getSpanContext().isValid()) {
            return Map.of();
        }
        Map<String, String> headers = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
        String traceparent = headers.get("traceparent");
        return traceparent == null ? Map.of() : Map.of("traceparent", traceparent);
    }

    /**
     * Records that a request ({@code parent}: its context when it was queued) waited {@code waitedNanos} in {@code
     * expertId}'s queue, until now, before its batch of {@code batchSize} started.
     */
    public void queued(Context parent, String expertId, long waitedNanos, int batchSize) {
        if (!tracing()
                || parent == null
                || !Span.fromContext(parent).getSpanContext().isValid()) {
            return;
        }
        long end = nowEpochNanos();
        tracer.spanBuilder(GenAi.SPAN_QUEUE)
                .setParent(parent)
                .setStartTimestamp(end - Math.max(0, waitedNanos), TimeUnit.NANOSECONDS)
                .setAttribute(GenAi.COE_EXPERT, expertId)
                .setAttribute(GenAi.COE_BATCH_SIZE, (long) batchSize)
                .startSpan()
                .end(end, TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code batch} (one batch of an expert's queued requests, on the scheduler's thread) so that a model load
     * during it becomes a {@link GenAi#SPAN_LOAD} span of each request in it ({@code contexts}).
     */
    public <T> T inBatch(List<Context> contexts, java.util.function.Supplier<T> batch) {
        if (!tracing()) {
            return batch.get();
        }
        List<Context> before = BATCH.get();
        BATCH.set(contexts);
        try {
            return batch.get();
        } finally {
            BATCH.set(before);
        }
    }

    /** Told of every model load: on a batch's thread, each of its requests gets a model-load span. */
    public io.coerouter.expert.PoolListener poolListener() {
        return new io.coerouter.expert.PoolListener() {
            @Override
            public void onLoad(String id, io.coerouter.expert.Tier from, java.time.Duration took, long bytes) {
                List<Context> contexts = BATCH.get();
                if (contexts == null) {
                    return;
                }
                long end = nowEpochNanos();
                for (Context parent : contexts) {
                    span(parent, GenAi.SPAN_LOAD, end - took.toNanos())
                            .setAttribute(GenAi.COE_EXPERT, id)
                            .setAttribute(GenAi.COE_MODEL_TIER, from.name().toLowerCase(java.util.Locale.ROOT))
                            .startSpan()
                            .end(end, TimeUnit.NANOSECONDS);
                }
            }
        };
    }

    /** A span builder under {@code parent} from {@code start} (epoch nanoseconds). */
    io.opentelemetry.api.trace.SpanBuilder span(Context parent, String name, long start) {
        return tracer.spanBuilder(name).setParent(parent).setStartTimestamp(start, TimeUnit.NANOSECONDS);
    }

    /** Now, in epoch nanoseconds, as the SDK's clock reads it (monotonic within a trace). */
    long nowEpochNanos() {
        return io.opentelemetry.sdk.common.Clock.getDefault().now();
    }

    private static final ThreadLocal<List<Context>> BATCH = new ThreadLocal<>();

    /** The OpenTelemetry instance (for exemplars and tests). */
    public OpenTelemetry openTelemetry() {
        return sdk != null ? sdk : OpenTelemetry.noop();
    }

    /** Exports what is buffered and stops. */
    @Override
    public void close() {
        if (sdk != null) {
            sdk.getSdkTracerProvider().shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}
