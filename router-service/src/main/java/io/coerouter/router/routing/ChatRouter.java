package io.coerouter.router.routing;

import io.coerouter.aggregate.Aggregation;
import io.coerouter.aggregate.AllCandidatesFailedException;
import io.coerouter.aggregate.Candidate;
import io.coerouter.expert.TokenListener;
import io.coerouter.expert.TokenUsage;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.config.AggregatorId;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.telemetry.ChatRecorder;
import io.coerouter.router.telemetry.ChatSample;
import io.coerouter.router.telemetry.genai.GenAi;
import io.coerouter.router.telemetry.genai.GenAiTelemetry;
import io.coerouter.skills.recruit.Recruiter;
import io.coerouter.skills.recruit.Recruitment;
import io.opentelemetry.api.common.Attributes;
import java.time.Clock;
import java.util.List;

/**
 * Answers one chat request: {@code model: coe} goes through the recruiter, an expert id goes straight to that expert;
 * the candidates' answers go through the aggregator; everything done is traced for the {@code coe} object. The steps
 * are {@link RouteDecider} and {@link RoutePlanner} (who answers), {@link Failover} (a single call and its
 * fallbacks), {@link ExpertCalls} (several at once), {@link AggregationStep} and {@link TraceBuilder}.
 */
public final class ChatRouter {

    private final RouteDecider decider;
    private final RoutePlanner planner;
    private final Failover failover;
    private final AggregationStep aggregation;
    private final Aggregators aggregators;
    private final ChatRecorder recorder;
    private final GenAiTelemetry telemetry;

    /** @param maxFailovers how many other experts a failed single-expert call may fall over to */
    public ChatRouter(
            ExpertRegistry registry, Recruiter recruiter, Aggregators aggregators, Clock clock, int maxFailovers) {
        this(registry, recruiter, aggregators, clock, maxFailovers, ChatRecorder.NONE, GenAiTelemetry.off());
    }

    /**
     * @param maxFailovers how many other experts a failed single-expert call may fall over to
     * @param recorder told of every request {@link #route} answers or fails (the live metrics)
     * @param telemetry traces recruiting, each expert call and aggregation, and records the GenAI metrics
     */
    public ChatRouter(
            ExpertRegistry registry,
            Recruiter recruiter,
            Aggregators aggregators,
            Clock clock,
            int maxFailovers,
            ChatRecorder recorder,
            GenAiTelemetry telemetry) {
        this.recorder = recorder;
        this.telemetry = telemetry;
        this.decider = RouteDecider.of(registry, recruiter);
        this.planner = RoutePlanner.of(registry, decider, aggregators);
        this.failover = Failover.of(registry, maxFailovers, telemetry);
        this.aggregation = AggregationStep.of(aggregators, clock);
        this.aggregators = aggregators;
    }

    /**
     * Routes and answers {@code request}; with one expert, its text reaches {@code tokens} as it is generated.
     *
     * @throws RouterException for an unknown model or misuse of {@code coe}
     * @throws AllCandidatesFailedException when no expert answered
     */
    public RoutedAnswer route(ChatCompletionRequest request, TokenListener tokens) {
        return route(request, tokens, () -> {});
    }

    /**
     * Routes and answers {@code request}. With one expert its text reaches {@code tokens} as it is generated; with
     * several they run at once, {@code keepAlive} is called while they do, and the aggregator's answer reaches {@code
     * tokens} (streamed as written by a synthesiser, else whole). Each call is recorded once, answered or failed.
     */
    public RoutedAnswer route(ChatCompletionRequest request, TokenListener tokens, Runnable keepAlive) {
        long start = System.nanoTime();
        RoutedAnswer answer;
        try {
            answer = routeAndAnswer(request, tokens, keepAlive);
        } catch (RuntimeException | Error e) {
            recorder.record(ChatSample.failed(System.nanoTime() - start));
            throw e;
        }
        recorder.record(ChatSample.answered(
                System.nanoTime() - start,
                answer.usage().inputTokens(),
                answer.usage().outputTokens(),
                answer.trace().costUsd()));
        return answer;
    }

    private RoutedAnswer routeAndAnswer(ChatCompletionRequest request, TokenListener tokens, Runnable keepAlive) {
        RoutingPlan plan = plan(request);
        if (plan.single()) {
            return answer(plan, failover.call(plan, tokens), List.of(), tokens);
        }
        ExpertCalls.Result result = ExpertCalls.all(
                plan.calls(),
                plan.aggregator() == AggregatorId.FIRST,
                aggregators.config().keepAlive(),
                keepAlive,
                telemetry,
                TraceBuilder.skillIds(plan),
                plan.aggregator().id());
        if (result.candidates().stream().anyMatch(Candidate::succeeded)) {
            keepAlive.run(); // the stream starts when aggregation does
        }
        return answer(plan, result.candidates(), result.cancelled(), tokens);
    }

    /**
     * Routes {@code request} without calling any expert: the recruits, the aggregator and the calls to make.
     *
     * @throws RouterException for an unknown model or misuse of {@code coe}
     */
    public RoutingPlan plan(ChatCompletionRequest request) {
        if (!request.routed()) {
            return planner.plan(request);
        }
        return telemetry.inStage(
                GenAi.SPAN_RECRUIT,
                () -> planner.plan(request),
                plan -> Attributes.of(
                        GenAi.COE_METHOD, plan.recruitment().method(),
                        GenAi.COE_EXPERTS,
                                plan.calls().stream().map(c -> c.expert().id()).toList()));
    }

    /** Which experts would answer {@code request}, and why, without calling any. */
    public Recruitment decide(ChatCompletionRequest request) {
        return decider.decide(request);
    }

    /**
     * The answer to a planned request from its calls' outcomes ({@code candidates}, in routing order): the single
     * answer, or the aggregator's merge of several (streamed to {@code tokens} when the aggregator writes it), with
     * the trace.
     *
     * @param cancelled experts whose calls were cancelled because another answered first
     * @throws AllCandidatesFailedException when no expert answered
     */
    public RoutedAnswer answer(
            RoutingPlan plan, List<Candidate> candidates, List<String> cancelled, TokenListener tokens) {
        long answered = System.nanoTime();
        if (candidates.stream().noneMatch(Candidate::succeeded)) {
            throw new AllCandidatesFailedException(candidates);
        }
        Aggregation merged = plan.single()
                ? aggregation.aggregate(plan, candidates, tokens, answered - plan.startNanos())
                : telemetry.inStage(
                        GenAi.SPAN_AGGREGATE,
                        () -> aggregation.aggregate(plan, candidates, tokens, answered - plan.startNanos()),
                        m -> Attributes.of(GenAi.COE_AGGREGATOR, m.aggregator()));
        long done = System.nanoTime();
        CoeTrace trace = TraceBuilder.forPlan(plan)
                .calls(candidates, cancelled)
                .aggregation(merged)
                .timings(CoeTrace.Timings.of(plan.startNanos(), plan.plannedNanos(), answered, done))
                .build();
        return new RoutedAnswer(
                merged.text(),
                merged.finishReason(),
                usage(merged, candidates),
                trace,
                TraceBuilder.answers(candidates, cancelled));
    }

    /** The tokens of every call made for the request: the aggregator's own and every answer's. */
    private static TokenUsage usage(Aggregation merged, List<Candidate> candidates) {
        TokenUsage usage = merged.usage();
        for (Candidate c : candidates) {
            if (c.succeeded()) {
                usage = usage.plus(c.response().usage());
            }
        }
        return usage;
    }
}
