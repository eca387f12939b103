package io.coerouter.bench;

import io.coerouter.embed.bge.BgeSmall;
import io.coerouter.embed.minilm.MiniLm;
import io.coerouter.router.cache.NearMissGuard;
import io.coerouter.skills.embed.Embedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The response cache's semantic threshold, measured: on a labelled set of question pairs (paraphrases that should hit,
 * near misses and unrelated questions that must not), each encoder embeds both sides and the pair's cosine is compared
 * with every threshold from 0.80 to 0.99, with and without the {@link NearMissGuard}, exactly as {@code ResponseCache}
 * decides (a hit when cosine &ge; threshold and, with the guard, {@code NearMissGuard.compatible}). Prints the method,
 * per threshold the paraphrase hit rate and the false-hit rate over near misses and unrelated pairs (also per kind),
 * the lowest threshold whose false-hit rate with the guard is at most the target, the guard's own errors and cost, and
 * the encoder's time per embedding.
 *
 * <p>Options: {@code --pairs=FILE} (default {@code benchmarks/data/cache-pairs.jsonl}), {@code --encoders=bge-small,minilm} ({@code none}: the guard alone),
 * {@code --target=0.005} (the false-hit rate the picked threshold must not pass), {@code --make-unrelated=FILE}
 * (first rewrite the set's "unrelated" pairs from this JSONL of {@code question}/{@code skill}: each question stem's
 * nearest other stem of the same skill by bge-small cosine), {@code --max-chars=1000} (stems longer than this are left
 * out, as the cache embeds no longer query), {@code --show=40} (how many pairs of each error list to print), {@code
 * --list-at=0.92} (thresholds whose errors are also listed, besides the picked one), {@code --answered=FILE} (a
 * JSONL of {@code question}/{@code answer}, default the demo pack's eval set, or {@code none}: for each encoder, how
 * a cache holding every other question of it would answer each one).
 */
public final class CacheQualityBenchmark {

    record Pair(String a, String b, String label, String kind, String source) {
        boolean positive() {
            return label.equals("paraphrase");
        }
    }

    private static final double[] THRESHOLDS = thresholds();

