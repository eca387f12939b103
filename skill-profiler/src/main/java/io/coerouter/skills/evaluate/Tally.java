package io.coerouter.skills.evaluate;

import io.coerouter.skills.profile.EvalItem;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts of one method, question by question, until they become its report row. */
final class Tally {
    private final String name;
    private final String kind;
    private final List<EvalItem> items;
    private int correct;
    private double latencyMs;
    private BigDecimal cost = BigDecimal.ZERO;
    private long calls;
    private int skillChecked;
    private int routingFailures;
    private int skillRight;
    private final Map<String, int[]> perSkill = new LinkedHashMap<>();

    Tally(String name, String kind, List<EvalItem> items) {
        this.name = name;
        this.kind = kind;
        this.items = items;
    }

    void routingFailed() {
        routingFailures++;
    }

    void add(int q, boolean ok, double ms, BigDecimal spent, int experts, Boolean skillOk) {
        if (ok) {
            correct++;
        }
        latencyMs += ms;
        cost = cost.add(spent);
        calls += experts;
        if (skillOk != null) {
            skillChecked++;
            if (skillOk) {
                skillRight++;
            }
        }
        for (String skill : items.get(q).skills()) {
            int[] c = perSkill.computeIfAbsent(skill, s -> new int[2]);
            c[1]++;
            if (ok) {
                c[0]++;
            }
        }
    }

    EvaluationReport.Row row(Double routingP50, Double routingP99) {
        int n = items.size();
        Map<String, Double> bySkill = new LinkedHashMap<>();
        perSkill.forEach((s, c) -> bySkill.put(s, c[1] == 0 ? 0 : (double) c[0] / c[1]));
        return new EvaluationReport.Row(
                name,
                kind,
                correct,
                n,
                (double) correct / n,
                bySkill,
                (double) calls / n,
                latencyMs / n,
                cost.divide(BigDecimal.valueOf(n), MathContext.DECIMAL64),
                skillChecked == 0 ? null : (double) skillRight / skillChecked,
                routingP50,
                routingP99,
                routingFailures);
    }
}
