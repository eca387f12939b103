package io.coerouter.bench;

import io.coerouter.aggregate.AggregationInput;
import io.coerouter.aggregate.Aggregator;
import io.coerouter.aggregate.AnswerExtractor;
import io.coerouter.aggregate.Candidate;
import io.coerouter.embed.bge.BgeSmall;
import io.coerouter.embed.minilm.MiniLm;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.LocalModels;
import io.coerouter.expert.ModelPool;
import io.coerouter.expert.PoolConfig;
import io.coerouter.router.routing.EvaluationCombiners;
import io.coerouter.skills.classify.EmbeddingClassifierConfig;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.classify.TrainedClassifierConfig;
import io.coerouter.skills.embed.CachedEmbedder;
import io.coerouter.skills.embed.Embedder;
import io.coerouter.skills.evaluate.Calibration;
import io.coerouter.skills.evaluate.EvaluationReport;
import io.coerouter.skills.evaluate.RoutingEvaluation;
import io.coerouter.skills.profile.EvalItem;
import io.coerouter.skills.profile.EvalSet;
import io.coerouter.skills.profile.Grader;
import io.coerouter.skills.profile.ProfileJob;
import io.coerouter.skills.profile.ProfileJson;
import io.coerouter.skills.profile.ProfileSet;
import io.coerouter.skills.recruit.RecruitConfig;
import io.coerouter.skills.recruit.Recruiter;
import io.coerouter.skills.recruit.RoutingMethod;
import io.coerouter.skills.recruit.RoutingQuery;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The routing evaluation of the demo pack: builds expert profiles on the evaluation set's {@code profile} split,
 * scores each routing method, every single expert, random choice and the oracle on the {@code test} split, and
 * times classification + recruiting on novel and cached queries up to 128 tokens.
 *
 * <p>Options: {@code --write-profiles=FILE} saves the profiles as JSON (the demo pack's {@code profiles.json} is
 * written this way); {@code --latency-queries=N} (default 500) queries per latency row.
 */
public final class RoutingEvaluationBenchmark {

    private static final List<String> DEMO = List.of(
            "generalist", "arithmetic-expert", "units-expert", "strings-expert", "calendar-expert", "capitals-expert");

    private RoutingEvaluationBenchmark() {}

