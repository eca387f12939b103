package io.coerouter.expert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The pool's state at one moment.
 *
 * @param deviceUsedBytes bytes of models loaded or loading
 * @param deviceBudgetBytes the device budget
 * @param hostUsedBytes bytes held in the host tier
 * @param hostBudgetBytes the host budget
 * @param models every model the pool has seen
 */
public record PoolSnapshot(
        long deviceUsedBytes,
        long deviceBudgetBytes,
        long hostUsedBytes,
        long hostBudgetBytes,
        List<ModelState> models) {

    /**
     * One model.
     *
     * @param id the model's id
     * @param tier where it is now
     * @param loading whether a load is under way
     * @param bytes its device cost
     * @param inUse leases held now (a model in use is never evicted)
     * @param pinned whether it is pinned
     * @param lastUsed when a lease on it was last released or taken, or null
     * @param loadsFromDisk loads that read the disk
     * @param loadsFromHost loads served from the host tier
     * @param evictions times it was unloaded
     * @param loadTime total time spent loading it
     */
    public record ModelState(
            String id,
            Tier tier,
            boolean loading,
            long bytes,
            int inUse,
            boolean pinned,
            Instant lastUsed,
            long loadsFromDisk,
            long loadsFromHost,
            long evictions,
            Duration loadTime) {}

    public ModelState model(String id) {
        return models.stream()
                .filter(m -> m.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the pool has not seen model '" + id + "'"));
    }
}
