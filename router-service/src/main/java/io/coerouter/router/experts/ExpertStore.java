package io.coerouter.router.experts;

import io.coerouter.router.state.RedisState;
import java.util.List;
import java.util.Optional;

/**
 * Where the expert registry lives: in this process's memory by default, in Redis when replicas share it. Every write
 * is followed by an {@code experts} event so each replica rebuilds what changed.
 */
public interface ExpertStore {

    /** Every stored expert, in no particular order. */
    List<StoredExpert> all();

    Optional<StoredExpert> find(String id);

    /** Stores {@code expert}, replacing one with its id. */
    void put(StoredExpert expert);

    /** Stores {@code expert} unless its id is taken; returns whether it did. */
    boolean create(StoredExpert expert);

    /** Removes {@code id}; returns whether it was there. */
    boolean delete(String id);

    static ExpertStore inMemory() {
        return new InMemoryExpertStore();
    }

    /** Experts as JSON in one Redis hash, {@code experts}, under the state's key prefix. */
    static ExpertStore redis(RedisState redis) {
        return new RedisExpertStore(redis);
    }
}
