package io.coerouter.router.routing;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.config.AggregationProperties;
import io.coerouter.router.config.AggregatorId;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.skills.recruit.Recruit;
import io.coerouter.skills.recruit.Recruitment;
import java.util.ArrayList;
import java.util.List;

/** Plans a request: the routing decision, the aggregator for several answers, and the expert calls to make. */
final class RoutePlanner {

    private final ExpertRegistry registry;
    private final RouteDecider decider;
    private final Aggregators aggregators;

    private RoutePlanner(ExpertRegistry registry, RouteDecider decider, Aggregators aggregators) {
        this.registry = registry;
        this.decider = decider;
        this.aggregators = aggregators;
    }

    static RoutePlanner of(ExpertRegistry registry, RouteDecider decider, Aggregators aggregators) {
        return new RoutePlanner(registry, decider, aggregators);
    }

    /** See {@link ChatRouter#plan}. */
    RoutingPlan plan(ChatCompletionRequest request) {
        long start = System.nanoTime();
        Recruitment recruitment = decider.decide(request);
        AggregatorId aggregator = request.routed()
                ? aggregators.choose(request.coe().aggregator(), Aggregators.topSkill(recruitment))
                : null;
        List<PlannedCall> calls = aggregator == AggregatorId.SELF_MOA
                ? selfMoaSamples(request, recruitment.experts().getFirst())
                : oneCallPerRecruit(request, recruitment);
        return new RoutingPlan(request, recruitment, aggregator, calls, start, System.nanoTime());
    }

    private List<PlannedCall> oneCallPerRecruit(ChatCompletionRequest request, Recruitment recruitment) {
        List<PlannedCall> calls = new ArrayList<>();
        for (Recruit recruit : recruitment.experts()) {
            calls.add(new PlannedCall(expert(recruit), recruit.score(), request.expertRequest()));
        }
        return calls;
    }

    /**
     * Self-MoA: several samples of the best recruit ({@code coe.k} of them, else the configured number), at the
     * request's temperature when it is above 0 (else the configured one), with consecutive seeds when it gives one.
     */
    private List<PlannedCall> selfMoaSamples(ChatCompletionRequest request, Recruit best) {
        AggregationProperties config = aggregators.config();
        Expert expert = expert(best);
        ExpertRequest base = request.expertRequest();
        int samples = request.coe().k() != null ? request.coe().k() : config.selfMoaSamples();
        double temperature =
                base.temperature() != null && base.temperature() > 0 ? base.temperature() : config.selfMoaTemperature();
        List<PlannedCall> calls = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            Long seed = base.seed() == null ? null : base.seed() + i;
            calls.add(new PlannedCall(expert, best.score(), base.withSampling(temperature, seed)));
        }
        return calls;
    }

    private Expert expert(Recruit recruit) {
        // A direct decision names the lent warm-up expert only for the warm-up's own requests (RouteDecider).
        return registry.find(recruit.expertId())
                .or(() -> registry.findLent(recruit.expertId()))
                .orElseThrow(() -> new IllegalStateException(
                        "the recruiter chose '" + recruit.expertId() + "', which is not registered"));
    }
}
