package io.coerouter.router.routing;

import io.coerouter.aggregate.Aggregation;
import io.coerouter.aggregate.AggregationInput;
import io.coerouter.aggregate.Aggregator;
import io.coerouter.aggregate.AllCandidatesFailedException;
import io.coerouter.aggregate.Candidate;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenListener;
import io.coerouter.expert.TokenUsage;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.chat.CoeOptions;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.skills.recruit.NoEligibleExpertException;
import io.coerouter.skills.recruit.Recruit;
import io.coerouter.skills.recruit.Recruiter;
import io.coerouter.skills.recruit.Recruitment;
import io.coerouter.skills.recruit.RoutingMethod;
import io.coerouter.skills.recruit.RoutingQuery;
import io.coerouter.skills.recruit.UnknownSkillException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Answers one chat request: {@code model: coe} goes through the recruiter, an expert id goes straight to that expert;
 * the candidates' answers go through the aggregator; everything done is traced for the {@code coe} object.
 */
public final class ChatRouter {

    private final ExpertRegistry registry;
    private final Recruiter recruiter;
    private final Aggregators aggregators;
    private final Clock clock;
    private final int maxFailovers;

    /** @param maxFailovers how many other experts a failed single-expert call may fall over to */
    public ChatRouter(
            ExpertRegistry registry, Recruiter recruiter, Aggregators aggregators, Clock clock, int maxFailovers) {
        this.registry = registry;
        this.recruiter = recruiter;
        this.aggregators = aggregators;
        this.clock = clock;
        this.maxFailovers = maxFailovers;
    }

    /**
     * Routes and answers {@code request}; with one expert, its text reaches {@code tokens} as it is generated.
     *
     * @throws RouterException for an unknown model or misuse of {@code coe}
     * @throws io.coerouter.aggregate.AllCandidatesFailedException when no expert answered
     */
    public RoutedAnswer route(ChatCompletionRequest request, TokenListener tokens) {
        return route(request, tokens, () -> {});
    }

    /**
     * Routes and answers {@code request}. With one expert its text reaches {@code tokens} as it is generated; with
     * several they run at once, {@code keepAlive} is called while they do, and the aggregator's answer reaches {@code
     * tokens} (streamed as written by a synthesiser, else whole).
     */
    public RoutedAnswer route(ChatCompletionRequest request, TokenListener tokens, Runnable keepAlive) {
        RoutingPlan plan = plan(request);
        if (plan.single()) {
            return answer(plan, withFailover(plan, tokens), List.of(), tokens);
        }
        ExpertCalls.Result result = ExpertCalls.all(
                plan.calls(),
                "first".equals(plan.aggregatorId()),
                aggregators.config().keepAlive(),
                keepAlive);
        if (result.candidates().stream().anyMatch(Candidate::succeeded)) {
            keepAlive.run(); // the stream starts when aggregation does
        }
        return answer(plan, result.candidates(), result.cancelled(), tokens);
    }

    /** Provider failures worth trying another expert for; a rejected or filtered request would fail there too. */
    private static final java.util.Set<ExpertErrorKind> FAILOVER_KINDS =
            java.util.EnumSet.complementOf(java.util.EnumSet.of(
                    ExpertErrorKind.BAD_REQUEST, ExpertErrorKind.CONTENT_FILTERED, ExpertErrorKind.CANCELLED));

    /**
     * The single call, and when it fails before any text reached the client, the next experts in turn: for routed
     * requests the recruiter's next-ranked eligible candidates, then the default expert; for a named expert its
     * configured {@code fallbacks}. A prompt too long for an expert goes only to experts known to take more (see
     * {@link #largerContext}). Experts whose circuit is open are skipped. Every attempt is a candidate, so the {@code
     * coe} trace shows the failures and who answered.
     */
    private List<Candidate> withFailover(RoutingPlan plan, TokenListener tokens) {
        PlannedCall first = plan.calls().getFirst();
        java.util.concurrent.atomic.AtomicBoolean streamed = new java.util.concurrent.atomic.AtomicBoolean();
        TokenListener watched = TokenListener.noting(tokens, streamed);
        List<Candidate> attempts = new ArrayList<>();
        Candidate outcome = ExpertCalls.one(first, watched).candidates().getFirst();
        attempts.add(outcome);
        List<String> order = failoverOrder(plan);
        java.util.Set<String> tried =
                new java.util.HashSet<>(Set.of(first.expert().id()));
        java.util.Iterator<String> next = order.iterator();
        int failovers = 0;
        while (!outcome.succeeded()
                && !streamed.get()
                && FAILOVER_KINDS.contains(outcome.failure().kind())
                && failovers < maxFailovers) {
            if (outcome.failure().kind() == ExpertErrorKind.CONTEXT_LENGTH) {
                Expert failed = registry.find(outcome.expertId()).orElse(first.expert());
                next = largerContext(failed, plan, order, tried).iterator();
            }
            if (!next.hasNext()) {
                break;
            }
            Expert expert = registry.find(next.next()).orElse(null);
            if (expert == null || !expert.available() || !tried.add(expert.id())) {
                continue;
            }
            failovers++;
            outcome = ExpertCalls.one(new PlannedCall(expert, 0, first.request()), watched)
                    .candidates()
                    .getFirst();
            attempts.add(outcome);
        }
        return attempts;
    }

