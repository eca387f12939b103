package io.coerouter.skills.recruit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who answers when routing falls back to an expert (the default expert or the generalist).
 *
 * @param role what the expert routing falls back to is, e.g. {@code default expert}
 * @param expert the expert routing falls back to
 * @param query the query routed
 * @param recruit who answers: {@code expert}, or one of the caller's allowed experts
 */
record Fallback(String role, String expert, RoutingQuery query, Recruit recruit) {

    /**
     * Falls back to {@code expert}; or, when the caller may not reach it, to the first of the caller's allowed experts
     * that is registered and available.
     *
     * @throws NoEligibleExpertException when none of the caller's allowed experts is, naming only those
     */
    static Fallback to(String role, String expert, RoutingQuery query, Set<String> known, Predicate<String> available) {
        if (Eligibility.mayReach(query, expert)) {
            return new Fallback(role, expert, query, new Recruit(expert, 1.0));
        }
        Map<String, Exclusion> excluded = new LinkedHashMap<>();
        for (String id : query.allowed()) {
            if (!known.contains(id)) {
                excluded.put(id, new Exclusion(Exclusion.Kind.UNAVAILABLE, "not registered"));
            } else if (!available.test(id)) {
                excluded.put(id, new Exclusion(Exclusion.Kind.UNAVAILABLE, "unavailable (its circuit is open)"));
            } else {
                return new Fallback(role, expert, query, new Recruit(id, 1.0));
            }
        }
        throw new NoEligibleExpertException(excluded);
    }

    /**
     * The end of a fallback's reason: who answers, without naming an expert the caller may not reach (nor its role,
     * since a deployment may name its generalist "generalist").
     */
    String reason() {
        return recruit.expertId().equals(expert)
                ? ", so the " + role + " '" + expert + "' answers"
                : "; the caller may reach only " + query.allowed() + " and not the expert routing falls back to, so '"
                        + recruit.expertId() + "' answers";
    }
}
