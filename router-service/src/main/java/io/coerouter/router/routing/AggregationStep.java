package io.coerouter.router.routing;

import io.coerouter.aggregate.Aggregation;
import io.coerouter.aggregate.AggregationInput;
import io.coerouter.aggregate.Aggregator;
import io.coerouter.aggregate.Candidate;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.config.AggregatorId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Turns a plan's answers into one: the single answer as it is, or the plan's aggregator's merge of several, within
 * what is left of the request's deadline, streamed to the client when the aggregator writes it and sent whole
 * otherwise.
 */
final class AggregationStep {

    private final Aggregators aggregators;
    private final Clock clock;

    private AggregationStep(Aggregators aggregators, Clock clock) {
        this.aggregators = aggregators;
        this.clock = clock;
    }

    static AggregationStep of(Aggregators aggregators, Clock clock) {
        return new AggregationStep(aggregators, clock);
    }

    /**
     * @param candidates the calls' outcomes, at least one of them an answer
     * @param tokens where a merged answer goes as it is written (a single answer has been streamed by its call)
     * @param elapsedNanos how long the request has taken so far, spent from the deadline
     */
    Aggregation aggregate(RoutingPlan plan, List<Candidate> candidates, TokenListener tokens, long elapsedNanos) {
        boolean single = plan.single();
        Aggregator aggregator = single
                ? Aggregator.best()
                : aggregators.get(plan.aggregator(), Aggregators.topSkill(plan.recruitment()));
        Instant deadline = clock.instant().plus(aggregators.config().deadline()).minusNanos(elapsedNanos);
        Aggregation aggregation = aggregator.aggregate(new AggregationInput(
                plan.request().expertRequest(), candidates, single ? TokenListener.NONE : tokens, deadline));
        if (single) {
            return aggregation;
        }
        if (!aggregation.streamed() && tokens.streaming()) {
            tokens.onToken(aggregation.text());
        }
        if (plan.aggregator() == AggregatorId.SELF_MOA) {
            aggregation = aggregation.describedAs(
                    AggregatorId.SELF_MOA.id(),
                    "self-MoA: " + plan.calls().size() + " samples of '"
                            + plan.calls().getFirst().expert().id() + "'; ");
        }
        return aggregation;
    }
}
