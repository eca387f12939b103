package io.coerouter.router.routing;

import io.coerouter.aggregate.Candidate;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.telemetry.genai.GenAiTelemetry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The single call of a plan, and when it fails before any text reached the client, the next experts in turn: for
 * routed requests the recruiter's next-ranked eligible candidates, then the default expert; for a named expert its
 * configured {@code fallbacks}. A prompt too long for an expert goes only to experts known to take more (see {@link
 * #largerContext}). Experts whose circuit is open are skipped. Every attempt is a candidate, so the {@code coe} trace
 * shows the failures and who answered.
 */
final class Failover {

    /** Provider failures worth trying another expert for; a rejected or filtered request would fail there too. */
    private static final Set<ExpertErrorKind> FAILOVER_KINDS = EnumSet.complementOf(
            EnumSet.of(ExpertErrorKind.BAD_REQUEST, ExpertErrorKind.CONTENT_FILTERED, ExpertErrorKind.CANCELLED));

    private final ExpertRegistry registry;
    private final int maxFailovers;
    private final GenAiTelemetry telemetry;

    private Failover(ExpertRegistry registry, int maxFailovers, GenAiTelemetry telemetry) {
        this.registry = registry;
        this.maxFailovers = maxFailovers;
        this.telemetry = telemetry;
    }

    /**
     * @param maxFailovers how many other experts a failed call may fall over to
     * @param telemetry observes each attempt
     */
    static Failover of(ExpertRegistry registry, int maxFailovers, GenAiTelemetry telemetry) {
        return new Failover(registry, maxFailovers, telemetry);
    }

    /** Every attempt at the plan's single call, in order; the last one answered unless all failed. */
    List<Candidate> call(RoutingPlan plan, TokenListener tokens) {
        PlannedCall first = plan.calls().getFirst();
        List<String> skills = TraceBuilder.skillIds(plan);
        AtomicBoolean streamed = new AtomicBoolean();
        TokenListener watched = TokenListener.noting(tokens, streamed);
        List<Candidate> attempts = new ArrayList<>();
        Candidate outcome = ExpertCalls.one(first, watched, telemetry, skills, null)
                .candidates()
                .getFirst();
        attempts.add(outcome);
        List<String> order = order(plan);
        Set<String> tried = new HashSet<>(Set.of(first.expert().id()));
        Iterator<String> next = order.iterator();
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
            outcome = ExpertCalls.one(new PlannedCall(expert, 0, first.request()), watched, telemetry, skills, null)
                    .candidates()
                    .getFirst();
            attempts.add(outcome);
        }
        return attempts;
    }

    /** The experts to fall over to, in order, within what the caller's key may reach. */
    List<String> order(RoutingPlan plan) {
        String first = plan.calls().getFirst().expert().id();
        LinkedHashSet<String> order = new LinkedHashSet<>();
        if (plan.routed()) {
            plan.recruitment().candidates().forEach(c -> order.add(c.expertId()));
            order.add(registry.defaultExpertId());
        } else {
            order.addAll(registry.fallbacks(first));
        }
        order.remove(first);
        KeyLimits.retain(order, plan.request().allowedExperts());
        return List.copyOf(order);
    }

    /**
     * Where a prompt too long for {@code failed} may go: experts with a configured {@code context-window} larger than
     * its own (any known one when its own is unknown), not yet tried. A named expert's fallbacks are kept in their
     * order; a routed request takes the recruiter's ranked candidates first, then any other expert, the smallest
     * sufficient window first (the largest first when the failed one's is unknown).
     */
    List<String> largerContext(Expert failed, RoutingPlan plan, List<String> order, Set<String> tried) {
        int window = failed.config().contextWindow();
        Set<String> allowed = plan.request().allowedExperts();
        Predicate<Expert> larger = e -> !tried.contains(e.id())
                && KeyLimits.allows(allowed, e.id())
                && e.config().contextWindow() > 0
                && e.config().contextWindow() > window;
        List<String> ids = new ArrayList<>();
        order.stream()
                .map(registry::find)
                .flatMap(Optional::stream)
                .filter(larger)
                .forEach(e -> ids.add(e.id()));
        if (plan.routed()) {
            Comparator<Expert> bySize = Comparator.comparingInt(e -> e.config().contextWindow());
            registry.all().stream()
                    .filter(larger)
                    .filter(e -> !ids.contains(e.id()))
                    .sorted(window > 0 ? bySize : bySize.reversed())
                    .forEach(e -> ids.add(e.id()));
        }
        return ids;
    }
}
