package io.coerouter.router.dispatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** See {@link PlacementPolicy#residencyAware()}. */
final class ResidencyAwarePlacement implements PlacementPolicy {

    static final ResidencyAwarePlacement INSTANCE = new ResidencyAwarePlacement();

    private static final Comparator<WorkerResidency> LEAST_LOADED =
            Comparator.comparingLong(WorkerResidency::load).thenComparing(WorkerResidency::workerId);

    /** What loading the model on a worker would cost, in ranking order. */
    private record Candidate(WorkerResidency worker, boolean evicts, long evictedWaiting) {}

    private static final Comparator<Candidate> BEST = Comparator.comparing(Candidate::evicts)
            .thenComparingLong(Candidate::evictedWaiting)
            .thenComparingLong(c -> c.worker().load())
            .thenComparing(c -> c.worker().workerId());

    private ResidencyAwarePlacement() {}

    @Override
    public List<String> holders(String expert, List<WorkerResidency> workers) {
        ClusterIds.requireExpert("expert", expert);
        Objects.requireNonNull(workers, "workers");
        List<WorkerResidency> holding = new ArrayList<>();
        for (WorkerResidency worker : workers) {
            if (worker.holds(expert)) {
                holding.add(worker);
            }
        }
        holding.sort(LEAST_LOADED);
        return holding.stream().map(WorkerResidency::workerId).toList();
    }

    @Override
    public Optional<String> place(
            String expert, long modelBytes, List<WorkerResidency> workers, Map<String, Long> waitingByExpert) {
        ClusterIds.requireNonNegative("modelBytes", modelBytes);
        Objects.requireNonNull(waitingByExpert, "waitingByExpert");
        List<String> holding = holders(expert, workers);
        if (!holding.isEmpty()) {
            return Optional.of(holding.getFirst());
        }
        Candidate best = null;
        for (WorkerResidency worker : workers) {
            if (worker.deviceBudgetBytes() < modelBytes) {
                continue;
            }
            Candidate candidate = candidate(worker, modelBytes, waitingByExpert);
            if (best == null || BEST.compare(candidate, best) < 0) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best).map(c -> c.worker().workerId());
    }

    private static Candidate candidate(WorkerResidency worker, long modelBytes, Map<String, Long> waitingByExpert) {
        long free = worker.deviceFreeBytes();
        if (free >= modelBytes) {
            return new Candidate(worker, false, 0);
        }
        long waiting = 0;
        for (ResidentModel model : worker.device()) {
            if (free >= modelBytes) {
                break;
            }
            free += model.bytes();
            Long queued = waitingByExpert.get(model.expert());
            // Its demand: what waits for it in the cluster's queue, and what its worker already took and holds.
            waiting += (queued == null ? 0 : Math.max(0, queued)) + model.queued();
        }
        return new Candidate(worker, true, waiting);
    }
}
