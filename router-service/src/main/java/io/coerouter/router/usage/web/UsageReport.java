package io.coerouter.router.usage.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.usage.UsageRow;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /admin/usage}: usage per group and time bucket, or {@code enabled: false} with a message when usage
 * history is off.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UsageReport(
        String object,
        boolean enabled,
        String message,
        @JsonProperty("group_by") String groupBy,
        String bucket,
        String from,
        String to,
        List<Entry> data) {

    static final String OFF = "Usage history is off: set coe.usage.datasource.url.";

    static UsageReport off() {
        return new UsageReport("usage", false, OFF, null, null, null, null, List.of());
    }

    /**
     * One group in one bucket ({@code bucket} absent for {@code bucket=none}); {@code cache_hits} the requests answered
     * from the response cache (none for {@code group_by=expert}: a hit calls no expert), {@code cache_hit_rate} their
     * share of the requests, {@code cache_saved_usd} what their answers cost when they were made.
     */
    @Schema(name = "UsageEntry")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(
            String bucket,
            String group,
            long requests,
            long errors,
            @JsonProperty("input_tokens") long inputTokens,
            @JsonProperty("output_tokens") long outputTokens,
            @JsonProperty("cost_usd") BigDecimal costUsd,
            @JsonProperty("latency_ms") @JsonInclude(JsonInclude.Include.ALWAYS) Latency latencyMs,
            @JsonProperty("cache_hits") long cacheHits,
            @JsonProperty("cache_hit_rate") double cacheHitRate,
            @JsonProperty("cache_saved_usd") BigDecimal cacheSavedUsd) {

        static Entry of(UsageRow row) {
            return new Entry(
                    row.bucket() == null ? null : row.bucket().toString(),
                    row.group(),
                    row.requests(),
                    row.errors(),
                    row.inputTokens(),
                    row.outputTokens(),
                    row.costUsd(),
                    new Latency(
                            row.latency().percentile(0.5),
                            row.latency().percentile(0.95),
                            row.latency().percentile(0.99)),
                    row.cacheHits(),
                    row.cacheHitRate(),
                    row.cacheSavedUsd());
        }
    }

    /** Latency percentiles in milliseconds from the summed histogram buckets; null when no latency was counted. */
    @Schema(name = "UsageLatency")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Latency(Double p50, Double p95, Double p99) {}
}
