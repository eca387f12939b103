package io.coerouter.skills.evaluate;

import io.coerouter.skills.recruit.Recruiter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The accuracy–cost curve of cost–quality routing on a labelled set: each router (a series) at each tradeoff setting,
 * and at none (its behaviour without a tradeoff), against every single expert alone and the oracle. Every expert
 * answers every question once ({@link RoutingEvaluation}); each point is scored from those answers, its cost from
 * what the recruited experts' answers cost.
 *
 * @param questions how many questions were asked
 * @param points the routed points (series by series, the setting without a tradeoff first, then the tradeoffs in the
 *     order given), then one per single expert, then the oracle
 */
public record TradeoffCurve(int questions, List<Point> points) {

    /**
     * One point of the curve.
     *
     * @param series the router's name, or the expert's id for a single expert, or {@code oracle}
     * @param tradeoff the tradeoff setting, or null (no tradeoff, a single expert, the oracle)
     * @param kind {@code routed}, {@code single} or {@code oracle}
     * @param correct questions answered right
     * @param accuracy correct over questions
     * @param totalCostUsd what every answer used cost together
     * @param meanCostUsd per question
     * @param expertsPerQuestion expert calls per question
     */
    public record Point(
            String series,
            Double tradeoff,
            String kind,
            int correct,
            double accuracy,
            BigDecimal totalCostUsd,
            BigDecimal meanCostUsd,
            double expertsPerQuestion) {

        /** The setting as the table shows it: the tradeoff, or {@code none}. */
        public String setting() {
            return tradeoff == null ? "none" : String.format(Locale.ROOT, "%.2f", tradeoff);
        }
    }

    /** One router at one setting. */
    private record Setting(String series, Double tradeoff) {}

    public TradeoffCurve {
        points = List.copyOf(points);
    }

    /**
     * Runs the curve: {@code spec}'s experts answer its items once, each of {@code series} routes every item at every
     * setting of {@code tradeoffs} (and with none), and {@code spec}'s first combiner merges several answers.
     * {@code spec}'s own routers are not run.
     */
    public static TradeoffCurve run(
            RoutingEvaluation.Spec spec,
            Map<String, Recruiter> series,
            List<Double> tradeoffs,
            BooleanSupplier cancelled) {
        Objects.requireNonNull(series, "series must not be null");
        Objects.requireNonNull(tradeoffs, "tradeoffs must not be null");
        if (series.isEmpty()) {
            throw new IllegalArgumentException("series must not be empty");
        }
        List<Double> settings = new ArrayList<>();
        settings.add(null);
        tradeoffs.forEach(t -> {
            if (t == null || !(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("tradeoffs must be in [0, 1], but one was " + t);
            }
            settings.add(t);
        });
        Map<String, Recruiter> routers = new LinkedHashMap<>();
        Map<String, Setting> keys = new LinkedHashMap<>();
        series.forEach((name, router) -> {
            for (Double t : settings) {
                String key = name + " @ " + (t == null ? "none" : t);
                routers.put(key, t == null ? router : query -> router.recruit(query.withTradeoff(t)));
                keys.put(key, new Setting(name, t));
            }
        });
        Map.Entry<String, RoutingEvaluation.Combiner> first =
                spec.combiners().entrySet().iterator().next();
        RoutingEvaluation.Spec curve = new RoutingEvaluation.Spec(
                spec.experts(),
                spec.items(),
                routers,
                Map.of(first.getKey(), first.getValue()),
                spec.defaultGrader(),
                spec.judge(),
                spec.batchSize(),
                spec.maxTokens(),
                spec.randomK(),
                spec.seed());
        EvaluationReport report = RoutingEvaluation.run(curve, cancelled);
        List<Point> points = new ArrayList<>();
        keys.forEach((key, s) -> points.add(point(s.series(), s.tradeoff(), report.row("routed: " + key))));
        report.rows().stream()
                .filter(r -> r.kind().equals("single"))
                .forEach(r -> points.add(point(r.method().substring("single: ".length()), null, r)));
        report.rows().stream()
                .filter(r -> r.kind().equals("oracle"))
                .forEach(r -> points.add(point("oracle", null, r)));
        return new TradeoffCurve(spec.items().size(), points);
    }

    private static Point point(String series, Double tradeoff, EvaluationReport.Row row) {
        BigDecimal mean = row.meanCostUsd();
        return new Point(
                series,
                tradeoff,
                row.kind(),
                row.correct(),
                row.accuracy(),
                mean.multiply(BigDecimal.valueOf(row.total())).stripTrailingZeros(),
                mean,
                row.expertsPerQuestion());
    }

    /** The routed points of {@code series}: without a tradeoff first, then by the settings given. */
    public List<Point> series(String name) {
        return points.stream()
                .filter(p -> p.kind().equals("routed") && p.series().equals(name))
                .toList();
    }

    /** The series' names, in order. */
    public List<String> seriesNames() {
        return points.stream()
                .filter(p -> p.kind().equals("routed"))
                .map(Point::series)
                .distinct()
                .toList();
    }

    /** One point per single expert, in the experts' order. */
    public List<Point> singles() {
        return points.stream().filter(p -> p.kind().equals("single")).toList();
    }

    /** The curve as a Markdown table. */
    public String markdown() {
        StringBuilder out =
                new StringBuilder("| Method | Tradeoff | Accuracy | Total cost $ | Mean cost $ | Experts/question |\n"
                        + "|---|---:|---:|---:|---:|---:|\n");
        for (Point p : points) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.1f%% (%d/%d) | %s | %s | %.2f |%n",
                    p.kind().equals("routed") ? p.series() : p.kind() + ": " + p.series(),
                    p.kind().equals("routed") ? p.setting() : "",
                    100 * p.accuracy(),
                    p.correct(),
                    questions,
                    money(p.totalCostUsd()),
                    money(p.meanCostUsd()),
                    p.expertsPerQuestion()));
        }
        return out.toString();
    }

    private static String money(BigDecimal v) {
        return v.signum() == 0
                ? "0"
                : v.round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
