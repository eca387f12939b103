package io.coerouter.skills.classify;

/**
 * Multinomial logistic regression on standardised features, fitted by full-batch Adam from zero weights (so the
 * same data always gives the same model). Small on purpose: a few hundred examples of a few hundred dimensions
 * train in well under a second.
 */
final class SoftmaxRegression {

    private final int classes;
    private final int dims;
    private final float[] mean;
    private final float[] scale;
    /** classes rows of dims weights then the bias. */
    private final double[][] w;

    private SoftmaxRegression(int classes, int dims, float[] mean, float[] scale, double[][] w) {
        this.classes = classes;
        this.dims = dims;
        this.mean = mean;
        this.scale = scale;
        this.w = w;
    }

    /** Fits {@code x} (rows of equal length) to labels {@code y} in {@code 0..classes-1}. */
    static SoftmaxRegression fit(float[][] x, int[] y, int classes, double l2, int epochs) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("need as many labels as rows, and at least one row");
        }
        int n = x.length;
        int d = x[0].length;
        float[] mean = new float[d];
        float[] scale = new float[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                float c = row[j] - mean[j];
                scale[j] += c * c / n;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = (float) (1 / (Math.sqrt(scale[j]) + 1e-6));
        }
        float[][] z = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) * scale[j];
            }
        }
        double[][] w = new double[classes][d + 1];
        double[][] m = new double[classes][d + 1];
        double[][] v = new double[classes][d + 1];
        double rate = 0.05;
        double b1 = 0.9;
        double b2 = 0.999;
        double[] p = new double[classes];
        for (int t = 1; t <= epochs; t++) {
            double[][] g = new double[classes][d + 1];
            for (int i = 0; i < n; i++) {
                probabilities(w, z[i], d, p);
                p[y[i]] -= 1;
                for (int c = 0; c < classes; c++) {
                    double pc = p[c] / n;
                    double[] gc = g[c];
                    float[] zi = z[i];
                    for (int j = 0; j < d; j++) {
                        gc[j] += pc * zi[j];
                    }
                    gc[d] += pc;
                }
            }
            double c1 = 1 - Math.pow(b1, t);
            double c2 = 1 - Math.pow(b2, t);
            for (int c = 0; c < classes; c++) {
                for (int j = 0; j <= d; j++) {
                    double gradient = g[c][j] + (j < d ? l2 * w[c][j] : 0);
                    m[c][j] = b1 * m[c][j] + (1 - b1) * gradient;
                    v[c][j] = b2 * v[c][j] + (1 - b2) * gradient * gradient;
                    w[c][j] -= rate * (m[c][j] / c1) / (Math.sqrt(v[c][j] / c2) + 1e-8);
                }
            }
        }
        return new SoftmaxRegression(classes, d, mean, scale, w);
    }

    /** The log-probability of each class for {@code features}. */
    double[] logProbabilities(float[] features) {
        if (features.length != dims) {
            throw new IllegalArgumentException("expected " + dims + " features, got " + features.length);
        }
        float[] z = new float[dims];
        for (int j = 0; j < dims; j++) {
            z[j] = (features[j] - mean[j]) * scale[j];
        }
        double[] p = new double[classes];
        probabilities(w, z, dims, p);
        for (int c = 0; c < classes; c++) {
            p[c] = Math.log(Math.max(p[c], 1e-12));
        }
        return p;
    }

    private static void probabilities(double[][] w, float[] z, int d, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            double[] wc = w[c];
            double a = wc[d];
            for (int j = 0; j < d; j++) {
                a += wc[j] * z[j];
            }
            out[c] = a;
            max = Math.max(max, a);
        }
        double sum = 0;
        for (int c = 0; c < w.length; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < w.length; c++) {
            out[c] /= sum;
        }
    }
}
