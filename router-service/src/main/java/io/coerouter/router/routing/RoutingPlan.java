package io.coerouter.router.routing;

import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.config.AggregatorId;
import io.coerouter.skills.recruit.Recruitment;
import java.util.List;

/**
 * A routed request before any expert is called: who answers, and how their answers will be merged. Online requests
 * make the calls at once; the Batch API makes every line's calls grouped by expert first.
 *
 * @param request the request
 * @param recruitment the routing decision
 * @param aggregator the aggregator for several answers ({@code null} for a named expert)
 * @param calls the calls to make, in routing order
 * @param startNanos when routing began ({@link System#nanoTime()})
 * @param plannedNanos when routing ended
 */
public record RoutingPlan(
        ChatCompletionRequest request,
        Recruitment recruitment,
        AggregatorId aggregator,
        List<PlannedCall> calls,
        long startNanos,
        long plannedNanos) {

    public RoutingPlan {
        calls = List.copyOf(calls);
    }

    /** Whether the request asked for the router ({@code model: coe}) rather than a named expert. */
    public boolean routed() {
        return request.routed();
    }

    /** One call: its answer is the answer, streamed as it comes, with no aggregation. */
    public boolean single() {
        return calls.size() == 1;
    }
}
