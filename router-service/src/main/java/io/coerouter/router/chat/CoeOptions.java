package io.coerouter.router.chat;

import io.coerouter.router.config.AggregatorId;
import io.coerouter.skills.recruit.RoutingMethod;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * The optional {@code coe} object of a chat request: how the client wants the router to route.
 *
 * @param k how many experts to recruit, or null to let the router decide
 * @param aggregator the aggregator, or null for the default
 * @param skills skill ids named explicitly; empty when none
 * @param explain whether the response's {@code coe} object should explain the routing decision
 * @param method the routing method, or null for the deployment's
 * @param maxCostUsd the most one expert call may cost on average, or null
 * @param maxLatencyMs the most one expert call may take on average, or null
 * @param tradeoff the cost–quality tradeoff in [0, 1], or null for the deployment's
 * @param cache false when the client asked the response cache to neither answer nor keep this request
 *     ({@code "coe": {"cache": false}}); true by default
 */
public record CoeOptions(
        Integer k,
        AggregatorId aggregator,
        List<String> skills,
        boolean explain,
        RoutingMethod method,
        BigDecimal maxCostUsd,
        Double maxLatencyMs,
        Double tradeoff,
        boolean cache) {

    public static final CoeOptions NONE = new CoeOptions(null, null, List.of(), false, null, null, null, null);

    /** Options that leave the response cache on. */
    public CoeOptions(
            Integer k,
            AggregatorId aggregator,
            List<String> skills,
            boolean explain,
            RoutingMethod method,
            BigDecimal maxCostUsd,
            Double maxLatencyMs,
            Double tradeoff) {
        this(k, aggregator, skills, explain, method, maxCostUsd, maxLatencyMs, tradeoff, true);
    }

    /** The routing methods a request may name. */
    public static final List<String> METHODS =
            Arrays.stream(RoutingMethod.values()).map(RoutingMethod::id).toList();

    /** The aggregator ids a request may name. */
    public static final List<String> AGGREGATORS = AggregatorId.ids();

    public CoeOptions {
        skills = skills == null ? List.of() : List.copyOf(skills);
    }

    /** Whether the client asked for anything that only routing through {@code coe} can honour. */
    public boolean asksForRouting() {
        return k != null
                || aggregator != null
                || !skills.isEmpty()
                || method != null
                || maxCostUsd != null
                || maxLatencyMs != null
                || tradeoff != null;
    }
}
