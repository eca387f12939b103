package io.coerouter.router.telemetry.genai;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;

/**
 * The GenAI conventions' metrics in Micrometer: client metrics per expert call (the router is the experts' client),
 * server metrics per request (the router is its callers' GenAI server). Buckets as the conventions advise; a sample
 * recorded while a span is current carries it as an exemplar.
 */
final class GenAiMetrics {

    private static final Duration[] DURATIONS = seconds(GenAi.DURATION_BUCKETS);
    private static final Duration[] TOKEN_TIMES = seconds(GenAi.TOKEN_TIME_BUCKETS);

    private final MeterRegistry meters;

    private GenAiMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    static GenAiMetrics of(MeterRegistry meters) {
        return new GenAiMetrics(meters);
    }

    /** One expert call took {@code nanos}; {@code tags} include {@code error.type} ("" when it answered). */
    void clientDuration(Tags tags, long nanos) {
        timer(GenAi.METRIC_CLIENT_DURATION, "GenAI operation duration: one expert call", DURATIONS, tags)
                .record(Duration.ofNanos(nanos));
    }

    /** An answered call's tokens of {@code type} ({@code input} or {@code output}). */
    void clientTokens(Tags tags, String type, long tokens) {
        DistributionSummary.builder(GenAi.METRIC_CLIENT_TOKENS)
                .description("Input and output tokens of each expert call")
                .baseUnit("tokens")
                .serviceLevelObjectives(GenAi.TOKEN_BUCKETS)
                .tags(tags.and(GenAi.TOKEN_TYPE, type))
                .register(meters)
                .record(tokens);
    }

    /** A streamed call's first chunk came {@code nanos} after it was sent. */
    void clientFirstChunk(Tags tags, long nanos) {
        timer(GenAi.METRIC_CLIENT_FIRST_CHUNK, "Time to the first chunk of a streamed expert call", TOKEN_TIMES, tags)
                .record(Duration.ofNanos(nanos));
    }

    /** A streamed call's chunk after the first came {@code nanos} after the one before. */
    void clientPerChunk(Tags tags, long nanos) {
        timer(GenAi.METRIC_CLIENT_PER_CHUNK, "Time per output chunk of a streamed expert call", TOKEN_TIMES, tags)
                .record(Duration.ofNanos(nanos));
    }

    /** The router answered (or failed) a request in {@code nanos}. */
    void serverDuration(Tags tags, long nanos) {
        timer(GenAi.METRIC_SERVER_DURATION, "GenAI server request duration: one chat request", DURATIONS, tags)
                .record(Duration.ofNanos(nanos));
    }

    /** A streamed answer's first token reached the client {@code nanos} after the request began. */
    void serverFirstToken(Tags tags, long nanos) {
        timer(GenAi.METRIC_SERVER_FIRST_TOKEN, "Time to the first token of a streamed answer", TOKEN_TIMES, tags)
                .record(Duration.ofNanos(nanos));
    }

    /** A streamed answer's mean time per output token after the first. */
    void serverPerToken(Tags tags, long nanos) {
        timer(GenAi.METRIC_SERVER_PER_TOKEN, "Time per output token of a streamed answer", TOKEN_TIMES, tags)
                .record(Duration.ofNanos(nanos));
    }

    private Timer timer(String name, String description, Duration[] buckets, Tags tags) {
        return Timer.builder(name)
                .description(description)
                .serviceLevelObjectives(buckets)
                .tags(tags)
                .register(meters);
    }

    private static Duration[] seconds(double[] bounds) {
        return Arrays.stream(bounds)
                .mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9)))
                .toArray(Duration[]::new);
    }
}
