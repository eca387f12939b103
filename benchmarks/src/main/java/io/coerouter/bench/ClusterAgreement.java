package io.coerouter.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How well clusters agree with labels: purity (each cluster counted as its majority label), the adjusted Rand index
 * (pair agreement corrected for chance: 0 random, 1 identical) and normalised mutual information (arithmetic-mean
 * normalisation, as scikit-learn's default).
 *
 * @param purity share of items whose cluster's majority label is theirs
 * @param adjustedRand the adjusted Rand index
 * @param nmi the normalised mutual information
 */
record ClusterAgreement(double purity, double adjustedRand, double nmi) {

    static ClusterAgreement of(List<String> clusters, List<String> labels) {
        int n = clusters.size();
        Map<String, Map<String, Integer>> table = new HashMap<>();
        Map<String, Integer> clusterSizes = new HashMap<>();
        Map<String, Integer> labelSizes = new HashMap<>();
        for (int i = 0; i < n; i++) {
            table.computeIfAbsent(clusters.get(i), c -> new HashMap<>()).merge(labels.get(i), 1, Integer::sum);
            clusterSizes.merge(clusters.get(i), 1, Integer::sum);
            labelSizes.merge(labels.get(i), 1, Integer::sum);
        }
        double majority = table.values().stream()
                .mapToInt(row ->
                        row.values().stream().mapToInt(Integer::intValue).max().orElse(0))
                .sum();
        double pairs = 0;
        double mutual = 0;
        for (var row : table.entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                int count = cell.getValue();
                pairs += choose2(count);
                mutual += (double) count
                        / n
                        * Math.log((double) count
                                * n
                                / ((double) clusterSizes.get(row.getKey()) * labelSizes.get(cell.getKey())));
            }
        }
        double clusterPairs = clusterSizes.values().stream()
                .mapToDouble(ClusterAgreement::choose2)
                .sum();
        double labelPairs = labelSizes.values().stream()
                .mapToDouble(ClusterAgreement::choose2)
                .sum();
        double expected = clusterPairs * labelPairs / choose2(n);
        double maxIndex = (clusterPairs + labelPairs) / 2;
        double ari = maxIndex == expected ? 1 : (pairs - expected) / (maxIndex - expected);
        double hClusters = entropy(clusterSizes, n);
        double hLabels = entropy(labelSizes, n);
        double nmi = hClusters + hLabels == 0 ? 1 : 2 * mutual / (hClusters + hLabels);
        return new ClusterAgreement(majority / n, ari, nmi);
    }

    private static double choose2(double x) {
        return x * (x - 1) / 2;
    }

    private static double entropy(Map<String, Integer> sizes, int n) {
        return -sizes.values().stream()
                .mapToDouble(s -> (double) s / n * Math.log((double) s / n))
                .sum();
    }
}