    public static void main(String[] args) throws IOException {
        Path[] pairsFile = {Path.of("benchmarks/data/cache-pairs.jsonl")};
        List<String> encoders = new ArrayList<>(List.of("bge-small", "minilm"));
        double[] target = {0.005};
        Path[] makeUnrelated = {null};
        int[] maxChars = {1000};
        Path[] answered = {Path.of("demo-experts/src/main/resources/coe-demo-experts/eval/demo-eval.jsonl")};
        int[] show = {40};
        List<Double> listAt = new ArrayList<>(List.of(0.92));
        Args.parse(args, (name, value) -> {
            switch (name) {
                case "pairs" -> pairsFile[0] = Path.of(value);
                case "encoders" -> {
                    encoders.clear();
                    if (!value.equals("none")) {
                        encoders.addAll(Arrays.asList(value.split(",")));
                    }
                }
                case "target" -> target[0] = Double.parseDouble(value);
                case "make-unrelated" -> makeUnrelated[0] = Path.of(value);
                case "max-chars" -> maxChars[0] = Integer.parseInt(value);
                case "answered" -> answered[0] = value.equals("none") ? null : Path.of(value);
                case "show" -> show[0] = Integer.parseInt(value);
                case "list-at" -> {
                    listAt.clear();
                    for (String t : value.split(",")) {
                        listAt.add(Double.parseDouble(t));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        });
        JsonMapper json = JsonMapper.builder().build();
        if (makeUnrelated[0] != null) {
            makeUnrelated(json, pairsFile[0], makeUnrelated[0], maxChars[0]);
        }
        List<Pair> pairs = read(json, pairsFile[0]);
        Map<String, Integer> labels = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        for (Pair p : pairs) {
            labels.merge(p.label(), 1, Integer::sum);
            kinds.merge(p.label() + "/" + p.kind(), 1, Integer::sum);
        }

        System.out.println("# Response cache: semantic threshold quality");
        System.out.printf(
                "# machine: %s, %d cores, load %s, %s%n",
                Machine.cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                Machine.loadAverage(),
                Machine.memory());
        System.out.printf("# set: %s, %d pairs %s%n", pairsFile[0], pairs.size(), labels);
        System.out.printf("# kinds: %s%n", kinds);
        System.out.println("# method: each side is embedded by the encoder (unit vectors), the pair's similarity is"
                + " Embedder.cosine (the dot product), as in ResponseCache.closest; a pair 'hits' at threshold t when"
                + " cosine >= t, and with the guard also when NearMissGuard.compatible(a, b). Paraphrase hit rate ="
                + " hits / paraphrase pairs; false-hit rate = hits / (near_miss + unrelated pairs). Picked threshold ="
                + " the lowest t in 0.80..0.99 whose false-hit rate with the guard is <= " + pct(target[0]) + ".");
        System.out.println();

        // The guard does not depend on the encoder: its own errors once.
        boolean[] compatible = new boolean[pairs.size()];
        long guardNanos = Long.MAX_VALUE;
        for (int round = 0; round < 30; round++) { // the JIT warms up; the fastest round counts (a shared machine)
            long guardStart = System.nanoTime();
            for (int i = 0; i < pairs.size(); i++) {
                compatible[i] =
                        NearMissGuard.compatible(pairs.get(i).a(), pairs.get(i).b());
            }
            guardNanos = Math.min(guardNanos, System.nanoTime() - guardStart);
        }
        double guardMicros = guardNanos / 1e3 / pairs.size();
        guardReport(pairs, compatible, show[0], guardMicros);

        Map<String, Supplier<Embedder>> available = new LinkedHashMap<>();
        available.put("bge-small", BgeSmall::embedder);
        available.put("minilm", MiniLm::embedder);
        Map<String, Double> picked = new LinkedHashMap<>();
        for (String name : encoders) {
            Supplier<Embedder> factory = available.get(name);
            if (factory == null) {
                throw new IllegalArgumentException(
                        "unknown encoder " + name + ", expected one of " + available.keySet());
            }
            Embedder embedder = factory.get();
            double t = encoder(name, embedder, pairs, compatible, target[0], show[0], listAt);
            picked.put(name, t);
            if (answered[0] != null) {
                List<Double> at = new ArrayList<>(listAt);
                if (!Double.isNaN(t)) {
                    at.add(t);
                }
                answered(json, name, embedder, answered[0], at, show[0]);
            }
        }
        System.out.println();
        System.out.println("## Summary");
        picked.forEach((name, t) -> System.out.printf(
                "%s: lowest threshold with false-hit rate (guard) <= %s: %s%n",
                name, pct(target[0]), Double.isNaN(t) ? "none in 0.80..0.99" : String.format(Locale.ROOT, "%.2f", t)));
    }

    private static double encoder(
            String name,
            Embedder embedder,
            List<Pair> pairs,
            boolean[] compatible,
            double target,
            int show,
            List<Double> alsoList) {
        Set<String> texts = new LinkedHashSet<>();
        for (Pair p : pairs) {
            texts.add(p.a());
            texts.add(p.b());
        }
        List<String> list = new ArrayList<>(texts);
        for (int i = 0; i < Math.min(50, list.size()); i++) {
            embedder.embed(list.get(i)); // warm-up
        }
        Map<String, float[]> vectors = new HashMap<>();
        long[] nanos = new long[list.size()];
        for (int i = 0; i < list.size(); i++) {
            long t0 = System.nanoTime();
            vectors.put(list.get(i), embedder.embed(list.get(i)));
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        double[] cos = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            cos[i] = Math.max(
                    -1,
                    Math.min(
                            1,
                            Embedder.cosine(
                                    vectors.get(pairs.get(i).a()),
                                    vectors.get(pairs.get(i).b()))));
        }

        System.out.println();
        System.out.printf("## Encoder %s%n", name);
        System.out.printf(
                Locale.ROOT,
                "time per embedding (one thread, %d distinct texts): mean %.2f ms, p50 %.2f ms, p90 %.2f ms,"
                        + " p99 %.2f ms%n",
                list.size(),
                mean,
                nanos[nanos.length / 2] / 1e6,
                nanos[(int) (nanos.length * 0.9)] / 1e6,
                nanos[(int) (nanos.length * 0.99)] / 1e6);
        cosineSummary(pairs, cos);

        System.out.println();
        System.out.println("| threshold | paraphrase hit (no guard) | false hit (no guard) | paraphrase hit (guard) |"
                + " false hit (guard) | false hits (guard) near_miss / unrelated |");
        System.out.println("|---|---|---|---|---|---|");
        int positives = (int) pairs.stream().filter(Pair::positive).count();
        int negatives = pairs.size() - positives;
        double pickedThreshold = Double.NaN;
        for (double t : THRESHOLDS) {
            int hit = 0;
            int hitGuard = 0;
            int falseHit = 0;
            int falseGuard = 0;
            int falseNear = 0;
            int falseUnrelated = 0;
            for (int i = 0; i < pairs.size(); i++) {
                boolean over = cos[i] >= t;
                boolean guarded = over && compatible[i];
                if (pairs.get(i).positive()) {
                    hit += over ? 1 : 0;
                    hitGuard += guarded ? 1 : 0;
                } else {
                    falseHit += over ? 1 : 0;
                    falseGuard += guarded ? 1 : 0;
                    if (guarded && pairs.get(i).label().equals("near_miss")) {
                        falseNear++;
                    } else if (guarded) {
                        falseUnrelated++;
                    }
                }
            }
            double falseRate = (double) falseGuard / negatives;
            if (Double.isNaN(pickedThreshold) && falseRate <= target) {
                pickedThreshold = t;
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %.2f | %s | %s | %s | %s | %d / %d |%n",
                    t,
                    pct((double) hit / positives),
                    pct((double) falseHit / negatives),
                    pct((double) hitGuard / positives),
                    pct(falseRate),
                    falseNear,
                    falseUnrelated);
        }

        System.out.println();
        System.out.println("False-hit rate per kind (with the guard / without) at each threshold:");
        Map<String, List<Integer>> byKind = new TreeMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            byKind.computeIfAbsent(pairs.get(i).label() + "/" + pairs.get(i).kind(), k -> new ArrayList<>())
                    .add(i);
        }
        StringBuilder header = new StringBuilder("| kind (n) |");
        StringBuilder rule = new StringBuilder("|---|");
        for (double t = 0.80; t < 0.995; t += 0.02) {
            header.append(String.format(Locale.ROOT, " %.2f |", t));
            rule.append("---|");
        }
        System.out.println(header);
        System.out.println(rule);
        for (Map.Entry<String, List<Integer>> e : byKind.entrySet()) {
            StringBuilder row =
                    new StringBuilder("| " + e.getKey() + " (" + e.getValue().size() + ") |");
            for (double t = 0.80; t < 0.995; t += 0.02) {
                double tt = Math.round(t * 100) / 100.0;
                int over = 0;
                int guarded = 0;
                for (int i : e.getValue()) {
                    over += cos[i] >= tt ? 1 : 0;
                    guarded += cos[i] >= tt && compatible[i] ? 1 : 0;
                }
                row.append(String.format(
                        Locale.ROOT,
                        " %.0f/%.0f |",
                        100.0 * guarded / e.getValue().size(),
                        100.0 * over / e.getValue().size()));
            }
            System.out.println(row);
        }
        System.out.println("(percent of the kind's pairs that hit; for paraphrase kinds that is the hit rate)");

        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "Picked threshold for %s: %s%n",
                name,
                Double.isNaN(pickedThreshold) ? "none" : String.format(Locale.ROOT, "%.2f", pickedThreshold));
        Set<Double> listAt = new java.util.TreeSet<>(alsoList);
        if (!Double.isNaN(pickedThreshold)) {
            listAt.add(pickedThreshold);
        }
        for (double at : listAt) {
            errorsAt(at, pairs, cos, compatible, show);
        }
        return pickedThreshold;
    }

    /**
     * A cache that holds every other question of a set with known answers ({@code question}, {@code answer}): for each
     * question, the closest other one (by cosine; with the guard, the closest compatible one), as ResponseCache picks
     * it. A hit is right when the two answers agree and wrong when they differ: the share of questions a full cache
     * would answer wrongly, on ordinary questions rather than adversarial pairs.
     */
    private static void answered(
            JsonMapper json, String name, Embedder embedder, Path file, List<Double> listAt, int show)
            throws IOException {
        List<String> questions = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            questions.add(n.path("question").asString());
            answers.add(n.path("answer").asString().strip().toLowerCase(Locale.ROOT));
        }
        int n = questions.size();
        float[][] v = new float[n][];
        NearMissGuard.Signature[] sig = new NearMissGuard.Signature[n];
        for (int i = 0; i < n; i++) {
            v[i] = embedder.embed(questions.get(i));
            sig[i] = NearMissGuard.of(questions.get(i));
        }
        int[] best = new int[n];
        int[] bestGuarded = new int[n];
        double[] bestCos = new double[n];
        double[] bestGuardedCos = new double[n];
        for (int i = 0; i < n; i++) {
            best[i] = -1;
            bestGuarded[i] = -1;
            bestCos[i] = -2;
            bestGuardedCos[i] = -2;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double c = Embedder.cosine(v[i], v[j]);
                if (c > bestCos[i]) {
                    bestCos[i] = c;
                    best[i] = j;
                }
                if (c > bestGuardedCos[i] && c >= THRESHOLDS[0] && NearMissGuard.compatible(sig[i], sig[j])) {
                    bestGuardedCos[i] = c;
                    bestGuarded[i] = j;
                }
            }
        }
        System.out.println();
        System.out.printf(
                "### %s: a cache holding every other question of %s (%d questions with answers)%n", name, file, n);
        System.out.println(
                "| threshold | right hits, no guard | wrong hits, no guard | right hits, guard | **wrong hits, guard** |");
        System.out.println("|---|---|---|---|---|");
        for (double t : THRESHOLDS) {
            int[] c = new int[4];
            for (int i = 0; i < n; i++) {
                if (bestCos[i] >= t) {
                    c[answers.get(i).equals(answers.get(best[i])) ? 0 : 1]++;
                }
                if (bestGuarded[i] >= 0 && bestGuardedCos[i] >= t) {
                    c[answers.get(i).equals(answers.get(bestGuarded[i])) ? 2 : 3]++;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %.2f | %d (%s) | %d (%s) | %d (%s) | %d (%s) |%n",
                    t,
                    c[0],
                    pct((double) c[0] / n),
                    c[1],
                    pct((double) c[1] / n),
                    c[2],
                    pct((double) c[2] / n),
                    c[3],
                    pct((double) c[3] / n));
        }
        for (double t : new java.util.TreeSet<>(listAt)) {
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int j = bestGuarded[i];
                if (j >= 0 && bestGuardedCos[i] >= t && !answers.get(i).equals(answers.get(j))) {
                    wrong.add(String.format(
                            Locale.ROOT,
                            "  %.3f %s [%s]  <-  %s [%s]",
                            bestGuardedCos[i],
                            questions.get(i),
                            answers.get(i),
                            questions.get(j),
                            answers.get(j)));
                }
            }
            System.out.printf(Locale.ROOT, "Wrong hits with the guard at %.2f (%d):%n", t, wrong.size());
            wrong.stream().sorted().limit(show).forEach(System.out::println);
        }
    }

    private static void errorsAt(double at, List<Pair> pairs, double[] cos, boolean[] compatible, int show) {
        List<String> falseHits = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            String line = String.format(
                    Locale.ROOT,
                    "  %.3f %s/%s [%s] %s  <->  %s",
                    cos[i],
                    p.label(),
                    p.kind(),
                    p.source(),
                    p.a(),
                    p.b());
            if (!p.positive() && cos[i] >= at && compatible[i]) {
                falseHits.add(line);
            } else if (p.positive() && compatible[i] && cos[i] < at) {
                missed.add(line);
            }
        }
        System.out.printf(Locale.ROOT, "False hits with the guard at %.2f (%d):%n", at, falseHits.size());
        falseHits.stream().sorted().limit(show).forEach(System.out::println);
        System.out.printf(
                Locale.ROOT,
                "Paraphrases the guard passes but the threshold %.2f misses (%d; the %d closest):%n",
                at,
                missed.size(),
                Math.min(show, missed.size()));
        missed.stream().sorted(java.util.Comparator.reverseOrder()).limit(show).forEach(System.out::println);
    }

    private static void cosineSummary(List<Pair> pairs, double[] cos) {
        Map<String, List<Double>> byLabel = new TreeMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            byLabel.computeIfAbsent(pairs.get(i).label(), k -> new ArrayList<>())
                    .add(cos[i]);
        }
        for (Map.Entry<String, List<Double>> e : byLabel.entrySet()) {
            double[] v = e.getValue().stream()
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
            System.out.printf(
                    Locale.ROOT,
                    "cosine %-10s n=%d  min %.3f  p10 %.3f  p50 %.3f  p90 %.3f  max %.3f%n",
                    e.getKey(),
                    v.length,
                    v[0],
                    v[(int) (v.length * 0.1)],
                    v[v.length / 2],
                    v[(int) (v.length * 0.9)],
                    v[v.length - 1]);
        }
    }

    private static void guardReport(List<Pair> pairs, boolean[] compatible, int show, double micros) {
        System.out.printf(
                Locale.ROOT,
                "## NearMissGuard alone (any threshold; %.1f us per pair, both signatures included, fastest of 30 rounds)%n",
                micros);
        Map<String, int[]> byKind = new TreeMap<>();
        List<String> rejected = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            int[] c = byKind.computeIfAbsent(p.label() + "/" + p.kind(), k -> new int[2]);
            c[0]++;
            c[1] += compatible[i] ? 1 : 0;
            String line = String.format("  %s/%s [%s] %s  <->  %s", p.label(), p.kind(), p.source(), p.a(), p.b());
            if (p.positive() && !compatible[i]) {
                rejected.add(line);
            } else if (p.label().equals("near_miss") && compatible[i]) {
                passed.add(line);
            }
        }
        System.out.println("| kind | pairs | guard passes |");
        System.out.println("|---|---|---|");
        byKind.forEach(
                (k, c) -> System.out.printf("| %s | %d | %d (%s) |%n", k, c[0], c[1], pct((double) c[1] / c[0])));
        System.out.printf("Paraphrases the guard rejects (%d):%n", rejected.size());
        rejected.stream().limit(show).forEach(System.out::println);
        System.out.printf("Near misses the guard lets through (%d; the threshold must stop these):%n", passed.size());
        passed.stream().limit(show).forEach(System.out::println);
    }

    private static List<Pair> read(JsonMapper json, Path file) throws IOException {
        List<Pair> pairs = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            pairs.add(new Pair(
                    n.path("a").asString(),
                    n.path("b").asString(),
                    n.path("label").asString(),
                    n.path("kind").asString(),
                    n.path("source").asString()));
        }
        return pairs;
    }

    /**
     * Replaces the set's "unrelated" pairs: for each question stem of {@code dev} (the text before "The options are:",
     * at most {@code maxChars} long), its nearest other stem of the same skill by bge-small cosine, each unordered pair
     * once.
     */
    private static void makeUnrelated(JsonMapper json, Path pairsFile, Path dev, int maxChars) throws IOException {
        List<String> stems = new ArrayList<>();
        List<String> skills = new ArrayList<>();
        for (String line : Files.readAllLines(dev)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            String question = n.path("question").asString();
            int cut = question.indexOf("The options are:");
            String stem = (cut < 0 ? question : question.substring(0, cut)).strip();
            if (stem.isEmpty() || stem.length() > maxChars) {
                continue;
            }
            stems.add(stem);
            skills.add(n.path("skill").asString());
        }
        Embedder bge = BgeSmall.embedder();
        List<float[]> vectors = stems.stream().map(bge::embed).toList();
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(pairsFile)) {
            if (!line.isBlank() && !json.readTree(line).path("label").asString().equals("unrelated")) {
                out.add(line);
            }
        }
        for (int i = 0; i < stems.size(); i++) {
            int best = -1;
            double bestCos = -2;
            for (int j = 0; j < stems.size(); j++) {
                if (j != i
                        && skills.get(j).equals(skills.get(i))
                        && !stems.get(j).equals(stems.get(i))) {
                    double c = Embedder.cosine(vectors.get(i), vectors.get(j));
                    if (c > bestCos) {
                        bestCos = c;
                        best = j;
                    }
                }
            }
            if (best < 0 || !seen.add(Math.min(i, best) + ":" + Math.max(i, best))) {
                continue;
            }
            ObjectNode n = json.createObjectNode();
            n.put("a", stems.get(i));
            n.put("b", stems.get(best));
            n.put("label", "unrelated");
            n.put("kind", "nearest-dev");
            n.put("source", "mmlu-pro-dev");
            n.put("skill", skills.get(i));
            out.add(json.writeValueAsString(n));
        }
        Files.write(pairsFile, out);
        System.out.printf(
                "# wrote %d unrelated pairs (nearest dev-set stem of the same skill) to %s%n", seen.size(), pairsFile);
    }

    private static String pct(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * rate);
    }

    private static double[] thresholds() {
        double[] t = new double[20];
        for (int i = 0; i < t.length; i++) {
            t[i] = (80 + i) / 100.0;
        }
        return t;
    }
}
