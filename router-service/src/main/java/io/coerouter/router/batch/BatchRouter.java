package io.coerouter.router.batch;

import io.coerouter.aggregate.Candidate;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.routing.ChatRouter;
import io.coerouter.router.routing.RoutedAnswer;
import io.coerouter.router.routing.RoutingPlan;
import io.coerouter.router.scheduling.ExpertScheduler;
import java.util.List;

/** What a batch asks of the router: each line's plan first, then each line's answer from its calls' outcomes. */
interface BatchRouter {

    /**
     * Routes one line without calling any expert.
     *
     * @throws io.coerouter.router.error.RouterException for a request the router refuses
     */
    RoutingPlan plan(ChatCompletionRequest request);

    /**
     * The line's answer from its calls' outcomes (aggregated when there are several), with any call this makes (an
     * aggregator's synthesiser) submitted as planned work.
     *
     * @throws io.coerouter.aggregate.AllCandidatesFailedException when no expert answered
     */
    RoutedAnswer answer(RoutingPlan plan, List<Candidate> candidates);

    /** The router's own routing and aggregation. */
    static BatchRouter of(ChatRouter router) {
        return new BatchRouter() {
            @Override
            public RoutingPlan plan(ChatCompletionRequest request) {
                return router.plan(request);
            }

            @Override
            public RoutedAnswer answer(RoutingPlan plan, List<Candidate> candidates) {
                return router.answer(plan, candidates, List.of(), ExpertScheduler.plannedTokens(TokenListener.NONE));
            }
        };
    }
}
