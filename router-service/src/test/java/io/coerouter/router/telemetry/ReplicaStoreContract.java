package io.coerouter.router.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What every {@link ReplicaStore} does; each implementation's test runs it. */
abstract class ReplicaStoreContract {

    static final Duration TTL = Duration.ofSeconds(30);

    abstract ReplicaStore store();

    abstract ReplicaStore replica(ReplicaStore store);

    static ReplicaRecord record(String id, long lastSeen) {
        return new ReplicaRecord(id, 1_000, lastSeen, 3, 1, "0.2.0-test");
    }

    @Test
    void theLastHeartbeatOfEachReplicaIsListedById() {
        ReplicaStore store = store();
        ReplicaStore other = replica(store);
        store.put(record("router-b", 2_000), TTL);
        other.put(record("router-a", 2_000), TTL);
        store.put(record("router-b", 2_005), TTL);

        assertThat(store.list(2_010, TTL)).containsExactly(record("router-a", 2_000), record("router-b", 2_005));
    }

    @Test
    void aReplicaPastItsTimeOrRemovedIsNotListed() {
        ReplicaStore store = store();
        store.put(record("router-a", 2_000), TTL);
        store.put(record("router-b", 2_025), TTL);
        store.put(record("router-c", 2_025), TTL);
        replica(store).remove("router-c");

        assertThat(store.list(2_040, TTL)).containsExactly(record("router-b", 2_025));
    }
}
