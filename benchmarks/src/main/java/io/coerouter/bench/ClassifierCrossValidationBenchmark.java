package io.coerouter.bench;

import io.coerouter.embed.bge.BgeSmall;
import io.coerouter.embed.minilm.MiniLm;
import io.coerouter.skills.classify.EmbeddingClassifierConfig;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.classify.TrainedClassifierConfig;
import io.coerouter.skills.embed.Embedder;
import io.coerouter.skills.evaluate.CrossValidation;
import io.coerouter.skills.taxonomy.Skill;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Skill classification on real questions: repeated stratified k-fold cross-validation of every classifier on a
 * labelled JSONL set ({@code question}, {@code skill}; the MMLU-Pro development set by default), each skill's
 * questions as its examples and "Questions about SKILL." as its description. Prints top-1 and top-3 accuracy,
 * per-skill top-1 and the expected calibration error, then the cost of one novel query (the encoder runs) and of a
 * cached one, per classifier.
 *
 * <p>Options: {@code --data=FILE} (default {@code ../shared/data/mmlu-pro-dev/mmlu-pro-dev.jsonl}), {@code
 * --folds=5}, {@code --repeats=3}, {@code --seed=17}, {@code --only=NAME,...} (classifiers to run),
 * {@code --max-chars=N} (the trained classifiers' cut, default 2,000), {@code --sensitivity=true} (also the trained classifier at other L2 penalties), {@code --cv=false} (the cost per
 * query only).
 */
public final class ClassifierCrossValidationBenchmark {

    /** Embeds each text once while {@link #caching}; otherwise always runs the encoder (a novel query). */
    static final class TrainingCache implements Embedder {
        private final Embedder encoder;
        private final Map<String, float[]> cache = new ConcurrentHashMap<>();
        volatile boolean caching = true;

        TrainingCache(Embedder encoder) {
            this.encoder = encoder;
        }

        @Override
        public float[] doEmbed(String text) {
            return caching ? cache.computeIfAbsent(text, encoder::embed) : encoder.embed(text);
        }
    }

    record Candidate(String name, TrainingCache embedder, Function<SkillTaxonomy, SkillClassifier> factory) {}

    public static void main(String[] args) throws IOException {
        Path[] data = {Path.of("../shared/data/mmlu-pro-dev/mmlu-pro-dev.jsonl")};
        int[] folds = {5};
        int[] repeats = {3};
        long[] seed = {17};
        List<String> only = new ArrayList<>();
        boolean[] sensitivity = {false};
        boolean[] crossValidate = {true};
        int[] maxChars = {TrainedClassifierConfig.defaults().maxChars()};
        Args.parse(args, (name, value) -> {
            switch (name) {
                case "data" -> data[0] = Path.of(value);
                case "folds" -> folds[0] = Integer.parseInt(value);
                case "repeats" -> repeats[0] = Integer.parseInt(value);
                case "seed" -> seed[0] = Long.parseLong(value);
                case "only" -> only.addAll(Arrays.asList(value.split(",")));
                case "sensitivity" -> sensitivity[0] = Boolean.parseBoolean(value);
                case "cv" -> crossValidate[0] = Boolean.parseBoolean(value);
                case "max-chars" -> maxChars[0] = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        });
        JsonMapper json = JsonMapper.builder().build();
        List<CrossValidation.Labelled> items = new ArrayList<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (String line : Files.readAllLines(data[0])) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = json.readTree(line);
            String skill = node.path("skill").asString().trim().replace(' ', '-');
            descriptions.putIfAbsent(
                    skill, "Questions about " + node.path("skill").asString() + ".");
            items.add(new CrossValidation.Labelled(node.path("question").asString(), skill));
        }
        System.out.printf(
                "# Skill classification, %d-fold stratified cross-validation x %d repeats (seed %d) on %s%n",
                folds[0], repeats[0], seed[0], data[0]);
        System.out.printf(
                "# %d questions, %d skills; examples = the training folds' questions, description = \"Questions about"
                        + " SKILL.\"; hyperparameters fixed (the defaults) in every fold%n",
                items.size(), descriptions.size());
        System.out.printf(
                "# machine: %s, %d cores, load %s, %s%n",
                Machine.cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                Machine.loadAverage(),
                Machine.memory());

        TrainingCache minilm = new TrainingCache(MiniLm.embedder());
        TrainingCache bge = new TrainingCache(BgeSmall.embedder());
        EmbeddingClassifierConfig knn = EmbeddingClassifierConfig.defaults();
        EmbeddingClassifierConfig centroid =
                new EmbeddingClassifierConfig(EmbeddingClassifierConfig.Mode.CENTROID, 3, 0.05);
        TrainedClassifierConfig d = TrainedClassifierConfig.defaults();
        TrainedClassifierConfig trained =
                new TrainedClassifierConfig(d.l2(), d.epochs(), d.views(), d.temperature(), maxChars[0]);
        TrainedClassifierConfig whole = new TrainedClassifierConfig(
                trained.l2(), trained.epochs(), false, trained.temperature(), trained.maxChars());
        List<Candidate> candidates = new ArrayList<>(List.of(
                new Candidate("minilm-centroid", minilm, t -> SkillClassifier.embedding(t, minilm, centroid)),
                new Candidate("minilm-knn (M1 default)", minilm, t -> SkillClassifier.embedding(t, minilm, knn)),
                new Candidate("bge-centroid", bge, t -> SkillClassifier.embedding(t, bge, centroid)),
                new Candidate("bge-knn", bge, t -> SkillClassifier.embedding(t, bge, knn)),
                new Candidate("minilm-trained", minilm, t -> SkillClassifier.trained(t, minilm, trained)),
                new Candidate("bge-trained-whole", bge, t -> SkillClassifier.trained(t, bge, whole)),
                new Candidate("bge-trained (default)", bge, t -> SkillClassifier.trained(t, bge, trained))));
        if (sensitivity[0]) {
            for (double l2 : new double[] {0.01, 0.1}) {
                TrainedClassifierConfig c = new TrainedClassifierConfig(
                        l2, trained.epochs(), true, trained.temperature(), trained.maxChars());
                candidates.add(new Candidate("bge-trained l2=" + l2, bge, t -> SkillClassifier.trained(t, bge, c)));
            }
        }
        if (!only.isEmpty()) {
            candidates.removeIf(c -> only.stream().noneMatch(o -> c.name().startsWith(o)));
        }

        List<CrossValidation> results = new ArrayList<>();
        if (crossValidate[0]) {
            crossValidate(candidates, items, descriptions, folds[0], repeats[0], seed[0], results);
        }
        latency(candidates, items, descriptions);
    }

