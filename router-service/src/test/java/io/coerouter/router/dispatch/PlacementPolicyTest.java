package io.coerouter.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementPolicyTest {

    private static final long GB = 1L << 30;

    private final PlacementPolicy policy = PlacementPolicy.residencyAware();

    /** A worker with a budget of {@code budgetGb}, the given device models (LRU first, 1 GB each) and load. */
    private static WorkerResidency worker(String id, long budgetGb, int queued, int inFlight, String... device) {
        List<ResidentModel> models = new ArrayList<>();
        for (int i = 0; i < device.length; i++) {
            models.add(new ResidentModel(device[i], GB, 100 + i));
        }
        long free = budgetGb * GB - device.length * GB;
        return new WorkerResidency(
                id, models, List.of(new ResidentModel("on-host", GB, 1)), budgetGb * GB, free, queued, inFlight, 1);
    }

    @Test
    void holdersAreTheWorkersWithTheModelOnTheirDeviceLeastLoadedFirst() {
        List<WorkerResidency> workers = List.of(
                worker("w-busy", 4, 5, 2, "x"),
                worker("w-idle-b", 4, 0, 0, "x", "y"),
                worker("w-idle-a", 4, 0, 0, "y", "x"),
                worker("w-other", 4, 0, 0, "y"));

        assertThat(policy.holders("x", workers)).containsExactly("w-idle-a", "w-idle-b", "w-busy");
        assertThat(policy.holders("on-host", workers))
                .as("the host tier is not held")
                .isEmpty();
        assertThat(policy.holders("x", List.of())).isEmpty();
    }

    @Test
    void aWorkerWithRoomGoesBeforeOneThatMustEvictHoweverBusy() {
        List<WorkerResidency> workers = List.of(worker("w-full-idle", 2, 0, 0, "a", "b"), worker("w-room", 2, 9, 4));

        assertThat(policy.place("x", GB, workers, Map.of())).contains("w-room");
    }

    @Test
    void amongWorkersWithRoomTheLeastLoadedThenTheSmallestIdGoes() {
        List<WorkerResidency> workers =
                List.of(worker("w-c", 4, 1, 1, "a"), worker("w-b", 4, 0, 1, "b"), worker("w-a", 4, 1, 0, "c"));

        assertThat(policy.place("x", GB, workers, Map.of())).contains("w-a");
        assertThat(policy.place("x", GB, workers.reversed(), Map.of()))
                .as("whatever the order of the records")
                .contains("w-a");
    }

    @Test
    void whenAllMustEvictTheOneEvictingTheLeastWaitingWorkGoes() {
        List<WorkerResidency> workers =
                List.of(worker("w-1", 2, 0, 0, "hot", "cold"), worker("w-2", 2, 5, 5, "cold2", "hot2"));
        Map<String, Long> waiting = Map.of("hot", 40L, "hot2", 30L, "cold", 1L, "cold2", 2L);

        // w-1 would evict 'hot' (its least recently used, 40 waiting); w-2 only 'cold2' (2 waiting).
        assertThat(policy.place("x", GB, workers, waiting)).contains("w-2");
    }

    @Test
    void theEvictionWalkStopsOnceTheModelFits() {
        WorkerResidency w1 = worker("w-1", 3, 0, 0, "idle", "busy", "other");
        WorkerResidency w2 = worker("w-2", 3, 0, 0, "idle2", "quiet2", "other2");
        Map<String, Long> waiting = Map.of("idle", 1L, "busy", 100L, "idle2", 3L, "quiet2", 0L);

        assertThat(policy.place("x", GB, List.of(w1, w2), waiting))
                .as("a 1 GB model evicts one model: 1 waiting (w-1's 'busy' is not walked) against 3")
                .contains("w-1");
        assertThat(policy.place("x", 2 * GB, List.of(w1, w2), waiting))
                .as("a 2 GB model evicts two: 101 waiting against 3")
                .contains("w-2");
    }

    @Test
    void equalEvictionCostsFallBackToLoadThenId() {
        List<WorkerResidency> workers =
                List.of(worker("w-b", 1, 0, 0, "a"), worker("w-a", 1, 0, 0, "b"), worker("w-c", 1, 0, 1, "c"));

        assertThat(policy.place("x", GB, workers, Map.of("a", 2L, "b", 2L, "c", 0L)))
                .contains("w-c");
        assertThat(policy.place("x", GB, workers, Map.of("a", 2L, "b", 2L, "c", 2L)))
                .contains("w-a");
    }

    @Test
    void workersWhoseBudgetCannotFitTheModelAreNoCandidates() {
        List<WorkerResidency> workers = List.of(worker("w-small", 1, 0, 0), worker("w-large", 8, 9, 9, "a"));

        assertThat(policy.place("x", 4 * GB, workers, Map.of())).contains("w-large");
        assertThat(policy.place("x", 16 * GB, workers, Map.of())).isEmpty();
        assertThat(policy.place("x", GB, List.of(), Map.of())).isEmpty();
    }

    @Test
    void anExpertAlreadyHeldStaysWithItsHolder() {
        List<WorkerResidency> workers = List.of(worker("w-empty", 4, 0, 0), worker("w-holder", 2, 3, 1, "a", "x"));

        assertThat(policy.place("x", GB, workers, Map.of())).contains("w-holder");
    }

    @Test
    void malformedArgumentsAreRefused() {
        List<WorkerResidency> workers = List.of(worker("w", 2, 0, 0));
        assertThatThrownBy(() -> policy.place("x", -1, workers, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("modelBytes");
        assertThatThrownBy(() -> policy.holders("{x}", workers)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.place("x", 1, workers, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void requestsAWorkerAlreadyTookForAModelCountAsTheCostOfEvictingIt() {
        // Nothing waits in the cluster's queue for either resident model: their workers took it all.
        WorkerResidency busy =
                new WorkerResidency("w-a", List.of(new ResidentModel("held", GB, 100, 12)), List.of(), GB, 0, 12, 4, 1);
        WorkerResidency idle =
                new WorkerResidency("w-b", List.of(new ResidentModel("idle", GB, 100, 0)), List.of(), GB, 0, 0, 0, 1);

        assertThat(policy.place("new", GB, List.of(busy, idle), Map.of()))
                .as("w-a would evict a model with 12 requests held, w-b one with none")
                .contains("w-b");
        assertThatThrownBy(() -> new ResidentModel("x", 1, 1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queued");
    }
}
