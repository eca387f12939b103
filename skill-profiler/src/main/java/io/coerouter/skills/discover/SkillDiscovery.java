package io.coerouter.skills.discover;

import io.coerouter.skills.embed.Embedder;
import io.coerouter.skills.profile.EvalItem;
import io.coerouter.skills.taxonomy.Skill;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Discovers skills in unlabelled questions. Each question (its first {@value #EMBEDDED_CHARS} characters) is embedded
 * and normalised; spherical k-means++ ({@link SphericalKMeans}) clusters them into k clusters, k given or chosen in
 * {@code [minK, maxK]} as the one with the highest mean silhouette (cosine distance; ties: the smaller k), both
 * computed on a seeded sample of at most {@code silhouetteSample} questions, after which all questions are clustered
 * with that k. Each cluster becomes a skill: its id from its two most distinctive terms ({@link ClusterTerms}), its
 * description from its top terms, its examples the {@code examplesPerSkill} distinct questions nearest its centre.
 * Deterministic: the same questions, embedder and configuration give the same discovery.
 */
public final class SkillDiscovery {

    /** How much of each question is embedded: about 250 tokens, beyond which MiniLM adds little and costs more. */
    public static final int EMBEDDED_CHARS = 1_000;

    /** Terms kept per cluster (the description lists them; the id uses the first two or three). */
    static final int TERMS = 8;

    private SkillDiscovery() {}

    /**
     * The skills of {@code questions}.
     *
     * @throws DiscoveryException when there are more than {@code maxQuestions}, fewer than k, or too few to choose k
     */
    public static Discovery discover(List<DiscoveryQuestion> questions, Embedder embedder, DiscoveryConfig config) {
        Objects.requireNonNull(questions, "questions must not be null");
        Objects.requireNonNull(embedder, "embedder must not be null");
        Objects.requireNonNull(config, "config must not be null");
        int n = questions.size();
        if (n > config.maxQuestions()) {
            throw new DiscoveryException(
                    DiscoveryException.Kind.TOO_MANY_QUESTIONS,
                    0,
                    n + " questions is more than " + config.maxQuestions());
        }
        if (config.k() != null && n < config.k()) {
            throw new DiscoveryException(
                    DiscoveryException.Kind.TOO_FEW_QUESTIONS,
                    0,
                    config.k() + " clusters need at least " + config.k() + " questions, but there are " + n);
        }
        if (config.k() == null && n <= config.minK()) {
            throw new DiscoveryException(
                    DiscoveryException.Kind.TOO_FEW_QUESTIONS,
                    0,
                    "choosing k from " + config.minK() + " needs more than " + config.minK() + " questions, but there"
                            + " are " + n + "; give k");
        }
        float[][] points = new float[n][];
        for (int i = 0; i < n; i++) {
            String text = questions.get(i).question();
            points[i] = Embedder.normalise(
                    embedder.embed(text.length() <= EMBEDDED_CHARS ? text : text.substring(0, EMBEDDED_CHARS)));
        }

        int[] sample = sample(n, config.silhouetteSample(), config.seed());
        float[][] samplePoints = Arrays.stream(sample).mapToObj(i -> points[i]).toArray(float[][]::new);
        Silhouette silhouette = Silhouette.of(samplePoints);
        List<Discovery.Candidate> candidates = new ArrayList<>();
        int k;
        Discovery.KChoice chosenBy;
        SphericalKMeans.Result chosen = null;
        if (config.k() != null) {
            k = config.k();
            chosenBy = Discovery.KChoice.GIVEN;
        } else {
            int top = Math.min(config.maxK(), sample.length - 1);
            k = config.minK();
            double best = Double.NEGATIVE_INFINITY;
            for (int candidate = config.minK(); candidate <= top; candidate++) {
                SphericalKMeans.Result result = SphericalKMeans.cluster(
                        samplePoints, candidate, config.restarts(), config.maxIterations(), config.seed());
                double score = silhouette.score(result.assignment(), candidate);
                candidates.add(new Discovery.Candidate(candidate, score));
                if (score > best) {
                    best = score;
                    k = candidate;
                    chosen = result;
                }
            }
            chosenBy = Discovery.KChoice.SILHOUETTE;
        }
        // When the sample is every question (in order) the chosen k's clustering is already the final one.
        SphericalKMeans.Result result = chosen != null && sample.length == n
                ? chosen
                : SphericalKMeans.cluster(points, k, config.restarts(), config.maxIterations(), config.seed());
        int[] assignment = bySize(result.assignment(), k);
        float[][] centroids = new float[k][];
        int[] order = order(result.assignment(), k);
        for (int c = 0; c < k; c++) {
            centroids[c] = result.centroids()[order[c]];
        }
        int[] sampled = Arrays.stream(sample).map(i -> assignment[i]).toArray();
        double score = silhouette.score(sampled, k);

        List<String> texts = questions.stream().map(DiscoveryQuestion::question).toList();
        List<List<String>> terms = ClusterTerms.top(texts, assignment, k, TERMS);
        List<String> ids = ClusterTerms.ids(terms);
        List<Skill> skills = new ArrayList<>();
        List<DiscoveredCluster> clusters = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int cluster = c;
            int[] members =
                    IntStream.range(0, n).filter(i -> assignment[i] == cluster).toArray();
            double cohesion = Arrays.stream(members)
                    .mapToDouble(i -> Embedder.cosine(points[i], centroids[cluster]))
                    .average()
                    .orElse(0);
            int answered = (int) Arrays.stream(members)
                    .filter(i -> questions.get(i).answered())
                    .count();
            skills.add(new Skill(
                    ids.get(c),
                    description(members.length, terms.get(c)),
                    examples(members, points, centroids[c], texts, config.examplesPerSkill())));
            clusters.add(new DiscoveredCluster(ids.get(c), members.length, answered, terms.get(c), cohesion));
        }
        List<String> assignments = Arrays.stream(assignment).mapToObj(ids::get).toList();
        List<EvalItem> evalItems = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DiscoveryQuestion q = questions.get(i);
            if (q.answered()) {
                evalItems.add(new EvalItem(
                        q.line(), q.question(), q.answer(), List.of(assignments.get(i)), q.grader(), null));
            }
        }
        return new Discovery(
                new SkillTaxonomy(skills), clusters, k, chosenBy, score, candidates, assignments, evalItems);
    }

    /** A seeded sample of at most {@code max} of {@code n} indices, in ascending order (all of them when n <= max). */
    private static int[] sample(int n, int max, long seed) {
        int[] all = IntStream.range(0, n).toArray();
        if (n <= max) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] sample = Arrays.copyOf(all, max);
        Arrays.sort(sample);
        return sample;
    }

    /** The clusters' old numbers, largest first (ties: the one whose first question comes first). */
    private static int[] order(int[] assignment, int k) {
        int[] sizes = new int[k];
        int[] first = new int[k];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < assignment.length; i++) {
            sizes[assignment[i]]++;
            first[assignment[i]] = Math.min(first[assignment[i]], i);
        }
        return IntStream.range(0, k)
                .boxed()
                .sorted(Comparator.<Integer>comparingInt(c -> -sizes[c]).thenComparingInt(c -> first[c]))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** {@code assignment} renumbered so that cluster 0 is the largest. */
    private static int[] bySize(int[] assignment, int k) {
        int[] order = order(assignment, k);
        int[] renumber = new int[k];
        for (int c = 0; c < k; c++) {
            renumber[order[c]] = c;
        }
        return Arrays.stream(assignment).map(a -> renumber[a]).toArray();
    }

    private static String description(int size, List<String> terms) {
        return terms.isEmpty()
                ? "A group of " + size + " similar questions (discovered without labels)."
                : "Questions about " + String.join(", ", terms) + " (discovered without labels from " + size
                        + " questions).";
    }

    /** The distinct questions (case and spacing aside) nearest the centre, nearest first, at most {@code limit}. */
    private static List<String> examples(
            int[] members, float[][] points, float[] centroid, List<String> texts, int limit) {
        Integer[] byNearness = Arrays.stream(members).boxed().toArray(Integer[]::new);
        double[] similarity = new double[points.length];
        for (int i : members) {
            similarity[i] = Embedder.cosine(points[i], centroid);
        }
        Arrays.sort(
                byNearness,
                Comparator.<Integer>comparingDouble(i -> -similarity[i]).thenComparingInt(i -> i));
        Set<String> seen = new HashSet<>();
        List<String> examples = new ArrayList<>();
        for (int i : byNearness) {
            String text = texts.get(i).strip();
            if (examples.size() < limit && seen.add(text.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT))) {
                examples.add(text);
            }
        }
        return examples;
    }
}
