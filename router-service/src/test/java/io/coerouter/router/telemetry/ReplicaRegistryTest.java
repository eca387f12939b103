package io.coerouter.router.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReplicaRegistryTest {

    private final ManualClock clock = new ManualClock();
    private final ReplicaStore store = ReplicaStore.inMemory();
    private final AtomicInteger loaded = new AtomicInteger();

    private ReplicaRegistry registry(String id) {
        return new ReplicaRegistry(store, clock, id, "0.2.0-test", () -> 3, loaded::get);
    }

    @Test
    void aHeartbeatStoresTheReplicasRecordAndItIsListedAsSelf() {
        ReplicaRegistry registry = registry("router-a");
        long started = clock.instant().getEpochSecond();
        clock.advance(Duration.ofSeconds(7));
        loaded.set(2);

        registry.heartbeat();

        assertThat(registry.list())
                .containsExactly(new Replica(
                        new ReplicaRecord("router-a", started, started + 7, 3, 2, "0.2.0-test"), true, true));
    }

    @Test
    void anotherReplicaIsListedHealthyForThreePeriodsThenUnhealthyThenNotAtAll() {
        ReplicaRegistry self = registry("router-a");
        ReplicaRegistry other = registry("router-b");
        self.heartbeat();
        other.heartbeat();

        clock.advance(ReplicaRegistry.HEALTHY_WITHIN.minusSeconds(1));
        self.heartbeat();
        assertThat(self.list())
                .extracting(r -> r.record().id() + ":" + r.healthy() + ":" + r.self())
                .containsExactly("router-a:true:true", "router-b:true:false");

        clock.advance(Duration.ofSeconds(2));
        self.heartbeat();
        assertThat(self.list())
                .extracting(r -> r.record().id() + ":" + r.healthy())
                .containsExactly("router-a:true", "router-b:false");

        clock.advance(ReplicaRegistry.TTL);
        self.heartbeat();
        assertThat(self.list()).extracting(r -> r.record().id()).containsExactly("router-a");
    }

    @Test
    void closingRemovesTheReplicasRecord() {
        ReplicaRegistry self = registry("router-a");
        ReplicaRegistry other = registry("router-b");
        self.heartbeat();
        other.heartbeat();

        other.close();

        assertThat(self.list()).extracting(r -> r.record().id()).isEqualTo(List.of("router-a"));
    }

    @Test
    void aReplicaWhoseRecordTheStoreLostStillListsItselfFromItsLastHeartbeat() {
        ReplicaRegistry self = registry("router-a");
        self.heartbeat();
        store.remove("router-a");

        assertThat(self.list()).extracting(Replica::self).containsExactly(true);
    }
}
