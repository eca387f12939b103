package io.coerouter.router.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * The {@code coe} object of every response: what the router did for this request.
 *
 * @param route {@code coe} when the router chose the experts, {@code direct} when the client named one
 * @param skills the query's likeliest skills with their probabilities, best first (empty for a direct request)
 * @param experts every expert called, in order
 * @param aggregator the aggregator that produced the answer, or null when one expert answered alone
 * @param costUsd US dollars spent on every call, from the configured prices
 * @param timingsMs where the time went, in milliseconds
 * @param explanation why these experts, when the request asked {@code coe.explain}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CoeTrace(
        String route,
        List<SkillScore> skills,
        List<ExpertCall> experts,
        String aggregator,
        @JsonProperty("cost_usd") BigDecimal costUsd,
        @JsonProperty("timings_ms") Timings timingsMs,
        Explanation explanation) {

    /** A skill of the query and how sure the classifier is. */
    public record SkillScore(String id, double score) {}

    /** One expert call. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExpertCall(
            String id,
            double score,
            String status,
            @JsonProperty("finish_reason") String finishReason,
            @JsonProperty("latency_ms") double latencyMs,
            @JsonProperty("prompt_tokens") Long promptTokens,
            @JsonProperty("completion_tokens") Long completionTokens,
            @JsonProperty("cost_usd") BigDecimal costUsd,
            String error) {}

    /** Milliseconds spent per stage. */
    public record Timings(double routing, double experts, double aggregation, double total) {}

    /** Why these experts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Explanation(
            String method,
            String reason,
            @JsonProperty("requested_k") Integer requestedK,
            @JsonProperty("requested_aggregator") String requestedAggregator,
            @JsonProperty("requested_skills") List<String> requestedSkills,
            String aggregation,
            String classification,
            Double confidence,
            List<String> keywords,
            List<Candidate> candidates,
            java.util.Map<String, String> excluded) {}

    /** An expert the recruiter weighed, with its weight. */
    public record Candidate(String id, double weight) {}
}
