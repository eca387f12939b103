package io.coerouter.skills.discover;

import io.coerouter.skills.embed.Embedder;

/**
 * The mean silhouette of a clustering under cosine distance {@code 1 - cos}: for each point, a = its mean distance to
 * the rest of its cluster, b = its mean distance to the nearest other cluster, s = (b - a) / max(a, b); a point alone
 * in its cluster scores 0. From -1 to 1, higher is better separated. The pairwise similarities are computed once and
 * reused for every k.
 */
final class Silhouette {

    private final float[][] similarity;

    private Silhouette(float[][] similarity) {
        this.similarity = similarity;
    }

    /** Over {@code points} (unit vectors): n² similarities, so callers pass a bounded sample. */
    static Silhouette of(float[][] points) {
        int n = points.length;
        float[][] similarity = new float[n][n];
        for (int i = 0; i < n; i++) {
            similarity[i][i] = 1;
            for (int j = i + 1; j < n; j++) {
                float s = (float) Embedder.cosine(points[i], points[j]);
                similarity[i][j] = s;
                similarity[j][i] = s;
            }
        }
        return new Silhouette(similarity);
    }

    /** The mean silhouette of {@code assignment} (one cluster of {@code k} per point, in the order given to {@link #of}). */
    double score(int[] assignment, int k) {
        int n = assignment.length;
        int[] sizes = new int[k];
        for (int a : assignment) {
            sizes[a]++;
        }
        double total = 0;
        double[] distance = new double[k];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(distance, 0);
            float[] row = similarity[i];
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    distance[assignment[j]] += 1 - row[j];
                }
            }
            int own = assignment[i];
            if (sizes[own] <= 1) {
                continue; // a singleton scores 0
            }
            double a = distance[own] / (sizes[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && sizes[c] > 0) {
                    b = Math.min(b, distance[c] / sizes[c]);
                }
            }
            if (b == Double.POSITIVE_INFINITY) {
                continue; // one cluster only
            }
            double max = Math.max(a, b);
            total += max == 0 ? 0 : (b - a) / max;
        }
        return total / n;
    }
}
