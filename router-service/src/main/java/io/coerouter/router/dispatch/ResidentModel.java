package io.coerouter.router.dispatch;

/**
 * A model loaded on a worker, as its residency record reports it.
 *
 * @param expert the expert whose model it is (non-blank, no braces)
 * @param bytes what it takes of the tier it is on, {@code >= 0}
 * @param lastUsedMillis when it was last used (epoch milliseconds), {@code >= 0}
 */
public record ResidentModel(String expert, long bytes, long lastUsedMillis) {

    public ResidentModel {
        ClusterIds.requireExpert("expert", expert);
        ClusterIds.requireNonNegative("bytes", bytes);
        ClusterIds.requireNonNegative("lastUsedMillis", lastUsedMillis);
    }
}