    /**
     * {@code recruitment}, checked to lie within the experts a key may reach: the recruiter considers and names no
     * other (and substitutes the key's first available expert for a fallback outside them), so anything else is a bug,
     * refused rather than answered.
     */
    private static Recruitment withinKey(Recruitment recruitment, Set<String> allowed) {
        if (allowed.isEmpty()) {
            return recruitment;
        }
        boolean within = recruitment.experts().stream().allMatch(r -> allowed.contains(r.expertId()))
                && recruitment.candidates().stream().allMatch(r -> allowed.contains(r.expertId()))
                && allowed.containsAll(recruitment.excluded().keySet());
        if (!within) {
            throw new IllegalStateException("the recruiter went outside the caller's allowed experts");
        }
        return recruitment;
    }

    private List<String> failoverOrder(RoutingPlan plan) {
        String first = plan.calls().getFirst().expert().id();
        java.util.LinkedHashSet<String> order = new java.util.LinkedHashSet<>();
        if (plan.routed()) {
            plan.recruitment().candidates().forEach(c -> order.add(c.expertId()));
            order.add(registry.defaultExpertId());
        } else {
            order.addAll(registry.fallbacks(first));
        }
        order.remove(first);
        Set<String> allowed = plan.request().allowedExperts();
        if (!allowed.isEmpty()) {
            order.retainAll(allowed); // failover stays within what the caller's key may reach
        }
        return List.copyOf(order);
    }

    /**
     * Where a prompt too long for {@code failed} may go: experts with a configured {@code context-window} larger than
     * its own (any known one when its own is unknown), not yet tried. A named expert's fallbacks are kept in their
     * order; a routed request takes the recruiter's ranked candidates first, then any other expert, the smallest
     * sufficient window first (the largest first when the failed one's is unknown).
     */
    private List<String> largerContext(Expert failed, RoutingPlan plan, List<String> order, Set<String> tried) {
        int window = failed.config().contextWindow();
        Set<String> allowed = plan.request().allowedExperts();
        java.util.function.Predicate<Expert> larger = e -> !tried.contains(e.id())
                && (allowed.isEmpty() || allowed.contains(e.id()))
                && e.config().contextWindow() > 0
                && e.config().contextWindow() > window;
        List<String> ids = new ArrayList<>();
        order.stream()
                .map(registry::find)
                .flatMap(java.util.Optional::stream)
                .filter(larger)
                .forEach(e -> ids.add(e.id()));
        if (plan.routed()) {
            java.util.Comparator<Expert> bySize =
                    java.util.Comparator.comparingInt(e -> e.config().contextWindow());
            registry.all().stream()
                    .filter(larger)
                    .filter(e -> !ids.contains(e.id()))
                    .sorted(window > 0 ? bySize : bySize.reversed())
                    .forEach(e -> ids.add(e.id()));
        }
        return ids;
    }

