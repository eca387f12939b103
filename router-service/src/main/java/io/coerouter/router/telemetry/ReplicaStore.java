package io.coerouter.router.telemetry;

import io.coerouter.router.state.RedisState;
import java.time.Duration;
import java.util.List;

/** Where replicas leave their heartbeats. */
public interface ReplicaStore {

    /**
     * Stores {@code record}, replacing the replica's last one; it is forgotten {@code ttl} after its {@code lastSeen}
     * unless stored again.
     *
     * @throws io.coerouter.router.state.StateUnavailableException when the shared store cannot be reached
     */
    void put(ReplicaRecord record, Duration ttl);

    /** Forgets replica {@code id}. */
    void remove(String id);

    /**
     * Every replica whose last heartbeat is at most {@code ttl} before {@code nowSeconds} (epoch seconds), by id.
     *
     * @throws io.coerouter.router.state.StateUnavailableException when the shared store cannot be reached
     */
    List<ReplicaRecord> list(long nowSeconds, Duration ttl);

    /** Heartbeats in this process's memory: only this replica's. */
    static ReplicaStore inMemory() {
        return new InMemoryReplicaStore();
    }

    /** Heartbeats in one Redis hash shared by every replica. */
    static ReplicaStore redis(RedisState redis) {
        return new RedisReplicaStore(redis);
    }
}
