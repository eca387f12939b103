package io.coerouter.router.routing;

import io.coerouter.aggregate.AggregationInput;
import io.coerouter.aggregate.Aggregator;
import io.coerouter.aggregate.Candidate;
import io.coerouter.skills.evaluate.RoutingEvaluation;
import java.util.List;

/** Lets the evaluation harness merge answers with the gateway's own aggregators. */
public final class EvaluationCombiners {

    private EvaluationCombiners() {}

    /** {@code aggregator} as a harness combiner: the question is the item's, failed answers are left out. */
    public static RoutingEvaluation.Combiner of(Aggregator aggregator) {
        return (item, answers) -> {
            List<Candidate> answered = answers.stream()
                    .filter(a -> a.text() != null)
                    .map(a -> Candidate.answered(a.expertId(), a.score(), a.text()))
                    .toList();
            return answered.isEmpty()
                    ? null
                    : aggregator
                            .aggregate(AggregationInput.of(item.question(), answered))
                            .text();
        };
    }
}
