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
 * @param streamed whether {@code text} already went to the input's token listener
 */
public record Aggregation(
        String aggregator, String text, FinishReason finishReason, TokenUsage usage, String trace, boolean streamed) {

    public Aggregation {
        Objects.requireNonNull(aggregator, "aggregator must not be null");
        Objects.requireNonNull(text, "text must not be null");
        Objects.requireNonNull(finishReason, "finishReason must not be null");
        Objects.requireNonNull(usage, "usage must not be null");
        Objects.requireNonNull(trace, "trace must not be null");
    }

    /** A decision that picked one candidate's answer unchanged. */
    static Aggregation picked(String aggregator, Candidate chosen, String trace) {
        return new Aggregation(
                aggregator, chosen.response().text(), chosen.response().finishReason(), TokenUsage.ZERO, trace, false);
    }

    /** The same decision reported under {@code id}, its trace prefixed by {@code prefix}. */
    public Aggregation describedAs(String id, String prefix) {
        return as(id, prefix, TokenUsage.ZERO);
    }

    /** The same decision under another aggregator's name, with more said. */
    Aggregation as(String id, String prefix, TokenUsage extra) {
        return new Aggregation(id, text, finishReason, usage.plus(extra), prefix + trace, streamed);
    }
}
