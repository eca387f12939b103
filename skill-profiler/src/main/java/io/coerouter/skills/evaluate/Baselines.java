package io.coerouter.skills.evaluate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The methods routing is compared with: every single expert, k experts at random, and the oracle. */
final class Baselines {

    private Baselines() {}

    /** One row per expert, as if it answered every question alone, in the spec's expert order. */
    static List<EvaluationReport.Row> single(RoutingEvaluation.Spec spec, AnswerSheet sheet) {
        List<EvaluationReport.Row> rows = new ArrayList<>();
        for (int e = 0; e < sheet.experts(); e++) {
            Tally tally = new Tally("single: " + spec.experts().get(e).id(), "single", spec.items());
            for (int q = 0; q < spec.items().size(); q++) {
                tally.add(q, sheet.right(e, q), sheet.latencyMs(e, q), sheet.cost(e, q), 1, null);
            }
            rows.add(tally.row(null, null));
        }
        return rows;
    }

    /** k experts drawn at random (seeded) for each question, merged by the spec's first combiner. */
    static EvaluationReport.Row random(RoutingEvaluation.Spec spec, AnswerSheet sheet) {
        int experts = sheet.experts();
        int k = Math.min(spec.randomK(), experts);
        Random random = new Random(spec.seed());
        RoutingEvaluation.Combiner combiner =
                spec.combiners().values().iterator().next();
        Tally tally = new Tally("random " + k + " of " + experts, "random", spec.items());
        for (int q = 0; q < spec.items().size(); q++) {
            List<Integer> order = new ArrayList<>();
            for (int e = 0; e < experts; e++) {
                order.add(e);
            }
            Collections.shuffle(order, random);
            Panel panel = Panel.of(sheet, q, order.subList(0, k));
            String finalText = panel.combine(combiner, spec.items().get(q));
            boolean ok = finalText != null
                    && RoutingEvaluation.grade(spec, spec.items().get(q), finalText);
            tally.add(q, ok, panel.slowestMs(), panel.spent(), k, null);
        }
        return tally.row(null, null);
    }

    /** Right when any expert is right, answered by the cheapest expert that is. */
    static EvaluationReport.Row oracle(RoutingEvaluation.Spec spec, AnswerSheet sheet) {
        Tally tally = new Tally("oracle (best expert per question)", "oracle", spec.items());
        for (int q = 0; q < spec.items().size(); q++) {
            int best = -1;
            for (int e = 0; e < sheet.experts(); e++) {
                if (sheet.right(e, q) && (best < 0 || sheet.cost(e, q).compareTo(sheet.cost(best, q)) < 0)) {
                    best = e;
                }
            }
            tally.add(
                    q,
                    best >= 0,
                    best >= 0 ? sheet.latencyMs(best, q) : 0,
                    best >= 0 ? sheet.cost(best, q) : BigDecimal.ZERO,
                    1,
                    null);
        }
        return tally.row(null, null);
    }
}
