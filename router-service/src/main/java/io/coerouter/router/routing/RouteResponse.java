package io.coerouter.router.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.skills.recruit.Recruitment;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/route} (and of the admin playground's route, which adds {@code k} and {@code
 * aggregator}): what the router would do with a request.
 *
 * @param object always {@code coe.route}
 * @param model the model the request named
 * @param method how the experts were chosen ({@code symbolic-moe}, {@code category}, {@code default-expert}, {@code
 *     direct})
 * @param skills every skill with its probability, best first
 * @param experts the experts that would answer, best first
 * @param classification how the skills were found
 * @param confidence the top skill's probability
 * @param keywords the keyword model's keywords (keyword mode)
 * @param candidates every eligible expert with its weight, best first
 * @param excluded experts left out, with why
 * @param tradeoff how a cost–quality tradeoff chose (per candidate expected accuracy, cost and utility, and the rule),
 *     when one applied
 * @param reason one sentence
 * @param k how many calls would be made (the admin playground only)
 * @param aggregator the aggregator that would merge them; absent for one call (the admin playground only)
 * @param routingMs time spent classifying and recruiting
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RouteResponse(
        String object,
        String model,
        String method,
        List<Score> skills,
        List<Score> experts,
        String classification,
        Double confidence,
        List<String> keywords,
        List<Score> candidates,
        Map<String, String> excluded,
        TradeoffExplanation tradeoff,
        String reason,
        Integer k,
        String aggregator,
        @JsonProperty("routing_ms") double routingMs) {

    /** An id with a score. */
    public record Score(String id, double score) {}

    /** What {@code plan} would do: the decision with the number of calls and the aggregator for several. */
    public static RouteResponse of(RoutingPlan plan) {
        RouteResponse decision = of(
                plan.request().model(),
                plan.recruitment(),
                CoeTrace.Timings.millis(plan.plannedNanos() - plan.startNanos()));
        return new RouteResponse(
                decision.object,
                decision.model,
                decision.method,
                decision.skills,
                decision.experts,
                decision.classification,
                decision.confidence,
                decision.keywords,
                decision.candidates,
                decision.excluded,
                decision.tradeoff,
                decision.reason,
                plan.calls().size(),
                plan.single() || plan.aggregator() == null
                        ? null
                        : plan.aggregator().id(),
                decision.routingMs);
    }

    /** The decision {@code r} for a request naming {@code model}. */
    public static RouteResponse of(String model, Recruitment r, double routingMs) {
        return new RouteResponse(
                "coe.route",
                model,
                r.method(),
                r.skills().stream()
                        .map(s -> new Score(s.skill(), TraceBuilder.round(s.score())))
                        .toList(),
                r.experts().stream()
                        .map(e -> new Score(e.expertId(), TraceBuilder.round(e.score())))
                        .toList(),
                r.classification(),
                r.confidence() == null ? null : TraceBuilder.round(r.confidence()),
                r.keywords(),
                r.candidates().stream()
                        .map(e -> new Score(e.expertId(), TraceBuilder.round(e.score())))
                        .toList(),
                r.excluded(),
                TradeoffExplanation.of(r.tradeoff()),
                r.reason(),
                null,
                null,
                routingMs);
    }
}
