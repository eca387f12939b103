package io.coerouter.router.routing;

import io.coerouter.aggregate.Aggregation;
import io.coerouter.aggregate.Candidate;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.router.chat.CoeOptions;
import io.coerouter.router.routing.CoeTrace.ExpertCall;
import io.coerouter.router.routing.CoeTrace.Explanation;
import io.coerouter.router.routing.CoeTrace.SkillScore;
import io.coerouter.router.routing.CoeTrace.Timings;
import io.coerouter.skills.recruit.Recruitment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds the {@link CoeTrace} of one answered plan: {@code TraceBuilder.forPlan(plan).calls(candidates,
 * cancelled).aggregation(aggregation).timings(timings).build()}.
 */
final class TraceBuilder {

    private final RoutingPlan plan;
    private List<Candidate> candidates = List.of();
    private List<String> cancelled = List.of();
    private Aggregation aggregation;
    private Timings timings;

    private TraceBuilder(RoutingPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan must not be null");
    }

    static TraceBuilder forPlan(RoutingPlan plan) {
        return new TraceBuilder(plan);
    }

    /** The calls' outcomes in routing order, and the experts whose calls were cancelled when another answered. */
    TraceBuilder calls(List<Candidate> candidates, List<String> cancelled) {
        this.candidates = List.copyOf(candidates);
        this.cancelled = List.copyOf(cancelled);
        return this;
    }

    TraceBuilder aggregation(Aggregation aggregation) {
        this.aggregation = aggregation;
        return this;
    }

    TraceBuilder timings(Timings timings) {
        this.timings = timings;
        return this;
    }

    CoeTrace build() {
        Objects.requireNonNull(aggregation, "aggregation must be set");
        Objects.requireNonNull(timings, "timings must be set");
        List<ExpertCall> traced = new ArrayList<>(candidates.size() + cancelled.size());
        BigDecimal cost = BigDecimal.ZERO;
        for (Candidate c : candidates) {
            traced.add(call(c));
            if (c.succeeded()) {
                cost = cost.add(c.response().cost());
            }
        }
        cancelled.forEach(id -> traced.add(ExpertCall.cancelled(id)));
        return new CoeTrace(
                plan.routed() ? "coe" : "direct",
                skills(plan.recruitment()),
                traced,
                plan.single() ? null : aggregation.aggregator(),
                cost,
                timings,
                plan.request().coe().explain() ? explanation() : null);
    }

    private Explanation explanation() {
        Recruitment recruitment = plan.recruitment();
        CoeOptions coe = plan.request().coe();
        return new Explanation(
                recruitment.method(),
                recruitment.reason(),
                coe.k(),
                coe.aggregator() == null ? null : coe.aggregator().id(),
                coe.skills().isEmpty() ? null : coe.skills(),
                KeyLimits.aggregationTrace(aggregation, plan.request().allowedExperts()),
                recruitment.classification(),
                recruitment.confidence() == null ? null : round(recruitment.confidence()),
                recruitment.keywords().isEmpty() ? null : recruitment.keywords(),
                recruitment.candidates().isEmpty()
                        ? null
                        : recruitment.candidates().stream()
                                .map(c -> new CoeTrace.Candidate(c.expertId(), round(c.score())))
                                .toList(),
                recruitment.excluded().isEmpty() ? null : recruitment.excluded(),
                TradeoffExplanation.of(recruitment.tradeoff()));
    }

    /** Each call's own answer text in the order {@link #build} traces the calls; null for one without. */
    static List<String> answers(List<Candidate> candidates, List<String> cancelled) {
        List<String> answers = new ArrayList<>(candidates.size() + cancelled.size());
        candidates.forEach(c -> answers.add(c.succeeded() ? c.response().text() : null));
        cancelled.forEach(id -> answers.add(null));
        return answers;
    }

    /** The ids of the skills the trace shows for {@code plan}, likeliest first. */
    static List<String> skillIds(RoutingPlan plan) {
        return skills(plan.recruitment()).stream().map(SkillScore::id).toList();
    }

    /** The skills shown in the trace: the likeliest ones, up to five, with a probability of at least 1%. */
    static List<SkillScore> skills(Recruitment recruitment) {
        return recruitment.skills().stream()
                .filter(s -> s.score() >= 0.01)
                .limit(5)
                .map(s -> new SkillScore(s.skill(), round(s.score())))
                .toList();
    }

    static ExpertCall call(Candidate c) {
        if (!c.succeeded()) {
            return ExpertCall.failed(
                    c.expertId(), c.score(), c.failure().kind().name().toLowerCase(Locale.ROOT));
        }
        ExpertResponse r = c.response();
        ExpertCall call = ExpertCall.answered(
                c.expertId(),
                c.score(),
                r.finishReason().openAiName(),
                Timings.millis(r.latency().toNanos()),
                r.usage().inputTokens(),
                r.usage().outputTokens(),
                r.cost());
        return r.served() == null ? call : call.servedBy(CoeTrace.Worker.of(r.served()));
    }

    /** {@code v} to four decimals, as every routing explanation (trace, /v1/route, tradeoff) shows scores. */
    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
