package io.coerouter.skills.evaluate;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.skills.profile.EvalItem;
import io.coerouter.skills.profile.Questions;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Every expert's answer to every question, graded, with its latency and cost; experts and questions by their index
 * in the spec. A failed call has no text, is wrong, and took no time and cost nothing.
 */
final class AnswerSheet {

    private final List<String> expertIds;
    private final Map<String, Integer> index;
    private final String[][] texts;
    private final boolean[][] right;
    private final double[][] latency;
    private final BigDecimal[][] cost;

    private AnswerSheet(
            List<String> expertIds,
            Map<String, Integer> index,
            String[][] texts,
            boolean[][] right,
            double[][] latency,
            BigDecimal[][] cost) {
        this.expertIds = expertIds;
        this.index = index;
        this.texts = texts;
        this.right = right;
        this.latency = latency;
        this.cost = cost;
    }

    /**
     * Asks every expert every question, batched by expert, and grades the answers.
     *
     * @throws CancellationException when {@code cancelled} says so before a batch
     */
    static AnswerSheet collect(RoutingEvaluation.Spec spec, BooleanSupplier cancelled) {
        int experts = spec.experts().size();
        int n = spec.items().size();
        AnswerSheet sheet = new AnswerSheet(
                spec.experts().stream().map(Expert::id).toList(),
                new LinkedHashMap<>(),
                new String[experts][n],
                new boolean[experts][n],
                new double[experts][n],
                new BigDecimal[experts][n]);
        for (int e = 0; e < experts; e++) {
            Expert expert = spec.experts().get(e);
            sheet.index.put(expert.id(), e);
            for (int from = 0; from < n; from += spec.batchSize()) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("the evaluation was cancelled");
                }
                sheet.record(spec, e, from, Questions.ask(expert, batch(spec, from), spec.maxTokens()));
            }
        }
        return sheet;
    }

    private static List<EvalItem> batch(RoutingEvaluation.Spec spec, int from) {
        return spec.items().subList(from, Math.min(spec.items().size(), from + spec.batchSize()));
    }

    /** Records expert {@code e}'s outcomes for the batch of questions from {@code from}. */
    private void record(RoutingEvaluation.Spec spec, int e, int from, List<ExpertOutcome> outcomes) {
        int size = batch(spec, from).size();
        for (int i = 0; i < size; i++) {
            int q = from + i;
            ExpertOutcome o = outcomes.get(i);
            cost[e][q] = BigDecimal.ZERO;
            if (o.succeeded()) {
                texts[e][q] = o.response().text();
                right[e][q] = RoutingEvaluation.grade(spec, spec.items().get(q), texts[e][q]);
                // A batch's wall time is shared by its questions.
                latency[e][q] = o.response().latency().toNanos() / 1e6 / size;
                cost[e][q] = o.response().cost();
            }
        }
    }

    /** How many experts answered. */
    int experts() {
        return expertIds.size();
    }

    /** Expert {@code e}'s id. */
    String expertId(int e) {
        return expertIds.get(e);
    }

    /** The index of the expert with {@code expertId} (the last such), or null when no expert has it. */
    Integer indexOf(String expertId) {
        return index.get(expertId);
    }

    /** Expert {@code e}'s answer to question {@code q}, or null when its call failed. */
    String text(int e, int q) {
        return texts[e][q];
    }

    /** Whether expert {@code e} answered question {@code q} right. */
    boolean right(int e, int q) {
        return right[e][q];
    }

    /** Expert {@code e}'s share of its batch's wall time for question {@code q}, in milliseconds. */
    double latencyMs(int e, int q) {
        return latency[e][q];
    }

    /** What expert {@code e}'s answer to question {@code q} cost. */
    BigDecimal cost(int e, int q) {
        return cost[e][q];
    }
}
