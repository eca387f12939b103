package io.coerouter.skills.evaluate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a {@link RoutingEvaluation}: one row per method, best accuracy wins.
 *
 * @param questions how many questions were asked
 * @param experts the experts evaluated
 * @param rows one per method: each router, each single expert, random k, the oracle
 */
public record EvaluationReport(int questions, List<String> experts, List<Row> rows) {

    /**
     * One method's figures.
     *
     * @param method its name
     * @param kind {@code routed}, {@code single}, {@code random} or {@code oracle}
     * @param correct questions answered right
     * @param total questions asked
     * @param accuracy correct / total
     * @param accuracyBySkill accuracy per labelled skill
     * @param expertsPerQuestion expert calls per question
     * @param meanLatencyMs per question: the slowest recruited expert's (batch-amortised) time, plus routing
     * @param meanCostUsd per question
     * @param skillAccuracy how often the router's top skill was the labelled one (routed rows only)
     * @param routingP50Ms median classification + recruiting time (routed rows only)
     * @param routingP99Ms its 99th percentile (routed rows only)
     * @param routingFailures questions the router could not route (counted wrong)
     */
    public record Row(
            String method,
            String kind,
            int correct,
            int total,
            double accuracy,
            Map<String, Double> accuracyBySkill,
            double expertsPerQuestion,
            double meanLatencyMs,
            BigDecimal meanCostUsd,
            Double skillAccuracy,
            Double routingP50Ms,
            Double routingP99Ms,
            int routingFailures) {}

    /** The row of {@code method}. */
    public Row row(String method) {
        return rows.stream()
                .filter(r -> r.method().equals(method))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row '" + method + "'"));
    }

    /** The best single expert's row. */
    public Row bestSingle() {
        return rows.stream()
                .filter(r -> r.kind().equals("single"))
                .max(java.util.Comparator.comparingDouble(Row::accuracy))
                .orElseThrow();
    }

    /** The report as a Markdown table. */
    public String markdown() {
        List<String> skills = rows.stream()
                .flatMap(r -> r.accuracyBySkill().keySet().stream())
                .distinct()
                .toList();
        StringBuilder out = new StringBuilder();
        out.append("| Method | Accuracy | ");
        skills.forEach(s -> out.append(s).append(" | "));
        out.append(
                "Experts/question | Mean latency ms | Mean cost $ | Skill accuracy | Routing p50/p99 ms |\n|---|---:|");
        skills.forEach(s -> out.append("---:|"));
        out.append("---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            out.append(String.format(
                    Locale.ROOT, "| %s | %.1f%% (%d/%d) | ", r.method(), 100 * r.accuracy(), r.correct(), r.total()));
            skills.forEach(s -> out.append(String.format(
                            Locale.ROOT, "%.0f%%", 100 * r.accuracyBySkill().getOrDefault(s, 0.0)))
                    .append(" | "));
            out.append(String.format(
                    Locale.ROOT,
                    "%.2f | %.2f | %s | %s | %s |\n",
                    r.expertsPerQuestion(),
                    r.meanLatencyMs(),
                    r.meanCostUsd().stripTrailingZeros().toPlainString(),
                    r.skillAccuracy() == null ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * r.skillAccuracy()),
                    r.routingP50Ms() == null
                            ? ""
                            : String.format(Locale.ROOT, "%.2f / %.2f", r.routingP50Ms(), r.routingP99Ms())));
        }
        return out.toString();
    }
}
