package io.coerouter.router.dispatch;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A worker's residency record: which models it has loaded on each tier, how much device memory it has and has free,
 * and how busy it is. Workers publish it with an expiry; gateways and the placement policy read it.
 *
 * @param workerId the worker's id, {@code [A-Za-z0-9._-]{1,100}}
 * @param device the models on its device (accelerator memory), in eviction order: least recently used first
 * @param host the models held in host memory (a reload from there is cheaper than from disk)
 * @param deviceBudgetBytes the device memory its models may take, {@code >= 0}
 * @param deviceFreeBytes how much of that budget is free now, from 0 to {@code deviceBudgetBytes}
 * @param queued requests taken from the queues and waiting for a batch on this worker, {@code >= 0}
 * @param inFlight requests in the batches running now, {@code >= 0}
 * @param heartbeatMillis when the worker published this record (epoch milliseconds), {@code >= 0}
 */
public record WorkerResidency(
        String workerId,
        List<ResidentModel> device,
        List<ResidentModel> host,
        long deviceBudgetBytes,
        long deviceFreeBytes,
        int queued,
        int inFlight,
        long heartbeatMillis) {

    public WorkerResidency {
        ClusterIds.requireMember("workerId", workerId);
        device = models("device", device);
        host = models("host", host);
        ClusterIds.requireNonNegative("deviceBudgetBytes", deviceBudgetBytes);
        ClusterIds.requireNonNegative("deviceFreeBytes", deviceFreeBytes);
        if (deviceFreeBytes > deviceBudgetBytes) {
            throw new IllegalArgumentException(
                    "deviceFreeBytes must be <= deviceBudgetBytes (" + deviceBudgetBytes + "): " + deviceFreeBytes);
        }
        ClusterIds.requireNonNegative("queued", queued);
        ClusterIds.requireNonNegative("inFlight", inFlight);
        ClusterIds.requireNonNegative("heartbeatMillis", heartbeatMillis);
    }

    /** Whether {@code expert}'s model is on this worker's device, so it runs without a load. */
    public boolean holds(String expert) {
        for (ResidentModel model : device) {
            if (model.expert().equals(expert)) {
                return true;
            }
        }
        return false;
    }

    /** Requests this worker has taken and not answered yet: queued plus in flight. */
    long load() {
        return (long) queued + inFlight;
    }

    private static List<ResidentModel> models(String field, List<ResidentModel> models) {
        Objects.requireNonNull(models, field);
        Set<String> seen = new HashSet<>();
        for (ResidentModel model : models) {
            Objects.requireNonNull(model, field + " must not hold null");
            if (!seen.add(model.expert())) {
                throw new IllegalArgumentException(field + " lists expert '" + model.expert() + "' twice");
            }
        }
        return List.copyOf(models);
    }
}
