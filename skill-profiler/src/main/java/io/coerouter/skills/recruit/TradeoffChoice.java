package io.coerouter.skills.recruit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * How a cost–quality tradeoff chose: what each candidate was expected to score and cost, and the rule's verdict.
 *
 * @param tradeoff the tradeoff in [0, 1]
 * @param source {@code request} when the request set it, {@code deployment} for {@code coe.routing.tradeoff}
 * @param rule the rule that chose
 * @param margin how far under the best expected accuracy an expert still counts as likely to be right
 * @param bestAccuracy the best expected accuracy among the candidates
 * @param requiredAccuracy the expected accuracy an expert needed to be considered ({@link TradeoffRule#MARGIN}: {@code
 *     best - (1 - t) * margin}; {@link TradeoffRule#UTILITY}: {@code best - margin})
 * @param promptTokens the estimated prompt tokens of the query
 * @param outputTokens the answer length assumed
 * @param candidates every candidate in the rule's order of preference, the winner first
 * @param reason one sentence a person can read
 */
public record TradeoffChoice(
        double tradeoff,
        String source,
        TradeoffRule rule,
        double margin,
        double bestAccuracy,
        double requiredAccuracy,
        long promptTokens,
        int outputTokens,
        List<Candidate> candidates,
        String reason) {

    public TradeoffChoice {
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(rule, "rule must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
        candidates = List.copyOf(candidates);
    }

    /**
     * One candidate's estimates.
     *
     * @param expertId the expert
     * @param expectedAccuracy Σ p(skill) × its smoothed accuracy on the skill
     * @param expectedCostUsd what one call is expected to cost, from its prices and the estimated tokens
     * @param utility the rule's score (higher is preferred), or null when it was not considered (expected accuracy
     *     under {@link #requiredAccuracy})
     * @param chosen whether it was recruited
     */
    public record Candidate(
            String expertId, double expectedAccuracy, BigDecimal expectedCostUsd, Double utility, boolean chosen) {

        public Candidate {
            Objects.requireNonNull(expertId, "expertId must not be null");
            Objects.requireNonNull(expectedCostUsd, "expectedCostUsd must not be null");
        }
    }
}
