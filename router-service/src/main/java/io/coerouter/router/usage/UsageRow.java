package io.coerouter.router.usage;

import io.coerouter.router.telemetry.LatencyHistogram;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One group's usage in one time bucket: requests (for {@code group_by=expert}, calls), errors, tokens, cost and the
 * latencies' histogram.
 *
 * @param bucket the bucket's start; null for {@code bucket=none}
 */
public record UsageRow(
        Instant bucket,
        String group,
        long requests,
        long errors,
        long inputTokens,
        long outputTokens,
        BigDecimal costUsd,
        LatencyHistogram latency) {}
