package io.coerouter.skills.recruit;

import java.util.Map;

/** Every profiled expert was excluded; {@link #excluded} says why each one was. */
public final class NoEligibleExpertException extends IllegalStateException {

    private final transient Map<String, String> excluded;
    private final boolean requestLimits;

    public NoEligibleExpertException(Map<String, Exclusion> exclusions) {
        super("no expert meets this request's constraints: " + Exclusion.reasons(exclusions));
        this.excluded = Exclusion.reasons(exclusions);
        this.requestLimits = exclusions.values().stream().allMatch(Exclusion::requestLimit);
    }

    /** Each excluded expert with why. */
    public Map<String, String> excluded() {
        return excluded;
    }

    /**
     * Whether the request's own limits (its cost budget or latency target) left nothing, so the client can fix it;
     * otherwise the experts' state (circuits, access lists) did.
     */
    public boolean causedByRequestLimits() {
        return requestLimits;
    }
}
