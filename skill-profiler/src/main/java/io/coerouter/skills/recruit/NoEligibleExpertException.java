package io.coerouter.skills.recruit;

import java.util.Map;

/** Every profiled expert was excluded by the request's constraints; {@link #excluded} says why each one was. */
public final class NoEligibleExpertException extends IllegalStateException {

    private final transient Map<String, String> excluded;

    public NoEligibleExpertException(Map<String, String> excluded) {
        super("no expert meets this request's constraints: " + excluded);
        this.excluded = Map.copyOf(excluded);
    }

    /** Each excluded expert with why. */
    public Map<String, String> excluded() {
        return excluded;
    }
}
