package io.coerouter.expert;

/** Observes every call an expert makes, e.g. to record usage, cost and latency as metrics. */
public interface ExpertListener {

    /** A call finished; {@code response} carries its usage, cost and latency. */
    default void onResponse(ExpertResponse response) {}

    /** A call failed after {@code elapsedNanos}. */
    default void onError(ExpertException error, long elapsedNanos) {}

    /** Attempt {@code attempt} (1-based) of a call failed with {@code error} and is retried after {@code waitMillis}. */
    default void onRetry(String expertId, int attempt, ExpertException error, long waitMillis) {}

    /**
     * The expert's circuit moved from {@code from} to {@code to} ({@code closed}, {@code open}, {@code half_open}).
     */
    default void onCircuitState(String expertId, String from, String to) {}

    /** A call was refused without reaching the provider: its circuit is open, or it is over its rate limit. */
    default void onShortCircuit(String expertId, String reason) {}
}
