package io.coerouter.skills.evaluate;

import io.coerouter.skills.profile.EvalItem;
import io.coerouter.skills.recruit.Recruit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The answers of the experts chosen for one question, for a combiner to merge.
 *
 * @param answers the chosen experts' answers, in the order chosen
 * @param slowestMs the slowest answer's latency (the experts answer in parallel)
 * @param spent what the answers cost together
 */
record Panel(List<RoutingEvaluation.Answer> answers, double slowestMs, BigDecimal spent) {

    Panel {
        answers = List.copyOf(answers);
    }

    /** The recruits' answers to question {@code q}; an expert that did not answer has null text, no time, no cost. */
    static Panel recruited(AnswerSheet sheet, int q, List<Recruit> recruits) {
        List<RoutingEvaluation.Answer> answers = new ArrayList<>();
        double slowest = 0;
        BigDecimal spent = BigDecimal.ZERO;
        for (Recruit recruit : recruits) {
            Integer e = sheet.indexOf(recruit.expertId());
            if (e == null) {
                answers.add(new RoutingEvaluation.Answer(recruit.expertId(), recruit.score(), null));
                continue;
            }
            answers.add(new RoutingEvaluation.Answer(recruit.expertId(), recruit.score(), sheet.text(e, q)));
            slowest = Math.max(slowest, sheet.latencyMs(e, q));
            spent = spent.add(sheet.cost(e, q));
        }
        return new Panel(answers, slowest, spent);
    }

    /** {@code combiner}'s final answer to {@code item} from these answers, handed over in a mutable list of its own. */
    String combine(RoutingEvaluation.Combiner combiner, EvalItem item) {
        return combiner.combine(item, new ArrayList<>(answers));
    }

    /** Experts {@code chosen}'s answers to question {@code q}, each with score 1. */
    static Panel of(AnswerSheet sheet, int q, List<Integer> chosen) {
        List<RoutingEvaluation.Answer> answers = new ArrayList<>();
        double slowest = 0;
        BigDecimal spent = BigDecimal.ZERO;
        for (int e : chosen) {
            answers.add(new RoutingEvaluation.Answer(sheet.expertId(e), 1.0, sheet.text(e, q)));
            slowest = Math.max(slowest, sheet.latencyMs(e, q));
            spent = spent.add(sheet.cost(e, q));
        }
        return new Panel(answers, slowest, spent);
    }
}
