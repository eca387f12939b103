package io.coerouter.aggregate;

import io.coerouter.expert.Expert;
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
     * One answer from the input's candidates.
     *
     * @throws AllCandidatesFailedException when no candidate answered
     */
    default Aggregation aggregate(AggregationInput input) {
        Objects.requireNonNull(input, "input must not be null");
        if (input.candidates().stream().noneMatch(Candidate::succeeded)) {
            throw new AllCandidatesFailedException(input.candidates());
        }
        return doAggregate(input);
    }

    /** One answer from {@code candidates} alone (no question, no streaming, no deadline). */
    default Aggregation aggregate(List<Candidate> candidates) {
        return aggregate(AggregationInput.of(candidates));
    }

    /** The aggregation itself; at least one candidate answered. */
    Aggregation doAggregate(AggregationInput input);

    /** The best-scored answer unchanged: the only sensible choice with one expert. */
    static Aggregator best() {
        return new BestCandidate();
    }

    /** The first candidate that answered, in the order given (the router gives completion order for {@code first}). */
    static Aggregator first() {
        return new FirstSuccess();
    }

    /** Majority vote over extracted answers; ties go to the higher summed routing score. */
    static Aggregator vote(AnswerExtractor extractor) {
        return new Vote(extractor, false);
    }

    /** Vote weighted by each candidate's routing score (its profile score on the query's skills). */
    static Aggregator weightedVote(AnswerExtractor extractor) {
        return new Vote(extractor, true);
    }

    /**
     * Mixture-of-Agents synthesis: {@code synthesizer} reads the question and the answers and writes one answer,
     * streamed to the client; when it fails or the deadline has passed, {@code fallback} decides.
     */
    static Aggregator synthesis(Expert synthesizer, Aggregator fallback) {
        return new Synthesis(synthesizer, fallback);
    }

    /** Best-of-n: {@code judge} names the best answer, which is returned unchanged; {@code fallback} if it cannot. */
    static Aggregator judge(Expert judge, Aggregator fallback) {
        return new Judge(judge, fallback);
    }
}
