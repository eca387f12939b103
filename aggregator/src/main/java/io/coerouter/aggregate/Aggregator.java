package io.coerouter.aggregate;

import java.util.List;
import java.util.Objects;

/**
 * Merges the candidates of one request into one answer. {@link #aggregate} checks that at least one candidate
 * answered; implementations supply {@link #doAggregate}.
 */
public interface Aggregator {

    /** The id a request names in {@code coe.aggregator}. */
    String id();

    /**
     * One answer from {@code candidates}, best routing score first.
     *
     * @throws AllCandidatesFailedException when no candidate answered
     */
    default Aggregation aggregate(List<Candidate> candidates) {
        Objects.requireNonNull(candidates, "candidates must not be null");
        if (candidates.stream().noneMatch(Candidate::succeeded)) {
            throw new AllCandidatesFailedException(candidates);
        }
        return doAggregate(candidates);
    }

    /** The aggregation itself; at least one candidate answered. */
    Aggregation doAggregate(List<Candidate> candidates);

    /** Returns the best-scored answer unchanged: the only sensible choice with one expert. */
    static Aggregator best() {
        return new BestCandidate();
    }
}
