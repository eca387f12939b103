package io.coerouter.router.routing;

import io.coerouter.aggregate.Aggregation;
import io.coerouter.skills.recruit.Recruitment;
import java.util.Collection;
import java.util.Set;

/**
 * What a caller's API key may reach ({@code allowed}: expert ids; empty: every expert), applied to routing: the
 * recruiter's decision, failover targets, and what the trace says about the deployment's own aggregating experts.
 */
final class KeyLimits {

    /** Aggregators whose trace names the deployment's expert doing the work (the synthesiser, the judge). */
    private static final Set<String> AGGREGATING_EXPERTS = Set.of("synthesis", "judge");

    private KeyLimits() {}

    /** Whether a key limited to {@code allowed} may reach expert {@code id}. */
    static boolean allows(Set<String> allowed, String id) {
        return allowed.isEmpty() || allowed.contains(id);
    }

    /** Drops from {@code ids} every expert the key may not reach. */
    static void retain(Collection<String> ids, Set<String> allowed) {
        if (!allowed.isEmpty()) {
            ids.retainAll(allowed);
        }
    }

    /**
     * {@code recruitment}, checked to lie within the experts a key may reach: the recruiter considers and names no
     * other (and substitutes the key's first available expert for a fallback outside them), so anything else is a bug,
     * refused rather than answered.
     *
     * @throws IllegalStateException when the recruiter went outside {@code allowed}
     */
    static Recruitment within(Recruitment recruitment, Set<String> allowed) {
        if (allowed.isEmpty()) {
            return recruitment;
        }
        boolean within = recruitment.experts().stream().allMatch(r -> allowed.contains(r.expertId()))
                && recruitment.candidates().stream().allMatch(r -> allowed.contains(r.expertId()))
                && allowed.containsAll(recruitment.excluded().keySet())
                && (recruitment.tradeoff() == null
                        || recruitment.tradeoff().candidates().stream().allMatch(c -> allowed.contains(c.expertId())));
        if (!within) {
            throw new IllegalStateException("the recruiter went outside the caller's allowed experts");
        }
        return recruitment;
    }

    /**
     * The aggregation as the caller sees it: its trace, except that a key limited to some experts is not told which
     * of the deployment's experts synthesised or judged (they stay the deployment's, and may lie outside its grant).
     */
    static String aggregationTrace(Aggregation aggregation, Set<String> allowed) {
        if (allowed.isEmpty() || !AGGREGATING_EXPERTS.contains(aggregation.aggregator())) {
            return aggregation.trace();
        }
        return "the deployment's " + aggregation.aggregator() + " aggregator merged the answers";
    }
}
