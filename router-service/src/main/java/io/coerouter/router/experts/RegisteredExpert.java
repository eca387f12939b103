package io.coerouter.router.experts;

import io.coerouter.expert.Expert;

/** One registered expert: its stored definition and state, and the expert serving it on this replica. */
public final class RegisteredExpert {

    /** The adapter of local models: experts a cluster's workers run, and a gateway dispatches. */
    static final String LOCAL_ADAPTER = "djl";

    private final StoredExpert stored;
    private final ManagedExpert expert;

    RegisteredExpert(StoredExpert stored, ManagedExpert expert) {
        this.stored = stored;
        this.expert = expert;
    }

    public StoredExpert stored() {
        return stored;
    }

    public Expert expert() {
        return expert;
    }

    ManagedExpert managed() {
        return expert;
    }

    /** Whether it runs a local model (adapter {@code djl}). */
    public boolean local() {
        return LOCAL_ADAPTER.equals(expert.config().adapter());
    }

    public ExpertState state() {
        return expert.state();
    }

    /** Calls this replica has started on it and not finished. */
    public int inFlight() {
        return expert.inFlight();
    }
}