    /**
     * Routes {@code request} without calling any expert: the recruits, the aggregator and the calls to make.
     *
     * @throws RouterException for an unknown model or misuse of {@code coe}
     */
    public RoutingPlan plan(ChatCompletionRequest request) {
        long start = System.nanoTime();
        boolean routed = request.model().equals(ExpertConfig.RESERVED_ID);
        Recruitment recruitment = decide(request);
        String aggregatorId = routed ? aggregators.choose(request.coe().aggregator(), topSkill(recruitment)) : null;
        List<PlannedCall> calls = plan(request, recruitment, aggregatorId);
        return new RoutingPlan(request, recruitment, aggregatorId, calls, start, System.nanoTime());
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
        long start = plan.startNanos();
        long recruited = plan.plannedNanos();
        long answered = System.nanoTime();
        ChatCompletionRequest request = plan.request();
        Recruitment recruitment = plan.recruitment();
        String aggregatorId = plan.aggregatorId();
        List<PlannedCall> calls = plan.calls();
        boolean single = plan.single();
        boolean routed = plan.routed();
        if (candidates.stream().noneMatch(Candidate::succeeded)) {
            throw new AllCandidatesFailedException(candidates);
        }
        Aggregator aggregator = single ? Aggregator.best() : aggregators.get(aggregatorId, topSkill(recruitment));
        Instant deadline = clock.instant().plus(aggregators.config().deadline()).minusNanos(answered - start);
        Aggregation aggregation = aggregator.aggregate(new AggregationInput(
                request.expertRequest(), candidates, single ? TokenListener.NONE : tokens, deadline));
        if (!single && !aggregation.streamed() && tokens.streaming()) {
            tokens.onToken(aggregation.text());
        }
        if ("self-moa".equals(aggregatorId) && !single) {
            aggregation = aggregation.describedAs(
                    "self-moa",
                    "self-MoA: " + calls.size() + " samples of '"
                            + calls.getFirst().expert().id() + "'; ");
        }
        long done = System.nanoTime();

        TokenUsage usage = aggregation.usage();
        BigDecimal cost = BigDecimal.ZERO;
        List<CoeTrace.ExpertCall> traced = new ArrayList<>(candidates.size());
        for (String id : cancelled) {
            traced.add(new CoeTrace.ExpertCall(id, 0, "cancelled", null, 0, null, null, null, null));
        }
        for (Candidate c : candidates) {
            traced.add(traced.size() - cancelled.size(), call(c));
            if (c.succeeded()) {
                usage = usage.plus(c.response().usage());
                cost = cost.add(c.response().cost());
            }
        }
        CoeOptions coe = request.coe();
        CoeTrace.Explanation explanation = coe.explain()
                ? new CoeTrace.Explanation(
                        recruitment.method(),
                        recruitment.reason(),
                        coe.k(),
                        coe.aggregator(),
                        coe.skills().isEmpty() ? null : coe.skills(),
                        aggregationTrace(aggregation, request.allowedExperts()),
                        recruitment.classification(),
                        recruitment.confidence() == null ? null : round(recruitment.confidence()),
                        recruitment.keywords().isEmpty() ? null : recruitment.keywords(),
                        recruitment.candidates().isEmpty()
                                ? null
                                : recruitment.candidates().stream()
                                        .map(c -> new CoeTrace.Candidate(c.expertId(), round(c.score())))
                                        .toList(),
                        recruitment.excluded().isEmpty() ? null : recruitment.excluded())
                : null;
        CoeTrace trace = new CoeTrace(
                routed ? "coe" : "direct",
                skills(recruitment),
                traced,
                single ? null : aggregation.aggregator(),
                cost,
                new CoeTrace.Timings(
                        millis(recruited - start),
                        millis(answered - recruited),
                        millis(done - answered),
                        millis(done - start)),
                explanation);
        return new RoutedAnswer(aggregation.text(), aggregation.finishReason(), usage, trace);
    }

    /** The calls to make: one per recruit, or for self-MoA several samples of the best recruit. */
    private List<PlannedCall> plan(ChatCompletionRequest request, Recruitment recruitment, String aggregatorId) {
        List<PlannedCall> calls = new ArrayList<>();
        if ("self-moa".equals(aggregatorId)) {
            Recruit best = recruitment.experts().getFirst();
            Expert expert = expert(best);
            ExpertRequest base = request.expertRequest();
            int samples = request.coe().k() != null
                    ? request.coe().k()
                    : aggregators.config().selfMoaSamples();
            double temperature = base.temperature() != null && base.temperature() > 0
                    ? base.temperature()
                    : aggregators.config().selfMoaTemperature();
            for (int i = 0; i < samples; i++) {
                Long seed = base.seed() == null ? null : base.seed() + i;
                calls.add(new PlannedCall(expert, best.score(), base.withSampling(temperature, seed)));
            }
            return calls;
        }
        for (Recruit recruit : recruitment.experts()) {
            calls.add(new PlannedCall(expert(recruit), recruit.score(), request.expertRequest()));
        }
        return calls;
    }

    private Expert expert(Recruit recruit) {
        return registry.find(recruit.expertId())
                .orElseThrow(() -> new IllegalStateException(
                        "the recruiter chose '" + recruit.expertId() + "', which is not registered"));
    }

    private static String topSkill(Recruitment recruitment) {
        return recruitment.skills().isEmpty()
                ? null
                : recruitment.skills().getFirst().skill();
    }

