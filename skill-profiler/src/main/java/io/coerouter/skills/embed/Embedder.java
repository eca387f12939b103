package io.coerouter.skills.embed;

import java.util.Objects;

/**
 * Turns text into a unit-length vector whose dot products are cosine similarities. {@link #embed} checks its input;
 * implementations supply {@link #doEmbed}. The in-process MiniLM implementation lives in the embeddings-minilm module
 * ({@code io.coerouter.embed.minilm.MiniLm.embedder()}), so this module needs no ONNX Runtime.
 */
public interface Embedder {

    /** The unit-length embedding of {@code text}. */
    default float[] embed(String text) {
        Objects.requireNonNull(text, "text must not be null");
        return doEmbed(text);
    }

    /** The embedding itself, normalised to unit length. */
    float[] doEmbed(String text);

    /**
     * {@code delegate} behind a bounded least-recently-used cache keyed by a hash of the normalised text (trimmed,
     * whitespace collapsed, lower case: the MiniLM tokenizer is uncased, so case never changes an embedding).
     */
    static CachedEmbedder cached(Embedder delegate, int maxEntries) {
        return new CachedEmbedder(delegate, maxEntries);
    }

    /** The cosine similarity of two unit vectors. */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    /** {@code v} scaled to unit length (a zero vector stays zero). */
    static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = norm == 0 ? 0 : (float) (v[i] / norm);
        }
        return out;
    }

    /** The normalised mean of {@code vectors}. */
    static float[] centroid(Iterable<float[]> vectors) {
        float[] sum = null;
        for (float[] v : vectors) {
            if (sum == null) {
                sum = new float[v.length];
            }
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
        }
        if (sum == null) {
            throw new IllegalArgumentException("a centroid needs at least one vector");
        }
        return normalise(sum);
    }
}