    private static void crossValidate(
            List<Candidate> candidates,
            List<CrossValidation.Labelled> items,
            Map<String, String> descriptions,
            int folds,
            int repeats,
            long seed,
            List<CrossValidation> results) {
        System.out.println();
        System.out.println("## Cross-validated accuracy");
        System.out.println("| classifier | top-1 | top-3 | ECE | built in (mean s) |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Candidate c : candidates) {
            c.embedder().caching = true;
            long[] buildNanos = {0};
            int[] builds = {0};
            Function<SkillTaxonomy, SkillClassifier> timed = t -> {
                long start = System.nanoTime();
                SkillClassifier built = c.factory().apply(t);
                buildNanos[0] += System.nanoTime() - start;
                builds[0]++;
                return built;
            };
            CrossValidation cv = CrossValidation.run(c.name(), items, descriptions, timed, folds, repeats, seed);
            results.add(cv);
            System.out.printf(
                    "| %s | %.1f%% | %.1f%% | %.3f | %.1f |%n",
                    c.name(),
                    100 * cv.top1(),
                    100 * cv.top3(),
                    cv.expectedCalibrationError(),
                    buildNanos[0] / 1e9 / builds[0]);
        }

        System.out.println();
        System.out.println("## Top-1 per skill");
        StringBuilder header = new StringBuilder("| skill |");
        StringBuilder rule = new StringBuilder("|---|");
        for (CrossValidation cv : results) {
            header.append(' ').append(cv.classifier()).append(" |");
            rule.append("---:|");
        }
        System.out.println(header);
        System.out.println(rule);
        for (String skill : descriptions.keySet()) {
            StringBuilder row = new StringBuilder("| " + skill + " |");
            for (CrossValidation cv : results) {
                row.append(String.format(" %.0f%% |", 100 * cv.perSkillTop1().get(skill)));
            }
            System.out.println(row);
        }
    }

    private static void latency(
            List<Candidate> candidates, List<CrossValidation.Labelled> items, Map<String, String> descriptions) {
        System.out.println();
        System.out.printf(
                "## Cost per query (every question once as a novel query: the encoder runs, single caller; then"
                        + " again through a cache), load %s%n",
                Machine.loadAverage());
        System.out.println("| classifier | novel p50 | novel p99 | cached p50 |");
        System.out.println("|---|---:|---:|---:|");
        List<Skill> all = new ArrayList<>();
        for (Map.Entry<String, String> skill : descriptions.entrySet()) {
            List<String> examples = items.stream()
                    .filter(i -> i.skill().equals(skill.getKey()))
                    .map(CrossValidation.Labelled::question)
                    .toList();
            all.add(new Skill(skill.getKey(), skill.getValue(), examples));
        }
        SkillTaxonomy taxonomy = new SkillTaxonomy(all);
        for (Candidate c : candidates) {
            c.embedder().caching = true;
            SkillClassifier classifier = c.factory().apply(taxonomy);
            c.embedder().caching = false;
            for (int i = 0; i < 20; i++) {
                classifier.classify(items.get(i).question());
            }
            long[] novel = timed(classifier, items);
            // Through the cache: the first pass fills it, the second is timed.
            c.embedder().caching = true;
            items.forEach(item -> classifier.classify(item.question()));
            long[] hit = timed(classifier, items);
            System.out.printf(
                    "| %s | %.1f ms | %.1f ms | %.2f ms |%n",
                    c.name(),
                    novel[novel.length / 2] / 1e6,
                    novel[(int) Math.ceil(novel.length * 0.99) - 1] / 1e6,
                    hit[hit.length / 2] / 1e6);
        }
    }

    /** How long classifying each item's question took, sorted, in nanoseconds. */
    private static long[] timed(SkillClassifier classifier, List<CrossValidation.Labelled> items) {
        long[] nanos = new long[items.size()];
        for (int i = 0; i < items.size(); i++) {
            long start = System.nanoTime();
            classifier.classify(items.get(i).question());
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }
}
