package io.coerouter.skills.recruit;

/**
 * Why an expert was left out before choosing.
 *
 * @param kind the rule that excluded it
 * @param reason one phrase a person can read
 */
public record Exclusion(Kind kind, String reason) {

    /** The rules, in the order they are checked. */
    public enum Kind {
        /** Profiled, but no longer configured. */
        UNREGISTERED,
        /** In the caller's denied experts. */
        DENIED,
        /** Its circuit is open. */
        UNAVAILABLE,
        /** Its mean cost is over the request's budget. */
        OVER_BUDGET,
        /** Its mean latency is over the request's target. */
        TOO_SLOW
    }

    /** Whether the request's own limits (or a stale profile) explain it, rather than the expert's state. */
    boolean requestLimit() {
        return kind == Kind.OVER_BUDGET || kind == Kind.TOO_SLOW || kind == Kind.UNREGISTERED;
    }

    /** Exclusions as decisions show them: expert id to reason, in order. */
    static java.util.Map<String, String> reasons(java.util.Map<String, Exclusion> exclusions) {
        java.util.Map<String, String> reasons = new java.util.LinkedHashMap<>();
        exclusions.forEach((id, x) -> reasons.put(id, x.reason()));
        return java.util.Collections.unmodifiableMap(reasons);
    }
}
