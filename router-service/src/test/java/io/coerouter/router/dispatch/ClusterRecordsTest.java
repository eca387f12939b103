package io.coerouter.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation of the cluster directory's records: {@link WorkerResidency}, {@link ResidentModel}, {@link GatewayRecord}. */
class ClusterRecordsTest {

    private static final ResidentModel X = new ResidentModel("x", 10, 1);

    private static WorkerResidency worker(String id, List<ResidentModel> device, long budget, long free, int queued) {
        return new WorkerResidency(id, device, List.of(), budget, free, queued, 0, 5);
    }

    @Test
    void aResidentModelNeedsAnExpertNameUsableAsAHashTagAndNoNegativeFigures() {
        assertThatThrownBy(() -> new ResidentModel(null, 1, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ResidentModel(" ", 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expert");
        assertThatThrownBy(() -> new ResidentModel("a{b", 1, 1)).hasMessageContaining("a{b");
        assertThatThrownBy(() -> new ResidentModel("x", -5, 1))
                .hasMessageContaining("bytes")
                .hasMessageContaining("-5");
        assertThatThrownBy(() -> new ResidentModel("x", 1, -7))
                .hasMessageContaining("lastUsedMillis")
                .hasMessageContaining("-7");
    }

    @Test
    void aWorkerIdIsLettersDigitsDotsDashesAndUnderscoresUpTo100() {
        assertThat(worker("pod-7.gpu_0", List.of(), 0, 0, 0).workerId()).isEqualTo("pod-7.gpu_0");
        assertThat(worker("w".repeat(100), List.of(), 0, 0, 0).workerId()).hasSize(100);
        for (String bad : List.of("", "w x", "w:1", "w/1", "{w}", "w*", "ü", "w".repeat(101))) {
            assertThatThrownBy(() -> worker(bad, List.of(), 0, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("workerId");
        }
        assertThatThrownBy(() -> worker(null, List.of(), 0, 0, 0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aWorkersFiguresAreNamedWithTheirValueWhenWrong() {
        assertThatThrownBy(() -> worker("w", List.of(), -1, 0, 0))
                .hasMessageContaining("deviceBudgetBytes must be >= 0: -1");
        assertThatThrownBy(() -> worker("w", List.of(), 10, -2, 0))
                .hasMessageContaining("deviceFreeBytes must be >= 0: -2");
        assertThatThrownBy(() -> worker("w", List.of(), 10, 11, 0))
                .hasMessageContaining("deviceFreeBytes")
                .hasMessageContaining("11");
        assertThatThrownBy(() -> worker("w", List.of(), 10, 0, -3)).hasMessageContaining("queued must be >= 0: -3");
        assertThatThrownBy(() -> new WorkerResidency("w", List.of(), List.of(), 1, 0, 0, -4, 0))
                .hasMessageContaining("inFlight must be >= 0: -4");
        assertThatThrownBy(() -> new WorkerResidency("w", List.of(), List.of(), 1, 0, 0, 0, -6))
                .hasMessageContaining("heartbeatMillis must be >= 0: -6");
    }

    @Test
    void aTierListsEachModelOnceAndNoNulls() {
        assertThatThrownBy(() -> worker("w", List.of(X, new ResidentModel("x", 3, 3)), 20, 0, 0))
                .hasMessageContaining("device")
                .hasMessageContaining("'x'");
        List<ResidentModel> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new WorkerResidency("w", List.of(), withNull, 1, 0, 0, 0, 0))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("host");
        assertThatThrownBy(() -> new WorkerResidency("w", null, List.of(), 1, 0, 0, 0, 0))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aWorkerHoldsTheModelsOnItsDeviceOnly() {
        List<ResidentModel> device = new ArrayList<>(List.of(X));
        WorkerResidency worker =
                new WorkerResidency("w", device, List.of(new ResidentModel("y", 10, 1)), 100, 90, 0, 0, 0);
        device.clear();

        assertThat(worker.holds("x")).as("a copy of the list").isTrue();
        assertThat(worker.holds("y")).as("on the host tier").isFalse();
        assertThat(worker.holds("z")).isFalse();
    }

    @Test
    void aGatewayRecordNeedsAWellFormedIdAndNoNegativeFigures() {
        assertThat(new GatewayRecord("gw-1", 0, 0).gatewayId()).isEqualTo("gw-1");
        assertThatThrownBy(() -> new GatewayRecord("gw 1", 0, 0)).hasMessageContaining("gatewayId");
        assertThatThrownBy(() -> new GatewayRecord("gw", -1, 0))
                .hasMessageContaining("heartbeatMillis must be >= 0: -1");
        assertThatThrownBy(() -> new GatewayRecord("gw", 0, -2)).hasMessageContaining("inFlight must be >= 0: -2");
    }
}
