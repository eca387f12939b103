package io.coerouter.bench;

import io.coerouter.aggregate.Aggregator;
import io.coerouter.embed.minilm.MiniLm;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.LocalModels;
import io.coerouter.expert.ModelPool;
import io.coerouter.expert.PoolConfig;
import io.coerouter.expert.Pricing;
import io.coerouter.router.routing.EvaluationCombiners;
import io.coerouter.skills.classify.EmbeddingClassifierConfig;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.embed.Embedder;
import io.coerouter.skills.evaluate.RoutingEvaluation;
import io.coerouter.skills.evaluate.TradeoffCurve;
import io.coerouter.skills.profile.EvalItem;
import io.coerouter.skills.profile.EvalSet;
import io.coerouter.skills.profile.Grader;
import io.coerouter.skills.profile.ProfileJson;
import io.coerouter.skills.profile.ProfileSet;
import io.coerouter.skills.recruit.RecruitConfig;
import io.coerouter.skills.recruit.Recruiter;
import io.coerouter.skills.recruit.RoutingMethod;
import io.coerouter.skills.recruit.TradeoffRule;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The accuracy–cost curve of cost–quality routing on the demo pack: the shipped profiles ({@code profiles.json}, built
 * on the {@code profile} split), the {@code test} split, each method and rule at tradeoffs 0, 0.25, 0.5, 0.75 and 1
 * (and without one), against every single expert alone and the oracle; a margin sensitivity table; a PNG chart.
 *
 * <p>The demo experts are local and free; the benchmark gives them per-1k-token prices so the curve means something.
 * The pack's generalist is its weakest model, so it is priced as the small cheap model and the specialists as larger,
 * dearer ones: pricing the generalist high would make the specialists both cheaper and better, and every setting
 * would pick them.
 *
 * <p>Options: {@code --chart=FILE} (default {@code docs/images/tradeoff-curve.png}).
 */
public final class TradeoffBenchmark {

    /** US dollars per 1,000 input and output tokens, after public prices of small and large hosted models. */
    private static final Map<String, Pricing> PRICES = prices();

    private static final List<Double> TRADEOFFS = List.of(0.0, 0.25, 0.5, 0.75, 1.0);

    /** The answer length the recruiter assumes: the demo models answer in at most 24 tokens. */
    private static final int OUTPUT_TOKENS = 24;

    private TradeoffBenchmark() {}

    private static Map<String, Pricing> prices() {
        Map<String, Pricing> prices = new LinkedHashMap<>();
        prices.put("generalist", price("0.00015", "0.0006"));
        prices.put("arithmetic-expert", price("0.003", "0.015"));
        prices.put("units-expert", price("0.001", "0.004"));
        prices.put("strings-expert", price("0.0025", "0.01"));
        prices.put("calendar-expert", price("0.003", "0.015"));
        prices.put("capitals-expert", price("0.0005", "0.0015"));
        return prices;
    }

    private static Pricing price(String in, String out) {
        return new Pricing(new BigDecimal(in), new BigDecimal(out));
    }

