package io.coerouter.router.dispatch;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides where an expert's work runs in the cluster, from the workers' {@linkplain WorkerResidency residency
 * records}: which live workers already hold the expert's model, and which worker should load it when none does. Pure
 * decisions on the records it is given: no Redis, no clock, no state.
 */
public interface PlacementPolicy {

    /**
     * Residency-aware placement, so that each expert's requests gather on the workers that have its model loaded and
     * load it as rarely as possible:
     *
     * <ul>
     *   <li>{@link #holders}: the workers with the expert's model on their device, least loaded first (queued plus in
     *       flight), then by worker id.
     *   <li>{@link #place}: when a worker holds the expert, the first of its holders (no load needed). Otherwise the
     *       candidates are the workers whose device budget fits the model ({@code deviceBudgetBytes >= modelBytes}),
     *       ranked by
     *       <ol>
     *         <li>no eviction needed ({@code deviceFreeBytes >= modelBytes}) before eviction needed;
     *         <li>the least waiting work in the models it would evict: walking its {@code device} list in eviction
     *             order (least recently used first) until the free bytes plus those evicted fit the model, the sum
     *             over the models walked of {@code waitingByExpert} plus the requests the worker holds for each
     *             ({@link ResidentModel#queued()}) (a worker whose list cannot free enough counts all of them);
     *         <li>the least load (queued plus in flight);
     *         <li>the worker id, so that the choice is deterministic.
     *       </ol>
     *       Empty when no worker's budget fits the model.
     * </ul>
     */
    static PlacementPolicy residencyAware() {
        return ResidencyAwarePlacement.INSTANCE;
    }

    /** The workers of {@code workers} (live ones) holding {@code expert}'s model on their device, best first. */
    List<String> holders(String expert, List<WorkerResidency> workers);

    /**
     * The worker that should run {@code expert}, loading its model ({@code modelBytes} on the device) when it does not
     * hold it; empty when none can.
     *
     * @param workers the live workers
     * @param waitingByExpert requests waiting per expert (its queue's depth); an expert missing counts 0
     */
    Optional<String> place(
            String expert, long modelBytes, List<WorkerResidency> workers, Map<String, Long> waitingByExpert);
}
