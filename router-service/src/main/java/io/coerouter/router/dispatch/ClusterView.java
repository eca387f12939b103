package io.coerouter.router.dispatch;

import io.coerouter.router.config.Role;
import java.util.List;

/**
 * The cluster as one process sees it: its own role and id, the live gateways and workers (with their residency),
 * and the local experts' queues.
 *
 * @param role this process's role
 * @param self this process's id
 * @param gateways live gateways
 * @param workers live workers
 * @param queues one per local expert, by name
 */
public record ClusterView(
        Role role, String self, List<GatewayRecord> gateways, List<WorkerResidency> workers, List<Queue> queues) {

    public ClusterView {
        gateways = List.copyOf(gateways);
        workers = List.copyOf(workers);
        queues = List.copyOf(queues);
    }

    /**
     * One expert's queue.
     *
     * @param expert the expert
     * @param waiting requests no worker has taken
     * @param inFlight requests a worker runs
     * @param oldestWaitingMillis how long the oldest waiting request has waited, or -1
     * @param holders the workers with its model on their device
     * @param claimant the worker that claimed it to load it, or null
     */
    public record Queue(
            String expert,
            long waiting,
            long inFlight,
            long oldestWaitingMillis,
            List<String> holders,
            String claimant) {

        public Queue {
            holders = List.copyOf(holders);
        }
    }
}