    /** Which experts would answer {@code request}, and why, without calling any. */
    public Recruitment decide(ChatCompletionRequest request) {
        return request.model().equals(ExpertConfig.RESERVED_ID) ? recruit(request) : direct(request);
    }

    private Recruitment recruit(ChatCompletionRequest request) {
        CoeOptions coe = request.coe();
        RoutingQuery query = new RoutingQuery(
                request.expertRequest().messages(),
                coe.k(),
                coe.skills(),
                coe.method() == null ? null : RoutingMethod.of(coe.method()),
                coe.maxCostUsd(),
                coe.maxLatencyMs(),
                request.allowedExperts(),
                Set.of());
        try {
            return withinKey(recruiter.recruit(query), request.allowedExperts());
        } catch (UnknownSkillException e) {
            throw RouterException.invalid("coe.skills[" + e.index() + "]", "invalid_value", e.getMessage());
        } catch (NoEligibleExpertException e) {
            if (e.causedByRequestLimits()) {
                throw RouterException.invalid(
                        coe.maxCostUsd() != null ? "coe.max_cost_usd" : "coe.max_latency_ms",
                        "no_eligible_expert",
                        "No expert meets this request's constraints: " + e.excluded() + ".");
            }
            throw new RouterException(
                    ErrorKind.UNAVAILABLE,
                    "No expert can take this request now: " + e.excluded() + ".",
                    null,
                    "no_available_expert");
        }
    }

    /** Aggregators whose trace names the deployment's expert doing the work (the synthesiser, the judge). */
    private static final Set<String> AGGREGATING_EXPERTS = Set.of("synthesis", "judge");

    /**
     * The aggregation as the caller sees it: its trace, except that a key limited to some experts is not told which
     * of the deployment's experts synthesised or judged (they stay the deployment's, and may lie outside its grant).
     */
    private static String aggregationTrace(Aggregation aggregation, Set<String> allowed) {
        if (allowed.isEmpty() || !AGGREGATING_EXPERTS.contains(aggregation.aggregator())) {
            return aggregation.trace();
        }
        return "the deployment's " + aggregation.aggregator() + " aggregator merged the answers";
    }

    /** The skills shown in the trace: the likeliest ones, up to five, with a probability of at least 1%. */
    private static List<CoeTrace.SkillScore> skills(Recruitment recruitment) {
        return recruitment.skills().stream()
                .filter(s -> s.score() >= 0.01)
                .limit(5)
                .map(s -> new CoeTrace.SkillScore(s.skill(), round(s.score())))
                .toList();
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private Recruitment direct(ChatCompletionRequest request) {
        if (request.coe().asksForRouting()) {
            throw RouterException.invalid(
                    "coe",
                    "invalid_value",
                    "coe.k, coe.aggregator, coe.skills, coe.method, coe.max_cost_usd and coe.max_latency_ms apply only"
                            + " when model is 'coe', but model was '"
                            + request.model() + "'.");
        }
        Expert expert = registry.find(request.model())
                .orElseThrow(() -> modelNotFound(request.model(), request.allowedExperts()));
        return new Recruitment(
                "direct", List.of(new Recruit(expert.id(), 1.0)), "the request named expert '" + expert.id() + "'");
    }

    /** 404 {@code model_not_found}, listing the models the caller's key may reach ({@code allowed}; empty: all). */
    private RouterException modelNotFound(String model, Set<String> allowed) {
        List<String> known = new ArrayList<>();
        known.add(ExpertConfig.RESERVED_ID);
        registry.all().stream()
                .filter(e -> allowed.isEmpty() || allowed.contains(e.id()))
                .forEach(e -> known.add(e.id()));
        return new RouterException(
                ErrorKind.NOT_FOUND,
                "The model '" + JsonBodies.echo(model) + "' does not exist. Available models: "
                        + String.join(", ", known) + ".",
                "model",
                "model_not_found");
    }

    private static CoeTrace.ExpertCall call(Candidate c) {
        if (c.succeeded()) {
            ExpertResponse r = c.response();
            return new CoeTrace.ExpertCall(
                    c.expertId(),
                    c.score(),
                    "ok",
                    r.finishReason().openAiName(),
                    millis(r.latency().toNanos()),
                    r.usage().inputTokens(),
                    r.usage().outputTokens(),
                    r.cost(),
                    null);
        }
        ExpertException e = c.failure();
        return new CoeTrace.ExpertCall(
                c.expertId(),
                c.score(),
                "failed",
                null,
                0,
                null,
                null,
                null,
                e.kind().name().toLowerCase(java.util.Locale.ROOT));
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
