package io.coerouter.skills.evaluate;

import io.coerouter.skills.profile.EvalItem;
import io.coerouter.skills.recruit.Recruiter;
import io.coerouter.skills.recruit.Recruitment;
import io.coerouter.skills.recruit.RoutingQuery;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Scores one router: it routes every question once, then each combiner merges the recruited experts' answers. */
final class RoutedScoring {

    /**
     * One question's routing.
     *
     * @param decision the router's decision, or null when routing failed
     * @param millis how long routing took
     */
    private record Route(Recruitment decision, double millis) {}

    private RoutedScoring() {}

    /** The router's rows, one per combiner, in the spec's combiner order. */
    static List<EvaluationReport.Row> rows(
            RoutingEvaluation.Spec spec, AnswerSheet sheet, String routerName, Recruiter router) {
        List<Route> routes = route(router, spec.items());
        double[] routingMs = routes.stream().mapToDouble(Route::millis).toArray();
        List<EvaluationReport.Row> rows = new ArrayList<>();
        for (Map.Entry<String, RoutingEvaluation.Combiner> combiner :
                spec.combiners().entrySet()) {
            String name = "routed: " + routerName + (spec.combiners().size() == 1 ? "" : " + " + combiner.getKey());
            Tally tally = new Tally(name, "routed", spec.items());
            for (int q = 0; q < routes.size(); q++) {
                score(spec, sheet, q, routes.get(q), combiner.getValue(), tally);
            }
            rows.add(tally.row(
                    RoutingEvaluation.percentile(routingMs, 50), RoutingEvaluation.percentile(routingMs, 99)));
        }
        return rows;
    }

    private static List<Route> route(Recruiter router, List<EvalItem> items) {
        List<Route> routes = new ArrayList<>();
        for (EvalItem item : items) {
            long start = System.nanoTime();
            Recruitment decision;
            try {
                decision = router.recruit(RoutingQuery.of(item.question()));
            } catch (RuntimeException e) {
                decision = null; // a routing failure is a wrong answer for this method, counted, not fatal
            }
            routes.add(new Route(decision, (System.nanoTime() - start) / 1e6));
        }
        return routes;
    }

    /** Adds question {@code q} as routed by {@code route} and merged by {@code combiner}. */
    private static void score(
            RoutingEvaluation.Spec spec,
            AnswerSheet sheet,
            int q,
            Route route,
            RoutingEvaluation.Combiner combiner,
            Tally tally) {
        Recruitment r = route.decision();
        if (r == null) {
            tally.routingFailed();
            tally.add(q, false, route.millis(), BigDecimal.ZERO, 0, null);
            return;
        }
        EvalItem item = spec.items().get(q);
        Panel panel = Panel.recruited(sheet, q, r.experts());
        String finalText = panel.combine(combiner, item);
        boolean ok = finalText != null && RoutingEvaluation.grade(spec, item, finalText);
        String label = item.skills().isEmpty() ? null : item.skills().getFirst();
        Boolean skillRight = label == null || r.skills().isEmpty()
                ? null
                : r.skills().getFirst().skill().equals(label);
        tally.add(
                q,
                ok,
                panel.slowestMs() + route.millis(),
                panel.spent(),
                r.experts().size(),
                skillRight);
    }
}
