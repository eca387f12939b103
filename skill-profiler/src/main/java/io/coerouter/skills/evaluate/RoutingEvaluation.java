package io.coerouter.skills.evaluate;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.skills.profile.EvalItem;
import io.coerouter.skills.profile.Grader;
import io.coerouter.skills.profile.Questions;
import io.coerouter.skills.recruit.Recruit;
import io.coerouter.skills.recruit.Recruiter;
import io.coerouter.skills.recruit.Recruitment;
import io.coerouter.skills.recruit.RoutingQuery;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
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
        List<EvalItem> items = spec.items();
        int n = items.size();
        Map<String, Integer> index = new LinkedHashMap<>();
        String[][] texts = new String[spec.experts().size()][n];
        boolean[][] right = new boolean[spec.experts().size()][n];
        double[][] latency = new double[spec.experts().size()][n];
        BigDecimal[][] cost = new BigDecimal[spec.experts().size()][n];
        for (int e = 0; e < spec.experts().size(); e++) {
            Expert expert = spec.experts().get(e);
            index.put(expert.id(), e);
            for (int from = 0; from < n; from += spec.batchSize()) {
                if (cancelled.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("the evaluation was cancelled");
                }
                List<EvalItem> chunk = items.subList(from, Math.min(n, from + spec.batchSize()));
                List<ExpertOutcome> outcomes = Questions.ask(expert, chunk, spec.maxTokens());
                for (int i = 0; i < chunk.size(); i++) {
                    int q = from + i;
                    ExpertOutcome o = outcomes.get(i);
                    cost[e][q] = BigDecimal.ZERO;
                    if (o.succeeded()) {
                        texts[e][q] = o.response().text();
                        right[e][q] = grade(spec, items.get(q), texts[e][q]);
                        // A batch's wall time is shared by its questions.
                        latency[e][q] = o.response().latency().toNanos() / 1e6 / chunk.size();
                        cost[e][q] = o.response().cost();
                    }
                }
            }
        }

        List<EvaluationReport.Row> rows = new ArrayList<>();
        for (Map.Entry<String, Recruiter> router : spec.routers().entrySet()) {
            // Route every question once; then score the decisions with each combiner.
            Recruitment[] decisions = new Recruitment[n];
            double[] routingMs = new double[n];
            for (int q = 0; q < n; q++) {
                long start = System.nanoTime();
                try {
                    decisions[q] = router.getValue()
                            .recruit(RoutingQuery.of(items.get(q).question()));
                } catch (RuntimeException e) {
                    decisions[q] = null; // a routing failure is a wrong answer for this method, counted, not fatal
                }
                routingMs[q] = (System.nanoTime() - start) / 1e6;
            }
            for (Map.Entry<String, Combiner> combiner : spec.combiners().entrySet()) {
                String name =
                        "routed: " + router.getKey() + (spec.combiners().size() == 1 ? "" : " + " + combiner.getKey());
                Tally tally = new Tally(name, "routed", items);
                for (int q = 0; q < n; q++) {
                    Recruitment r = decisions[q];
                    if (r == null) {
                        tally.routingFailed();
                        tally.add(q, false, routingMs[q], BigDecimal.ZERO, 0, null);
                        continue;
                    }
                    List<Answer> answers = new ArrayList<>();
                    double slowest = 0;
                    BigDecimal spent = BigDecimal.ZERO;
                    for (Recruit recruit : r.experts()) {
                        Integer e = index.get(recruit.expertId());
                        if (e == null) {
                            answers.add(new Answer(recruit.expertId(), recruit.score(), null));
                            continue;
                        }
                        answers.add(new Answer(recruit.expertId(), recruit.score(), texts[e][q]));
                        slowest = Math.max(slowest, latency[e][q]);
                        spent = spent.add(cost[e][q]);
                    }
                    String finalText = combiner.getValue().combine(items.get(q), answers);
                    boolean ok = finalText != null && grade(spec, items.get(q), finalText);
                    String label = items.get(q).skills().isEmpty()
                            ? null
                            : items.get(q).skills().getFirst();
                    Boolean skillRight = label == null || r.skills().isEmpty()
                            ? null
                            : r.skills().getFirst().skill().equals(label);
                    tally.add(q, ok, slowest + routingMs[q], spent, r.experts().size(), skillRight);
                }
                rows.add(tally.row(percentile(routingMs, 50), percentile(routingMs, 99)));
            }
        }
        for (int e = 0; e < spec.experts().size(); e++) {
            Tally tally = new Tally("single: " + spec.experts().get(e).id(), "single", items);
            for (int q = 0; q < n; q++) {
                tally.add(q, right[e][q], latency[e][q], cost[e][q], 1, null);
            }
            rows.add(tally.row(null, null));
        }
        int k = Math.min(spec.randomK(), spec.experts().size());
        Random random = new Random(spec.seed());
        Tally randomTally = new Tally("random " + k + " of " + spec.experts().size(), "random", items);
        for (int q = 0; q < n; q++) {
            List<Integer> order = new ArrayList<>();
            for (int e = 0; e < spec.experts().size(); e++) {
                order.add(e);
            }
            Collections.shuffle(order, random);
            List<Answer> answers = new ArrayList<>();
            double slowest = 0;
            BigDecimal spent = BigDecimal.ZERO;
            for (int e : order.subList(0, k)) {
                answers.add(new Answer(spec.experts().get(e).id(), 1.0, texts[e][q]));
                slowest = Math.max(slowest, latency[e][q]);
                spent = spent.add(cost[e][q]);
            }
            String finalText = spec.combiners().values().iterator().next().combine(items.get(q), answers);
            randomTally.add(q, finalText != null && grade(spec, items.get(q), finalText), slowest, spent, k, null);
        }
        rows.add(randomTally.row(null, null));
        Tally oracle = new Tally("oracle (best expert per question)", "oracle", items);
        for (int q = 0; q < n; q++) {
            int best = -1;
            for (int e = 0; e < spec.experts().size(); e++) {
                if (right[e][q] && (best < 0 || cost[e][q].compareTo(cost[best][q]) < 0)) {
                    best = e;
                }
            }
            oracle.add(
                    q,
                    best >= 0,
                    best >= 0 ? latency[best][q] : 0,
                    best >= 0 ? cost[best][q] : BigDecimal.ZERO,
                    1,
                    null);
        }
        rows.add(oracle.row(null, null));
        return new EvaluationReport(n, spec.experts().stream().map(Expert::id).toList(), rows);
    }

    private static boolean grade(Spec spec, EvalItem item, String text) {
        Grader grader = item.grader() == null ? spec.defaultGrader() : Grader.named(item.grader(), spec.judge());
        return grader.grade(item, text);
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int at = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, at))];
    }

    /** Counts of one method. */
    private static final class Tally {
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
                    cost.divide(BigDecimal.valueOf(n), java.math.MathContext.DECIMAL64),
                    skillChecked == 0 ? null : (double) skillRight / skillChecked,
                    routingP50,
                    routingP99,
                    routingFailures);
        }
    }
}
