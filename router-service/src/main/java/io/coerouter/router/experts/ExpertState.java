package io.coerouter.router.experts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Whether an expert takes new calls. */
public enum ExpertState {
    /** Routed to and callable by name. */
    ENABLED,
    /** Takes no new calls: routing passes it by and calls by name fail over; calls in flight finish. */
    DISABLED,
    /**
     * Takes no new calls, like {@link #DISABLED}, and reports when the calls it had have finished (then a local
     * model is unloaded), so an operator knows when it is safe to replace or delete it.
     */
    DRAINING;

    /** The name the API and the store use. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state an API name stands for. */
    public static Optional<ExpertState> of(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName().equals(name)).findFirst();
    }
}