    public static void main(String[] args) throws Exception {
        Path chart = Path.of("docs/images/tradeoff-curve.png");
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            switch (kv[0]) {
                case "chart" -> chart = Path.of(kv[1]);
                default -> throw new IllegalArgumentException("unknown option --" + kv[0]);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "# Cost–quality tradeoff on the demo expert pack%nmachine: %d cores, Java %s%n"
                        + "method: the shipped profiles (profiles.json, from the 'profile' split); on the 'test' split"
                        + " every expert answers%n  every question once (greedy, batches of 16, exact match) and each"
                        + " setting is scored from those answers:%n  the recruiter chooses at the tradeoff, its"
                        + " answer (Aggregator.best for several) is graded, cost = what the chosen%n  experts' answers"
                        + " cost at the prices below (tokens as the models counted them). Expected cost for routing:"
                        + "%n  prompt characters / 4 + %d output tokens. k-nearest-examples classification.%n%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                OUTPUT_TOKENS);
        System.out.println("Prices given to the (free, local) demo experts for this benchmark, US$ per 1k tokens:"
                + " the pack's generalist is its weakest model, so it plays the small cheap model and the specialists"
                + " the dearer large ones (a dear generalist would make the specialists cheaper and better at once).");
        System.out.println();
        System.out.println("| Expert | input | output |");
        System.out.println("|---|---:|---:|");
        PRICES.forEach((id, p) -> System.out.printf(
                Locale.ROOT,
                "| %s | %s | %s |%n",
                id,
                p.inputPer1k().toPlainString(),
                p.outputPer1k().toPlainString()));
        System.out.println();

        SkillTaxonomy taxonomy;
        try (InputStream in = resource("/coe-demo-experts/skills.yaml")) {
            taxonomy = SkillTaxonomy.fromYaml(in);
        }
        EvalSet all;
        try (InputStream in = resource("/coe-demo-experts/eval/demo-eval.jsonl")) {
            all = EvalSet.parse(new InputStreamReader(in, StandardCharsets.UTF_8), EvalSet.OnError.REJECT);
        }
        ProfileSet profiles;
        try (InputStream in = resource("/coe-demo-experts/profiles.json")) {
            profiles = ProfileJson.read(in);
        }
        List<EvalItem> test = all.split("test").items();
        SkillClassifier knn = SkillClassifier.embedding(
                taxonomy, Embedder.cached(MiniLm.embedder(), 50_000), EmbeddingClassifierConfig.defaults());

        Path cache = Files.createTempDirectory("coe-tradeoff-");
        try (ModelPool pool = ModelPool.create(PoolConfig.of(1L << 30, 0))) {
            LocalModels local = new LocalModels(pool, cache, "cpu");
            List<Expert> experts = PRICES.entrySet().stream()
                    .map(e -> Expert.of(
                            ExpertConfig.builder(e.getKey(), "djl")
                                    .modelPath("classpath:coe-demo-experts/" + e.getKey())
                                    .pricing(e.getValue())
                                    .build(),
                            ExpertContext.defaults().withLocalModels(local)))
                    .toList();
            RoutingEvaluation.Spec spec = new RoutingEvaluation.Spec(
                    experts,
                    test,
                    Map.of(),
                    Map.of("best", EvaluationCombiners.of(Aggregator.best())),
                    Grader.exact(),
                    null,
                    16,
                    24,
                    3,
                    42);

            Map<String, Recruiter> main = new LinkedHashMap<>();
            for (RoutingMethod method : RoutingMethod.values()) {
                for (TradeoffRule rule : TradeoffRule.values()) {
                    main.put(
                            method.id() + ", " + rule.id(),
                            recruiter(knn, profiles, config(method, rule, RecruitConfig.DEFAULT_TRADEOFF_MARGIN)));
                }
            }
            long start = System.nanoTime();
            TradeoffCurve curve = TradeoffCurve.run(spec, main, TRADEOFFS, () -> false);
            System.out.printf(
                    Locale.ROOT,
                    "## Accuracy and cost per setting (test split, %d questions, margin %.2f, %.1f s)%n%n",
                    test.size(),
                    RecruitConfig.DEFAULT_TRADEOFF_MARGIN,
                    (System.nanoTime() - start) / 1e9);
            System.out.println(curve.markdown());
            monotone(curve);

            Map<String, Recruiter> margins = new LinkedHashMap<>();
            for (double margin : List.of(0.1, 0.2, 0.3, 0.5)) {
                margins.put(
                        String.format(Locale.ROOT, "category, margin rule, margin %.1f", margin),
                        recruiter(knn, profiles, config(RoutingMethod.CATEGORY, TradeoffRule.MARGIN, margin)));
            }
            TradeoffCurve sensitivity = TradeoffCurve.run(spec, margins, List.of(0.0, 0.5), () -> false);
            System.out.println("## Margin sensitivity (category, margin rule; tradeoff 0 and 0.5)");
            System.out.println();
            System.out.println(sensitivity
                    .markdown()
                    .lines()
                    .filter(l -> !l.contains("| single: ") && !l.contains("| oracle: ") && !l.contains("| none |"))
                    .reduce((a, b) -> a + "\n" + b)
                    .orElse(""));
            System.out.println();

            TradeoffChart.write(
                    curve,
                    "Accuracy vs cost, demo pack test split (" + test.size() + " questions), margin "
                            + RecruitConfig.DEFAULT_TRADEOFF_MARGIN,
                    chart);
            System.out.println("chart written to " + chart);
        }
    }

    /** Says for each series whether its mean cost only grows from tradeoff 0 to 1. */
    private static void monotone(TradeoffCurve curve) {
        for (String name : curve.seriesNames()) {
            List<TradeoffCurve.Point> points = curve.series(name).stream()
                    .filter(p -> p.tradeoff() != null)
                    .toList();
            boolean cost = true;
            boolean accuracy = true;
            for (int i = 1; i < points.size(); i++) {
                cost &= points.get(i).meanCostUsd().compareTo(points.get(i - 1).meanCostUsd()) >= 0;
                accuracy &= points.get(i).accuracy() >= points.get(i - 1).accuracy();
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s: cost %s, accuracy %s from tradeoff 0 to 1%n",
                    name,
                    cost ? "never falls" : "FALLS somewhere",
                    accuracy ? "never falls" : "falls somewhere");
        }
        System.out.println();
    }

    private static RecruitConfig config(RoutingMethod method, TradeoffRule rule, double margin) {
        return RecruitConfig.builder()
                .method(method)
                .tradeoffRule(rule)
                .tradeoffMargin(margin)
                .expectedOutputTokens(OUTPUT_TOKENS)
                .build();
    }

    private static Recruiter recruiter(SkillClassifier classifier, ProfileSet profiles, RecruitConfig config) {
        Optional<ProfileSet> current = Optional.of(profiles);
        return Recruiter.skills(
                () -> classifier,
                () -> current,
                PRICES::keySet,
                id -> true,
                id -> PRICES.getOrDefault(id, Pricing.FREE),
                config,
                "generalist");
    }

    private static InputStream resource(String name) {
        InputStream in = TradeoffBenchmark.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the class path");
        }
        return in;
    }
}
