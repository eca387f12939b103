package io.coerouter.router.usage.web;

import java.util.List;

/**
 * {@code GET /admin/usage?format=csv}: RFC 4180 lines, every cell that a spreadsheet would read as a formula (starting
 * with {@code = + - @}, a tab or a carriage return) prefixed with a quote.
 */
final class UsageCsv {

    static final String HEADER = "bucket,group,requests,errors,input_tokens,output_tokens,cost_usd,latency_p50_ms,"
            + "latency_p95_ms,latency_p99_ms,cache_hits,cache_hit_rate,cache_saved_usd";

    private UsageCsv() {}

    static String of(List<UsageReport.Entry> entries) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (UsageReport.Entry e : entries) {
            csv.append(cell(e.bucket()))
                    .append(',')
                    .append(cell(e.group()))
                    .append(',')
                    .append(e.requests())
                    .append(',')
                    .append(e.errors())
                    .append(',')
                    .append(e.inputTokens())
                    .append(',')
                    .append(e.outputTokens())
                    .append(',')
                    .append(e.costUsd().toPlainString())
                    .append(',')
                    .append(number(e.latencyMs().p50()))
                    .append(',')
                    .append(number(e.latencyMs().p95()))
                    .append(',')
                    .append(number(e.latencyMs().p99()))
                    .append(',')
                    .append(e.cacheHits())
                    .append(',')
                    .append(e.cacheHitRate())
                    .append(',')
                    .append(e.cacheSavedUsd().toPlainString())
                    .append("\r\n");
        }
        return csv.toString();
    }

    /** A text cell: neutralised against formula injection, then quoted when it holds a comma, quote or line break. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = value;
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            safe = "'" + value;
        }
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            safe = "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static String number(Double value) {
        return value == null ? "" : Double.toString(value);
    }
}
