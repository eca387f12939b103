package io.coerouter.skills.evaluate;

import io.coerouter.expert.Expert;
import io.coerouter.skills.profile.EvalItem;
import io.coerouter.skills.profile.Grader;
import io.coerouter.skills.recruit.Recruiter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Scores routing on a labelled set. Every expert answers every question once (temperature 0, batched by expert, so a
 * local model loads once); then each method is scored from those answers: each router (it recruits, the combiner
 * merges the recruited experts' answers), every single expert, k experts chosen at random, and the oracle (right
 * when any expert is right).
 */
public final class RoutingEvaluation {

    /** Merges the answers of the recruited experts into one, as the gateway's aggregator does. */
    @FunctionalInterface
    public interface Combiner {
        /** The final answer to {@code item}; {@code answers} hold null text for experts whose call failed. */
        String combine(EvalItem item, List<Answer> answers);
    }

    /** One recruited expert's answer to a question. */
    public record Answer(String expertId, double score, String text) {}

    /**
     * What to evaluate.
     *
     * @param experts the experts (every one answers every question)
     * @param items the labelled questions (the test split)
     * @param routers routers by name, e.g. {@code symbolic-moe}
     * @param combiners aggregations of several answers by name; each router is scored with each (the first also
     *     merges the random baseline)
     * @param defaultGrader the grader for items that name none
     * @param judge the judge expert, or null
     * @param batchSize questions per batch call
     * @param maxTokens the answer length limit
     * @param randomK k of the random baseline
     * @param seed the random baseline's seed
     */
    public record Spec(
            List<Expert> experts,
            List<EvalItem> items,
            Map<String, Recruiter> routers,
            Map<String, Combiner> combiners,
            Grader defaultGrader,
            Expert judge,
            int batchSize,
            int maxTokens,
            int randomK,
            long seed) {

        public Spec {
            if (experts == null || experts.isEmpty()) {
                throw new IllegalArgumentException("experts must not be empty");
            }
            if (items == null || items.isEmpty()) {
                throw new IllegalArgumentException("items must not be empty");
            }
            if (combiners == null || combiners.isEmpty()) {
                throw new IllegalArgumentException("combiners must not be empty");
            }
            combiners = Collections.unmodifiableMap(new LinkedHashMap<>(combiners));
            Objects.requireNonNull(defaultGrader, "defaultGrader must not be null");
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batchSize must be > 0, but was " + batchSize);
            }
            if (randomK <= 0) {
                throw new IllegalArgumentException("randomK must be > 0, but was " + randomK);
            }
            experts = List.copyOf(experts);
            items = List.copyOf(items);
            routers = routers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(routers));
        }
    }

    private RoutingEvaluation() {}

    /** Runs the evaluation; {@code cancelled} is checked between batches. */
    public static EvaluationReport run(Spec spec, BooleanSupplier cancelled) {
        AnswerSheet sheet = AnswerSheet.collect(spec, cancelled);
        List<EvaluationReport.Row> rows = new ArrayList<>();
        spec.routers().forEach((name, router) -> rows.addAll(RoutedScoring.rows(spec, sheet, name, router)));
        rows.addAll(Baselines.single(spec, sheet));
        rows.add(Baselines.random(spec, sheet));
        rows.add(Baselines.oracle(spec, sheet));
        return new EvaluationReport(
                spec.items().size(), spec.experts().stream().map(Expert::id).toList(), rows);
    }

    /** Grades {@code text} as an answer to {@code item}, by the item's grader or else the spec's default. */
    static boolean grade(Spec spec, EvalItem item, String text) {
        Grader grader = item.grader() == null ? spec.defaultGrader() : Grader.named(item.grader(), spec.judge());
        return grader.grade(item, text);
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int at = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, at))];
    }
}
