package io.coerouter.aggregate;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.TokenListener;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an aggregator merges.
 *
 * @param request the client's request (the question an LLM aggregator is shown)
 * @param candidates the recruited experts' outcomes, best routing score first, failed ones included and marked
 * @param tokens where an aggregator that writes text (synthesis) streams it; {@link TokenListener#NONE} otherwise
 * @param deadline when the whole request must be answered; an LLM aggregator past it falls back to a vote
 */
public record AggregationInput(
        ExpertRequest request, List<Candidate> candidates, TokenListener tokens, Instant deadline) {

    public AggregationInput {
        Objects.requireNonNull(request, "request must not be null");
        Objects.requireNonNull(candidates, "candidates must not be null");
        Objects.requireNonNull(tokens, "tokens must not be null");
        Objects.requireNonNull(deadline, "deadline must not be null");
        candidates = List.copyOf(candidates);
    }

    /** Candidates only: no question, no streaming, no deadline (for aggregators that only pick among answers). */
    public static AggregationInput of(List<Candidate> candidates) {
        return new AggregationInput(
                ExpertRequest.builder().addMessage(ChatMessage.user("")).build(),
                candidates,
                TokenListener.NONE,
                Instant.MAX);
    }

    /** A question and its candidates, with no streaming and no deadline (offline evaluation). */
    public static AggregationInput of(String question, List<Candidate> candidates) {
        return new AggregationInput(ExpertRequest.of(question), candidates, TokenListener.NONE, Instant.MAX);
    }

    /** The candidates that answered, in order. */
    public List<Candidate> answered() {
        return candidates.stream().filter(Candidate::succeeded).toList();
    }
}
