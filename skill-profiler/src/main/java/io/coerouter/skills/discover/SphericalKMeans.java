package io.coerouter.skills.discover;

import io.coerouter.skills.embed.Embedder;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means on unit vectors with cosine similarity (spherical k-means): k-means++ seeding (each next centre drawn with
 * probability proportional to its squared distance {@code 2 - 2 cos} from the nearest centre chosen), then Lloyd
 * iterations whose centres are the normalised means of their members. Seeded, so the same input gives the same
 * clusters. A cluster left empty takes the point least similar to its own centre.
 */
final class SphericalKMeans {

    /**
     * One clustering.
     *
     * @param assignment the cluster of each point
     * @param centroids unit-length centre of each cluster
     * @param cohesion the mean cosine similarity of the points with their centres (higher is tighter)
     */
    record Result(int[] assignment, float[][] centroids, double cohesion) {}

    private SphericalKMeans() {}

    /** The most cohesive of {@code restarts} runs on {@code points} (unit vectors) with {@code k} clusters. */
    static Result cluster(float[][] points, int k, int restarts, int maxIterations, long seed) {
        if (k < 1 || k > points.length) {
            throw new IllegalArgumentException("k must be from 1 to " + points.length + ", but was " + k);
        }
        Result best = null;
        for (int r = 0; r < restarts; r++) {
            // One independent, reproducible stream per (seed, k, restart).
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + k * 7_919L + r);
            Result result = run(points, k, maxIterations, random);
            if (best == null || result.cohesion() > best.cohesion()) {
                best = result;
            }
        }
        return best;
    }

    private static Result run(float[][] points, int k, int maxIterations, SplittableRandom random) {
        int n = points.length;
        int dims = points[0].length;
        float[][] centroids = seed(points, k, random);
        int[] assignment = new int[n];
        Arrays.fill(assignment, -1);
        double[] similarity = new double[n];
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestSimilarity = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double s = Embedder.cosine(points[i], centroids[c]);
                    if (s > bestSimilarity) {
                        bestSimilarity = s;
                        best = c;
                    }
                }
                similarity[i] = bestSimilarity;
                if (assignment[i] != best) {
                    assignment[i] = best;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            centroids = means(points, assignment, k, dims);
            fillEmpty(points, assignment, centroids, similarity);
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += Embedder.cosine(points[i], centroids[assignment[i]]);
        }
        return new Result(assignment, centroids, total / n);
    }

    /** k-means++: the first centre uniformly, each next one with probability proportional to D². */
    private static float[][] seed(float[][] points, int k, SplittableRandom random) {
        int n = points.length;
        float[][] centroids = new float[k][];
        centroids[0] = points[random.nextInt(n)].clone();
        double[] distance = new double[n];
        Arrays.fill(distance, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double d = Math.max(0, 2 - 2 * Embedder.cosine(points[i], centroids[c - 1]));
                distance[i] = Math.min(distance[i], d);
                sum += distance[i];
            }
            int chosen;
            if (sum <= 0) {
                chosen = random.nextInt(n); // every point is a centre already (duplicates): any will do
            } else {
                double target = random.nextDouble() * sum;
                chosen = n - 1;
                for (int i = 0; i < n; i++) {
                    target -= distance[i];
                    if (target < 0) {
                        chosen = i;
                        break;
                    }
                }
            }
            centroids[c] = points[chosen].clone();
        }
        return centroids;
    }

    private static float[][] means(float[][] points, int[] assignment, int k, int dims) {
        double[][] sums = new double[k][dims];
        for (int i = 0; i < points.length; i++) {
            double[] sum = sums[assignment[i]];
            float[] p = points[i];
            for (int d = 0; d < dims; d++) {
                sum[d] += p[d];
            }
        }
        float[][] centroids = new float[k][];
        for (int c = 0; c < k; c++) {
            centroids[c] = normalise(sums[c]);
        }
        return centroids;
    }

    /**
     * Gives each empty cluster (zero centre) the point least similar to its centre, taken from a cluster that keeps at
     * least one other member; the next assignment step settles the rest.
     */
    private static void fillEmpty(float[][] points, int[] assignment, float[][] centroids, double[] similarity) {
        int k = centroids.length;
        int[] sizes = new int[k];
        for (int a : assignment) {
            sizes[a]++;
        }
        for (int c = 0; c < k; c++) {
            if (sizes[c] > 0) {
                continue;
            }
            int worst = -1;
            for (int i = 0; i < points.length; i++) {
                if (sizes[assignment[i]] > 1 && (worst < 0 || similarity[i] < similarity[worst])) {
                    worst = i;
                }
            }
            if (worst < 0) {
                return; // fewer distinct members than clusters; nothing to move
            }
            sizes[assignment[worst]]--;
            assignment[worst] = c;
            sizes[c] = 1;
            similarity[worst] = 1;
            centroids[c] = points[worst].clone();
        }
    }

    private static float[] normalise(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                out[i] = (float) (v[i] / norm);
            }
        }
        return out;
    }
}
