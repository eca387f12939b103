package io.coerouter.expert;

/** What an operator may do to an expert's circuit breaker ({@link Expert#overrideCircuit}). */
public enum CircuitOverride {
    /** Refuse every call, as if the circuit had opened, until set back. */
    FORCED_OPEN,
    /** Let every call through and stop judging failures, until set back. */
    FORCED_CLOSED,
    /** Back to the breaker's own judgement, with a fresh window of calls. */
    AUTOMATIC
}
