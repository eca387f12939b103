package io.coerouter.aggregate;

import io.coerouter.expert.TokenUsage;
import java.util.Comparator;
import java.util.List;

/** Picks the answer of the highest-scored candidate that answered. */
final class BestCandidate implements Aggregator {

    @Override
    public String id() {
        return "best";
    }

    @Override
    public Aggregation doAggregate(List<Candidate> candidates) {
        Candidate best = candidates.stream()
                .filter(Candidate::succeeded)
                .max(Comparator.comparingDouble(Candidate::score))
                .orElseThrow();
        long answered = candidates.stream().filter(Candidate::succeeded).count();
        return new Aggregation(
                id(),
                best.response().text(),
                best.response().finishReason(),
                TokenUsage.ZERO,
                "took the answer of '" + best.expertId() + "', the best-scored of " + answered + " that answered");
    }
}
