package io.coerouter.aggregate;

import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenUsage;
import java.util.Objects;

/**
 * The final answer and how it was reached.
 *
 * @param aggregator the id of the aggregator that decided
 * @param text the answer
 * @param finishReason why the chosen answer ended
 * @param usage tokens of every call the aggregation made itself (not the candidates')
 * @param trace one sentence a person can read
 */
public record Aggregation(String aggregator, String text, FinishReason finishReason, TokenUsage usage, String trace) {

    public Aggregation {
        Objects.requireNonNull(aggregator, "aggregator must not be null");
        Objects.requireNonNull(text, "text must not be null");
        Objects.requireNonNull(finishReason, "finishReason must not be null");
        Objects.requireNonNull(usage, "usage must not be null");
        Objects.requireNonNull(trace, "trace must not be null");
    }
}
