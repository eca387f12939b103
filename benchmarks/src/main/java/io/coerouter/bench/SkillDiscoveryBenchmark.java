package io.coerouter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coerouter.embed.minilm.MiniLm;
import io.coerouter.skills.discover.DiscoveredCluster;
import io.coerouter.skills.discover.Discovery;
import io.coerouter.skills.discover.DiscoveryConfig;
import io.coerouter.skills.discover.DiscoveryQuestion;
import io.coerouter.skills.discover.SkillDiscovery;
import io.coerouter.skills.embed.CachedEmbedder;
import io.coerouter.skills.embed.Embedder;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Skills without a taxonomy, measured: clusters a labelled JSONL set's questions with their labels hidden (MiniLM
 * embeddings, {@link SkillDiscovery}) and scores the clusters against the labels (purity, adjusted Rand index, NMI),
 * for each k asked and for k chosen by the silhouette. Also the command line for discovering a deployment's skills:
 * {@code --write-taxonomy} and {@code --write-eval-set} save the last run's taxonomy (YAML) and evaluation set (JSONL).
 *
 * <p>Options: {@code --data=FILE} (JSONL with {@code question}, optional {@code answer}, and a label in {@code skill}
 * to score against; default: the demo pack's evaluation set); {@code --k=14,auto} (the runs, default {@code auto});
 * {@code --seed=42}; {@code --max-k=20}; {@code --cut-at=TEXT} (each question cut at the first {@code TEXT}, e.g.
 * {@code "The options are:"} to cluster multiple-choice stems without their options); {@code --write-taxonomy=FILE};
 * {@code --write-eval-set=FILE}.
 */
public final class SkillDiscoveryBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Labelled(DiscoveryQuestion question, String label) {}

    private SkillDiscoveryBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("k", "auto", "seed", "42", "max-k", "20"));
        Args.parse(args, (name, value) -> {
            switch (name) {
                case "data", "k", "seed", "max-k", "cut-at", "write-taxonomy", "write-eval-set" ->
                    options.put(name, value);
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        });
        String data = options.get("data");
        List<Labelled> items;
        try (InputStream in = data == null
                        ? SkillDiscoveryBenchmark.class.getResourceAsStream("/coe-demo-experts/eval/demo-eval.jsonl")
                        : Files.newInputStream(Path.of(data));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            items = read(reader, options.get("cut-at"));
        }
        long labels = items.stream().map(Labelled::label).distinct().count();
        System.out.printf(
                Locale.ROOT,
                "# Skill discovery without labels%n%ndata: %s%s (%d questions, %d labels hidden from the clustering)%n"
                        + "machine: %s, %d cores, load %s, Java %s%n"
                        + "method: all-MiniLM-L6-v2 embeddings of each question's first %d characters, spherical"
                        + " k-means++ (seed %s, 3 restarts),%n  k given or chosen from 2 to %s by the mean silhouette;"
                        + " scored against the hidden labels.%n%n",
                data == null ? "demo pack (coe-demo-experts/eval/demo-eval.jsonl)" : data,
                options.containsKey("cut-at") ? ", questions cut at '" + options.get("cut-at") + "'" : "",
                items.size(),
                labels,
                Machine.cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                Machine.loadAverage(),
                Runtime.version(),
                SkillDiscovery.EMBEDDED_CHARS,
                options.get("seed"),
                options.get("max-k"));

        CachedEmbedder embedder = Embedder.cached(MiniLm.embedder(), 100_000);
        List<DiscoveryQuestion> questions =
                items.stream().map(Labelled::question).toList();
        long start = System.nanoTime();
        questions.forEach(q -> embedder.embed(
                q.question().substring(0, Math.min(q.question().length(), SkillDiscovery.EMBEDDED_CHARS))));
        double embedSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "embedding: %.1f s (%.1f ms a question; cached for the runs below)%n%n",
                embedSeconds,
                1000 * embedSeconds / questions.size());

        List<String> truth = items.stream().map(Labelled::label).toList();
        System.out.println("| k | chosen by | silhouette | purity | adjusted Rand | NMI | clustering s |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|");
        List<Discovery> runs = new ArrayList<>();
        for (String k : options.get("k").split(",")) {
            DiscoveryConfig config = DiscoveryConfig.defaults()
                    .withSeed(Long.parseLong(options.get("seed")))
                    .withRange(2, Integer.parseInt(options.get("max-k")))
                    .withK(k.equals("auto") ? null : Integer.valueOf(k));
            start = System.nanoTime();
            Discovery discovery = SkillDiscovery.discover(questions, embedder, config);
            double seconds = (System.nanoTime() - start) / 1e9;
            ClusterAgreement agreement = ClusterAgreement.of(discovery.assignments(), truth);
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %s | %.3f | %.3f | %.3f | %.3f | %.1f |%n",
                    discovery.k(),
                    discovery.chosenBy().name().toLowerCase(Locale.ROOT),
                    discovery.silhouette(),
                    agreement.purity(),
                    agreement.adjustedRand(),
                    agreement.nmi(),
                    seconds);
            runs.add(discovery);
        }
        for (Discovery discovery : runs) {
            System.out.printf(Locale.ROOT, "%n## k = %d (%s)%n%n", discovery.k(), discovery.chosenBy());
            if (!discovery.candidates().isEmpty()) {
                System.out.println("silhouette by k: "
                        + discovery.candidates().stream()
                                .map(c -> String.format(Locale.ROOT, "%d: %.3f", c.k(), c.silhouette()))
                                .collect(Collectors.joining(", ")));
                System.out.println();
            }
            System.out.println("| skill (discovered id) | size | cohesion | labels inside (largest first) |");
            System.out.println("|---|---:|---:|---|");
            for (DiscoveredCluster cluster : discovery.clusters()) {
                Map<String, Long> inside = new HashMap<>();
                for (int i = 0; i < truth.size(); i++) {
                    if (discovery.assignments().get(i).equals(cluster.id())) {
                        inside.merge(truth.get(i), 1L, Long::sum);
                    }
                }
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %d | %.3f | %s |%n",
                        cluster.id(),
                        cluster.size(),
                        cluster.cohesion(),
                        inside.entrySet().stream()
                                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                                        .thenComparing(Map.Entry.comparingByKey()))
                                .limit(4)
                                .map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", ")));
            }
        }
        Discovery last = runs.getLast();
        if (options.containsKey("write-taxonomy")) {
            Files.writeString(
                    Path.of(options.get("write-taxonomy")),
                    last.taxonomyYaml("discovered by SkillDiscoveryBenchmark from " + questions.size()
                            + " questions, k=" + last.k() + " (" + last.chosenBy() + "), seed "
                            + options.get("seed")));
            System.out.println("\ntaxonomy written to " + options.get("write-taxonomy"));
        }
        if (options.containsKey("write-eval-set")) {
            Files.writeString(Path.of(options.get("write-eval-set")), last.evalSetJsonl());
            System.out.println("evaluation set (" + last.evalItems().size() + " questions) written to "
                    + options.get("write-eval-set"));
        }
    }

    /** The questions (with answers when given) and their labels ({@code skill}, or {@code -} when none). */
    private static List<Labelled> read(BufferedReader reader, String cutAt) throws Exception {
        List<Labelled> items = new ArrayList<>();
        int line = 0;
        for (String text; (text = reader.readLine()) != null; ) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(text);
            JsonNode answer = node.get("answer");
            String question = node.get("question").asText();
            int cut = cutAt == null ? -1 : question.indexOf(cutAt);
            if (cut > 0) {
                question = question.substring(0, cut).strip();
            }
            JsonNode skill = node.get("skill");
            items.add(new Labelled(
                    new DiscoveryQuestion(line, question, answer == null ? null : answer.asText(), null),
                    skill == null ? "-" : skill.asText()));
        }
        return items;
    }
}
