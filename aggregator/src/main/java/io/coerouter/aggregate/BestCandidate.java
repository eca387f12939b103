package io.coerouter.aggregate;

import java.util.Comparator;

/** Picks the answer of the highest-scored candidate that answered. */
final class BestCandidate implements Aggregator {

    @Override
    public String id() {
        return "best";
    }

    @Override
    public Aggregation doAggregate(AggregationInput input) {
        Candidate best = input.answered().stream()
                .max(Comparator.comparingDouble(Candidate::score))
                .orElseThrow();
        return Aggregation.picked(
                id(),
                best,
                "took the answer of '" + best.expertId() + "', the best-scored of "
                        + input.answered().size() + " that answered" + Candidates.failedNote(input));
    }
}
