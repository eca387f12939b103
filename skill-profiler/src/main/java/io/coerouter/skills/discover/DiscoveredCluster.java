package io.coerouter.skills.discover;

import java.util.List;

/**
 * One discovered cluster, the skill it became and how it looks.
 *
 * @param id the skill's id
 * @param size how many questions it holds
 * @param answered how many of them came with a reference answer (its share of the evaluation set)
 * @param terms its most distinctive terms, best first
 * @param cohesion the mean cosine similarity of its questions with its centre (higher is tighter)
 */
public record DiscoveredCluster(String id, int size, int answered, List<String> terms, double cohesion) {

    public DiscoveredCluster {
        terms = List.copyOf(terms);
    }
}
