package io.coerouter.router.state;

/**
 * Tells every replica which kind of shared state changed, so each drops what it cached and reads it again. Listeners
 * also run after a lost connection to the shared state comes back, since changes may have been missed meanwhile.
 */
public interface StateEvents {

    /** Tells every replica, this one included, that {@code topic} (e.g. {@code experts}) changed. */
    void publish(String topic);

    /** Runs {@code onChange} (on a thread of its own, never the caller's) whenever {@code topic} changes anywhere. */
    void subscribe(String topic, Runnable onChange);

    /** Events within this process: for the in-memory stores of a single replica. */
    static StateEvents local() {
        return new LocalStateEvents();
    }
}
