package io.coerouter.router.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.skills.recruit.TradeoffChoice;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/**
 * How a cost–quality tradeoff chose the experts, as {@code POST /v1/route} and the {@code coe.explanation} of a chat
 * response show it (docs/routing.md#cost-quality-routing).
 *
 * @param value the tradeoff, 0 (the cheapest expert likely to be right) to 1 (the most accurate whatever it costs)
 * @param source {@code request} ({@code coe.tradeoff}) or {@code deployment} ({@code coe.routing.tradeoff})
 * @param rule {@code margin} or {@code utility}
 * @param margin how far under the best expected accuracy an expert still counts as likely to be right
 * @param bestAccuracy the best expected accuracy among the candidates
 * @param requiredAccuracy the expected accuracy a candidate needed to be considered at this tradeoff
 * @param promptTokens the query's estimated prompt tokens
 * @param outputTokens the answer length assumed
 * @param candidates every candidate, the rule's winner first
 * @param reason which rule picked the winner, in one sentence
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TradeoffExplanation(
        double value,
        String source,
        String rule,
        double margin,
        @JsonProperty("best_accuracy") double bestAccuracy,
        @JsonProperty("required_accuracy") double requiredAccuracy,
        @JsonProperty("prompt_tokens") long promptTokens,
        @JsonProperty("output_tokens") int outputTokens,
        List<Candidate> candidates,
        String reason) {

    /**
     * One candidate.
     *
     * @param id the expert
     * @param expectedAccuracy Σ p(skill) × its smoothed accuracy on the skill, from its profile
     * @param expectedCostUsd one call's expected cost, from its prices and the estimated tokens
     * @param utility the rule's score, higher preferred; absent when the candidate was under the required accuracy
     * @param chosen whether it was recruited
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "TradeoffCandidate")
    public record Candidate(
            String id,
            @JsonProperty("expected_accuracy") double expectedAccuracy,
            @JsonProperty("expected_cost_usd") BigDecimal expectedCostUsd,
            Double utility,
            boolean chosen) {}

    /** {@code choice} as shown, or null when no tradeoff applied. */
    static TradeoffExplanation of(TradeoffChoice choice) {
        if (choice == null) {
            return null;
        }
        return new TradeoffExplanation(
                choice.tradeoff(),
                choice.source(),
                choice.rule().id(),
                choice.margin(),
                TraceBuilder.round(choice.bestAccuracy()),
                TraceBuilder.round(choice.requiredAccuracy()),
                choice.promptTokens(),
                choice.outputTokens(),
                choice.candidates().stream()
                        .map(c -> new Candidate(
                                c.expertId(),
                                TraceBuilder.round(c.expectedAccuracy()),
                                c.expectedCostUsd().stripTrailingZeros(),
                                c.utility() == null ? null : TraceBuilder.round(c.utility()),
                                c.chosen()))
                        .toList(),
                choice.reason());
    }
}