    public static void main(String[] args) throws Exception {
        String writeProfiles = null;
        int latencyQueries = 500;
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            switch (kv[0]) {
                case "write-profiles" -> writeProfiles = kv[1];
                case "latency-queries" -> latencyQueries = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown option --" + kv[0]);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "# Routing evaluation of the demo expert pack%nmachine: %d cores, Java %s%n"
                        + "method: profiles from the 'profile' split (every expert answers every question, greedy,"
                        + " batches of 16,%n  exact match); then on the 'test' split every expert answers every"
                        + " question once and each method%n  is scored from those answers (routed: the recruiter"
                        + " chooses, Aggregator.best merges).%n%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.version());

        SkillTaxonomy taxonomy;
        try (InputStream in = resource("/coe-demo-experts/skills.yaml")) {
            taxonomy = SkillTaxonomy.fromYaml(in);
        }
        EvalSet all;
        try (InputStream in = resource("/coe-demo-experts/eval/demo-eval.jsonl")) {
            all = EvalSet.parse(new InputStreamReader(in, StandardCharsets.UTF_8), EvalSet.OnError.REJECT);
        }
        List<EvalItem> profileSplit = all.split("profile").items();
        List<EvalItem> testSplit = all.split("test").items();
        CachedEmbedder embedder = Embedder.cached(MiniLm.embedder(), 50_000);
        SkillClassifier knn = SkillClassifier.embedding(taxonomy, embedder, EmbeddingClassifierConfig.defaults());
        SkillClassifier centroid = SkillClassifier.embedding(
                taxonomy, embedder, new EmbeddingClassifierConfig(EmbeddingClassifierConfig.Mode.CENTROID, 3, 0.05));
        // The default since M2: heads trained on the examples, read by bge-small.
        SkillClassifier trained = SkillClassifier.trained(
                taxonomy, Embedder.cached(BgeSmall.embedder(), 50_000), TrainedClassifierConfig.defaults());

        calibration(taxonomy, embedder, profileSplit, testSplit);

        Path cache = Files.createTempDirectory("coe-routing-eval-");
        try (ModelPool pool = ModelPool.create(PoolConfig.of(1L << 30, 0))) {
            LocalModels local = new LocalModels(pool, cache, "cpu");
            List<Expert> experts = DEMO.stream()
                    .map(id -> Expert.of(
                            ExpertConfig.builder(id, "djl")
                                    .modelPath("classpath:coe-demo-experts/" + id)
                                    .build(),
                            ExpertContext.defaults().withLocalModels(local)))
                    .toList();

            long start = System.nanoTime();
            ProfileSet profiles = ProfileJob.run(
                    new ProfileJob.Spec(
                            experts,
                            profileSplit,
                            "coe-demo-experts/eval/demo-eval.jsonl, split profile",
                            Grader.exact(),
                            null,
                            knn,
                            16,
                            24),
                    Clock.systemUTC());
            System.out.printf(
                    Locale.ROOT,
                    "## Profiles (%d questions x %d experts in %.1f s): Symbolic-MoE score per skill (accuracy)%n%n",
                    profileSplit.size(),
                    experts.size(),
                    (System.nanoTime() - start) / 1e9);
            List<String> skills = taxonomy.ids();
            System.out.println("| Expert | " + String.join(" | ", skills) + " | total |");
            System.out.println("|---|" + "---:|".repeat(skills.size() + 1));
            profiles.experts()
                    .values()
                    .forEach(p -> System.out.println("| " + p.expertId() + " | "
                            + skills.stream()
                                    .map(s -> String.format(
                                            Locale.ROOT,
                                            "%+.0f (%.0f%%)",
                                            p.on(s).score(),
                                            100 * p.on(s).accuracy()))
                                    .collect(Collectors.joining(" | "))
                            + " | " + String.format(Locale.ROOT, "%.0f", p.totalScore()) + " |"));
            System.out.println();
            if (writeProfiles != null) {
                Files.writeString(Path.of(writeProfiles), ProfileJson.write(profiles) + "\n");
                System.out.println("profiles written to " + writeProfiles);
                System.out.println();
            }

            Set<String> ids = Set.copyOf(DEMO);
            Optional<ProfileSet> current = Optional.of(profiles);
            Map<String, Recruiter> routers = new LinkedHashMap<>();
            routers.put(
                    "symbolic-moe, trained (bge-small), T=0.5 (default)",
                    recruiter(trained, current, ids, RecruitConfig.builder()));
            routers.put(
                    "category, trained (bge-small)",
                    recruiter(trained, current, ids, RecruitConfig.builder().method(RoutingMethod.CATEGORY)));
            routers.put(
                    "symbolic-moe, k-nearest examples, T=0.5", recruiter(knn, current, ids, RecruitConfig.builder()));
            routers.put(
                    "symbolic-moe, nearest centroid, T=0.5",
                    recruiter(centroid, current, ids, RecruitConfig.builder()));
            routers.put(
                    "symbolic-moe, k-nearest examples, T=100 (competence flattened)",
                    recruiter(knn, current, ids, RecruitConfig.builder().temperature(100)));
            routers.put(
                    "symbolic-moe, k-nearest examples, T=0.5, fixed k=3",
                    recruiter(knn, current, ids, RecruitConfig.builder().k(3)));
            routers.put(
                    "category, k-nearest examples",
                    recruiter(knn, current, ids, RecruitConfig.builder().method(RoutingMethod.CATEGORY)));
            routers.put(
                    "category, nearest centroid",
                    recruiter(centroid, current, ids, RecruitConfig.builder().method(RoutingMethod.CATEGORY)));
            start = System.nanoTime();
            EvaluationReport report = RoutingEvaluation.run(
                    new RoutingEvaluation.Spec(
                            experts,
                            testSplit,
                            routers,
                            Map.of("best", EvaluationCombiners.of(Aggregator.best())),
                            Grader.exact(),
                            null,
                            16,
                            24,
                            3,
                            42),
                    () -> false);
            System.out.printf(
                    Locale.ROOT,
                    "## Accuracy on the test split (%d questions, %.1f s)%n%n",
                    testSplit.size(),
                    (System.nanoTime() - start) / 1e9);
            System.out.println(report.markdown());
            EvaluationReport.Row routed = report.rows().stream()
                    .filter(r -> r.kind().equals("routed"))
                    .max(java.util.Comparator.comparingDouble(EvaluationReport.Row::accuracy))
                    .orElseThrow();
            EvaluationReport.Row oracle = report.rows().getLast();
            System.out.printf(
                    Locale.ROOT,
                    "best router (%s) vs oracle: %.1f%% vs %.1f%% (gap %.1f points); best single expert %s: %.1f%%%n%n",
                    routed.method(),
                    100 * routed.accuracy(),
                    100 * oracle.accuracy(),
                    100 * (oracle.accuracy() - routed.accuracy()),
                    report.bestSingle().method(),
                    100 * report.bestSingle().accuracy());

            aggregators(experts, testSplit, knn, current, ids);

            latency(taxonomy, profiles, ids, testSplit, profileSplit, latencyQueries);
        }
    }

    private static Recruiter recruiter(
            SkillClassifier classifier, Optional<ProfileSet> profiles, Set<String> ids, RecruitConfig.Builder config) {
        return Recruiter.skills(() -> classifier, () -> profiles, () -> ids, id -> true, config.build(), "generalist");
    }

    /** Confidence calibration of k-NN classification per softmax temperature, fitted on the profile split. */
    private static void calibration(
            SkillTaxonomy taxonomy, Embedder embedder, List<EvalItem> profileSplit, List<EvalItem> testSplit) {
        double[] grid = {0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2};
        java.util.function.DoubleFunction<SkillClassifier> at = t -> SkillClassifier.embedding(
                taxonomy, embedder, new EmbeddingClassifierConfig(EmbeddingClassifierConfig.Mode.KNN, 3, t));
        double fitted = Calibration.fitTemperature(at, profileSplit, grid);
        System.out.println("## Confidence calibration (k-NN; temperature fitted by NLL on the profile split)");
        System.out.println();
        System.out.println(
                "| Temperature | NLL (profile) | ECE (profile) | NLL (test) | ECE (test) | mean confidence (test)"
                        + " | top-skill accuracy (test) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (double t : grid) {
            Calibration p = Calibration.of(at.apply(t), profileSplit);
            Calibration q = Calibration.of(at.apply(t), testSplit);
            System.out.printf(
                    Locale.ROOT,
                    "| %s%s | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f%% |%n",
                    t,
                    t == fitted ? " (fitted)" : "",
                    p.negativeLogLikelihood(),
                    p.expectedCalibrationError(),
                    q.negativeLogLikelihood(),
                    q.expectedCalibrationError(),
                    q.meanConfidence(),
                    100 * q.accuracy());
        }
        System.out.println();
    }

    /**
     * Every aggregator the gateway has. Synthesis and judging need a language model; the demo pack has none, so the
     * generalist stands in (it cannot read such prompts; the rows show what a non-LLM aggregator expert costs).
     */
    private static Map<String, RoutingEvaluation.Combiner> combiners(List<Expert> experts) {
        Expert generalist = experts.getFirst();
        Aggregator vote = Aggregator.vote(AnswerExtractor.auto());
        Map<String, RoutingEvaluation.Combiner> combiners = new LinkedHashMap<>();
        combiners.put("best", EvaluationCombiners.of(Aggregator.best()));
        combiners.put("vote", EvaluationCombiners.of(vote));
        combiners.put("weighted-vote", EvaluationCombiners.of(Aggregator.weightedVote(AnswerExtractor.auto())));
        combiners.put("first", EvaluationCombiners.of(Aggregator.first()));
        combiners.put("judge (generalist)", EvaluationCombiners.of(Aggregator.judge(generalist, vote)));
        combiners.put("synthesis (generalist)", EvaluationCombiners.of(Aggregator.synthesis(generalist, vote)));
        return combiners;
    }

    /** k = 1 against k = 3 with every aggregator, and self-MoA (three samples of the routed expert). */
    private static void aggregators(
            List<Expert> experts,
            List<EvalItem> test,
            SkillClassifier knn,
            Optional<ProfileSet> profiles,
            Set<String> ids) {
        Map<String, Recruiter> routers = new LinkedHashMap<>();
        routers.put(
                "symbolic-moe k=1",
                recruiter(knn, profiles, ids, RecruitConfig.builder().k(1)));
        routers.put(
                "symbolic-moe k=3",
                recruiter(knn, profiles, ids, RecruitConfig.builder().k(3)));
        routers.put(
                "category k=1",
                recruiter(
                        knn,
                        profiles,
                        ids,
                        RecruitConfig.builder().method(RoutingMethod.CATEGORY).k(1)));
        routers.put(
                "category k=3",
                recruiter(
                        knn,
                        profiles,
                        ids,
                        RecruitConfig.builder().method(RoutingMethod.CATEGORY).k(3)));
        long start = System.nanoTime();
        EvaluationReport report = RoutingEvaluation.run(
                new RoutingEvaluation.Spec(
                        experts, test, routers, combiners(experts), Grader.exact(), null, 16, 24, 3, 42),
                () -> false);
        System.out.printf(
                Locale.ROOT,
                "## Aggregators (test split, %.1f s): k = 1 against k = 3, each aggregator%n%n",
                (System.nanoTime() - start) / 1e9);
        System.out.println("| Router + aggregator | Accuracy | Experts/question |");
        System.out.println("|---|---:|---:|");
        report.rows().stream()
                .filter(r -> r.kind().equals("routed"))
                .forEach(r -> System.out.printf(
                        Locale.ROOT,
                        "| %s | %.1f%% | %.2f |%n",
                        r.method().substring("routed: ".length()),
                        100 * r.accuracy(),
                        r.expertsPerQuestion()));

        // Self-MoA: the category router's expert, sampled three times at temperature 0.7, then a vote.
        Recruiter category = routers.get("category k=1");
        Map<String, List<Integer>> byExpert = new LinkedHashMap<>();
        for (int q = 0; q < test.size(); q++) {
            byExpert.computeIfAbsent(
                            category.recruit(RoutingQuery.of(test.get(q).question()))
                                    .experts()
                                    .getFirst()
                                    .expertId(),
                            k -> new ArrayList<>())
                    .add(q);
        }
        Aggregator vote = Aggregator.vote(AnswerExtractor.auto());
        int right = 0;
        for (Map.Entry<String, List<Integer>> group : byExpert.entrySet()) {
            Expert expert = experts.stream()
                    .filter(e -> e.id().equals(group.getKey()))
                    .findFirst()
                    .orElseThrow();
            List<List<String>> samples = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                long seed = 100 + s;
                List<io.coerouter.expert.ExpertRequest> requests = group.getValue().stream()
                        .map(q -> io.coerouter.expert.ExpertRequest.of(
                                        test.get(q).question())
                                .withSampling(0.7, seed))
                        .toList();
                samples.add(expert
                        .chatBatch(
                                requests,
                                java.util.Collections.nCopies(requests.size(), io.coerouter.expert.TokenListener.NONE))
                        .stream()
                        .map(o -> o.succeeded() ? o.response().text() : null)
                        .toList());
            }
            for (int i = 0; i < group.getValue().size(); i++) {
                EvalItem item = test.get(group.getValue().get(i));
                List<Candidate> answered = new ArrayList<>();
                for (List<String> sample : samples) {
                    if (sample.get(i) != null) {
                        answered.add(Candidate.answered(expert.id(), 1.0, sample.get(i)));
                    }
                }
                if (!answered.isEmpty()
                        && Grader.exact()
                                .grade(
                                        item,
                                        vote.aggregate(AggregationInput.of(item.question(), answered))
                                                .text())) {
                    right++;
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "| self-MoA: category's expert, 3 samples at T=0.7, vote | %.1f%% | 3.00 |%n%n",
                100.0 * right / test.size());
    }

    /** Classification + recruiting time on short and 128-token queries, first seen (novel) and repeated (cached). */
    private static void latency(
            SkillTaxonomy taxonomy,
            ProfileSet profiles,
            Set<String> ids,
            List<EvalItem> test,
            List<EvalItem> warmup,
            int count) {
        CachedEmbedder embedder = Embedder.cached(MiniLm.embedder(), 50_000);
        SkillClassifier classifier =
                SkillClassifier.embedding(taxonomy, embedder, EmbeddingClassifierConfig.defaults());
        Recruiter recruiter = recruiter(classifier, Optional.of(profiles), ids, RecruitConfig.builder());
        for (EvalItem item : warmup.subList(0, Math.min(200, warmup.size()))) {
            recruiter.recruit(RoutingQuery.of(item.question() + " (warm-up)"));
        }
        List<String> shortQueries = new ArrayList<>();
        List<String> longQueries = new ArrayList<>();
        for (int i = 0; shortQueries.size() < count; i++) {
            shortQueries.add(test.get(i % test.size()).question() + (i >= test.size() ? " #" + i : ""));
        }
        for (int i = 0; longQueries.size() < count; i++) {
            // About 128 word-piece tokens: a question padded with context, as chat prompts often are.
            StringBuilder q = new StringBuilder("Context " + i + ": ");
            for (int j = 0; q.length() < 420; j++) {
                q.append(test.get((i * 7 + j) % test.size()).question()).append(' ');
            }
            longQueries.add(q.append("Now answer: ")
                    .append(test.get(i % test.size()).question())
                    .toString());
        }
        System.out.println("## Routing latency (classification + recruiting, symbolic-moe, k-nearest; " + count
                + " queries per row, ms)");
        System.out.println();
        System.out.println("| Queries | p50 | p90 | p99 | max |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (List<String> queries : List.of(shortQueries, longQueries)) {
            String name = queries == shortQueries ? "short (8-15 tokens)" : "long (~128 tokens)";
            for (String pass : List.of("novel", "cached")) {
                double[] ms = new double[queries.size()];
                for (int i = 0; i < queries.size(); i++) {
                    long t = System.nanoTime();
                    recruiter.recruit(RoutingQuery.of(queries.get(i)));
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf(
                        Locale.ROOT,
                        "| %s, %s | %.2f | %.2f | %.2f | %.2f |%n",
                        name,
                        pass,
                        at(ms, 50),
                        at(ms, 90),
                        at(ms, 99),
                        ms[ms.length - 1]);
            }
        }
        System.out.printf(Locale.ROOT, "%nembedding cache: %d hits, %d misses%n", embedder.hits(), embedder.misses());
    }

    private static double at(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static InputStream resource(String name) {
        InputStream in = RoutingEvaluationBenchmark.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the class path");
        }
        return in;
    }
}
