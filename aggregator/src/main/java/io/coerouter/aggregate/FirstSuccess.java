package io.coerouter.aggregate;

/** The first answer that arrived; for latency-sensitive traffic, the router cancels the others. */
final class FirstSuccess implements Aggregator {

    @Override
    public String id() {
        return "first";
    }

    @Override
    public Aggregation doAggregate(AggregationInput input) {
        Candidate first = input.answered().getFirst();
        return Aggregation.picked(
                id(),
                first,
                "took the first answer to arrive, from '" + first.expertId() + "'" + Candidates.failedNote(input));
    }
}
