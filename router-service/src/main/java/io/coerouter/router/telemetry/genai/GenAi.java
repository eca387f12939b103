package io.coerouter.router.telemetry.genai;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;
import java.util.Locale;

/**
 * The names of the OpenTelemetry GenAI semantic conventions this router emits, and its own, in one place. The GenAI
 * conventions are marked Development; these follow <b>semantic conventions v1.41.0</b> ({@link #SEMCONV_VERSION}),
 * whose attribute {@code gen_ai.provider.name} replaced {@code gen_ai.system} (v1.37.0).
 */
public final class GenAi {

    /** The version of the semantic conventions followed, recorded as the tracer's schema version. */
    public static final String SEMCONV_VERSION = "1.41.0";

    /** The instrumentation scope of every span and meter. */
    public static final String SCOPE = "io.coerouter.router";

    // Attributes of the GenAI conventions.
    public static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
    public static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
    public static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    public static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    public static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    public static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    public static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    public static final AttributeKey<List<String>> FINISH_REASONS =
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    public static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
    public static final AttributeKey<Double> TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
    public static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    public static final AttributeKey<Long> SEED = AttributeKey.longKey("gen_ai.request.seed");
    /** The request's messages as JSON: only when content capture is on. */
    public static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    /** The answer as JSON: only when content capture is on. */
    public static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");

    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    public static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    public static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

    /** {@code error.type} of an error that is not one of the domain's kinds (the conventions' fallback value). */
    public static final String OTHER_ERROR = "_OTHER";

    /** The token types of {@link #METRIC_CLIENT_TOKENS}. */
    public static final String INPUT = "input";

    public static final String OUTPUT = "output";

    /** The MDC keys of the current trace and span in log lines. */
    public static final String MDC_TRACE_ID = "trace_id";

    public static final String MDC_SPAN_ID = "span_id";

    /** The operation every span and metric here describes. */
    public static final String CHAT = "chat";

    // The router's own attributes.
    public static final AttributeKey<String> COE_ROUTE = AttributeKey.stringKey("coe.route");
    public static final AttributeKey<List<String>> COE_SKILLS = AttributeKey.stringArrayKey("coe.skills");
    public static final AttributeKey<List<String>> COE_EXPERTS = AttributeKey.stringArrayKey("coe.experts");
    public static final AttributeKey<String> COE_EXPERT = AttributeKey.stringKey("coe.expert");
    public static final AttributeKey<Double> COE_EXPERT_SCORE = AttributeKey.doubleKey("coe.expert.score");
    public static final AttributeKey<String> COE_AGGREGATOR = AttributeKey.stringKey("coe.aggregator");
    public static final AttributeKey<Double> COE_COST_USD = AttributeKey.doubleKey("coe.cost_usd");
    /** How the response cache took part: {@code hit}, {@code miss} or {@code bypass} (absent when it is off). */
    public static final AttributeKey<String> COE_CACHE = AttributeKey.stringKey("coe.cache");
    /** A hit's similarity to the cached question, or a miss's closest one's. */
    public static final AttributeKey<Double> COE_CACHE_SIMILARITY = AttributeKey.doubleKey("coe.cache.similarity");

    public static final AttributeKey<String> COE_WORKER = AttributeKey.stringKey("coe.worker");
    public static final AttributeKey<Long> COE_BATCH_SIZE = AttributeKey.longKey("coe.batch_size");
    public static final AttributeKey<String> COE_KEY = AttributeKey.stringKey("coe.key");
    public static final AttributeKey<String> COE_CLASSIFICATION = AttributeKey.stringKey("coe.classification");
    public static final AttributeKey<Double> COE_CONFIDENCE = AttributeKey.doubleKey("coe.confidence");
    public static final AttributeKey<String> COE_METHOD = AttributeKey.stringKey("coe.method");
    public static final AttributeKey<String> COE_MODEL_TIER = AttributeKey.stringKey("coe.model.from_tier");
    public static final AttributeKey<Boolean> COE_STREAM = AttributeKey.booleanKey("coe.stream");

    // Span names besides "chat {model}".
    public static final String SPAN_CLASSIFY = "coe.classify";
    public static final String SPAN_RECRUIT = "coe.recruit";
    public static final String SPAN_QUEUE = "coe.queue_wait";
    public static final String SPAN_LOAD = "coe.model_load";
    public static final String SPAN_AGGREGATE = "coe.aggregate";

    // Metrics of the GenAI conventions (Micrometer names; Prometheus adds the unit and _total).
    public static final String METRIC_CLIENT_DURATION = "gen_ai.client.operation.duration";
    public static final String METRIC_CLIENT_TOKENS = "gen_ai.client.token.usage";
    public static final String METRIC_CLIENT_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";
    public static final String METRIC_CLIENT_PER_CHUNK = "gen_ai.client.operation.time_per_output_chunk";
    public static final String METRIC_SERVER_DURATION = "gen_ai.server.request.duration";
    public static final String METRIC_SERVER_FIRST_TOKEN = "gen_ai.server.time_to_first_token";
    public static final String METRIC_SERVER_PER_TOKEN = "gen_ai.server.time_per_output_token";
    /** The token type of {@link #METRIC_CLIENT_TOKENS}: {@code input} or {@code output}. */
    public static final String TOKEN_TYPE = "gen_ai.token.type";

    /** Bucket boundaries in seconds the conventions advise for durations. */
    static final double[] DURATION_BUCKETS = {
        0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92
    };
    /** Bucket boundaries the conventions advise for per-token and first-token times. */
    static final double[] TOKEN_TIME_BUCKETS = {
        0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0
    };
    /** Bucket boundaries the conventions advise for token counts. */
    static final double[] TOKEN_BUCKETS = {
        1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864
    };

    private GenAi() {}

    /**
     * {@code gen_ai.provider.name} for an expert adapter: the conventions' well-known value where there is one, else
     * the adapter's name ({@code djl}: a model run in this process).
     */
    public static String providerName(String adapter) {
        String a = adapter == null ? "" : adapter.toLowerCase(Locale.ROOT);
        return switch (a) {
            case "openai" -> "openai";
            case "azure-openai" -> "azure.ai.openai";
            case "anthropic" -> "anthropic";
            case "gemini" -> "gcp.gemini";
            default -> a.isEmpty() ? "_OTHER" : a;
        };
    }
}
