package io.coerouter.expert;

/** Observes every call an expert makes, e.g. to record usage, cost and latency as metrics. */
public interface ExpertListener {

    /** A call finished; {@code response} carries its usage, cost and latency. */
    default void onResponse(ExpertResponse response) {}

    /** A call failed after {@code elapsedNanos}. */
    default void onError(ExpertException error, long elapsedNanos) {}
}
