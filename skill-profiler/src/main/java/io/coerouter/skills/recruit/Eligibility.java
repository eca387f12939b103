package io.coerouter.skills.recruit;

import io.coerouter.skills.profile.ExpertProfile;
import io.coerouter.skills.profile.ProfileSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The profiled experts a request may reach, split into those it may use and those left out with why.
 *
 * @param eligible the profiled experts the request may use, in the profiles' order
 * @param excluded the profiled experts the caller may reach but not use, with why, in the profiles' order
 */
record Eligibility(List<ExpertProfile> eligible, Map<String, Exclusion> excluded) {

    Eligibility {
        eligible = List.copyOf(eligible);
        excluded = Collections.unmodifiableMap(new LinkedHashMap<>(excluded));
    }

    /**
     * Sorts the profiled experts for {@code query}; experts outside the caller's allowed ones are neither eligible nor
     * excluded (not considered, and not named). Without profiles, nothing is either.
     */
    static Eligibility of(
            Optional<ProfileSet> profiles, RoutingQuery query, Set<String> known, Predicate<String> available) {
        List<ExpertProfile> eligible = new ArrayList<>();
        Map<String, Exclusion> excluded = new LinkedHashMap<>();
        if (profiles.isPresent()) {
            for (ExpertProfile p : profiles.get().experts().values()) {
                if (!mayReach(query, p.expertId())) {
                    continue;
                }
                Exclusion why = exclusion(p, query, known, available);
                if (why == null) {
                    eligible.add(p);
                } else {
                    excluded.put(p.expertId(), why);
                }
            }
        }
        return new Eligibility(eligible, excluded);
    }

    /** Whether the caller may reach {@code expertId}: it allows every expert, or names that one. */
    static boolean mayReach(RoutingQuery query, String expertId) {
        return query.allowed().isEmpty() || query.allowed().contains(expertId);
    }

    /** Whether no expert is eligible and every one left out is merely no longer registered (perhaps none is). */
    boolean noneRegistered() {
        return eligible.isEmpty() && excluded.values().stream().allMatch(x -> x.kind() == Exclusion.Kind.UNREGISTERED);
    }

    /** The exclusions as decisions show them: expert id to reason, in order. */
    Map<String, String> reasons() {
        return Exclusion.reasons(excluded);
    }

    /** Why {@code p} may not answer {@code query}, by the first rule of {@link Exclusion.Kind} it breaks; or null. */
    private static Exclusion exclusion(
            ExpertProfile p, RoutingQuery query, Set<String> known, Predicate<String> available) {
        String id = p.expertId();
        if (!known.contains(id)) {
            return new Exclusion(Exclusion.Kind.UNREGISTERED, "not registered (profiled, but no longer configured)");
        }
        if (query.denied().contains(id)) {
            return new Exclusion(Exclusion.Kind.DENIED, "denied to the caller");
        }
        if (!available.test(id)) {
            return new Exclusion(Exclusion.Kind.UNAVAILABLE, "unavailable (its circuit is open)");
        }
        if (query.maxCostUsd() != null && p.meanCostUsd().compareTo(query.maxCostUsd()) > 0) {
            return new Exclusion(
                    Exclusion.Kind.OVER_BUDGET,
                    "mean cost $" + p.meanCostUsd().toPlainString() + " is over the budget $"
                            + query.maxCostUsd().toPlainString());
        }
        if (query.maxLatencyMs() != null && p.meanLatencyMs() > query.maxLatencyMs()) {
            return new Exclusion(
                    Exclusion.Kind.TOO_SLOW,
                    String.format(
                            Locale.ROOT,
                            "mean latency %.1f ms is over the target %.1f ms",
                            p.meanLatencyMs(),
                            query.maxLatencyMs()));
        }
        return null;
    }
}
