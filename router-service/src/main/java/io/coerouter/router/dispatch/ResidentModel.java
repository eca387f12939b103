package io.coerouter.router.dispatch;

/**
 * A model loaded on a worker, as its residency record reports it.
 *
 * @param expert the expert whose model it is (non-blank, no braces)
 * @param bytes what it takes of the tier it is on, {@code >= 0}
 * @param lastUsedMillis when it was last used (epoch milliseconds), {@code >= 0}
 * @param queued requests for it the worker holds and has not answered yet (taken from the cluster's queue), {@code >= 0}:
 *     demand that evicting it would cost, which the cluster's queue no longer shows
 */
public record ResidentModel(String expert, long bytes, long lastUsedMillis, int queued) {

    public ResidentModel {
        ClusterIds.requireExpert("expert", expert);
        ClusterIds.requireNonNegative("bytes", bytes);
        ClusterIds.requireNonNegative("lastUsedMillis", lastUsedMillis);
        ClusterIds.requireNonNegative("queued", queued);
    }

    /** A model with no requests held for it. */
    public ResidentModel(String expert, long bytes, long lastUsedMillis) {
        this(expert, bytes, lastUsedMillis, 0);
    }
}
