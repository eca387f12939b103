package io.coerouter.router.experts;

import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.state.RedisState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the expert registry lives: in this process's memory by default, in Redis when replicas share it. Every write
 * is followed by an {@code experts} event so each replica rebuilds what changed. Entries are kept as JSON; one that
 * cannot be read back (written by hand, by another version, or before a check existed) is reported as broken and
 * never stops the others from being read or written.
 */
public interface ExpertStore {

    /**
     * Everything stored, read at once.
     *
     * @param experts the entries that can be read
     * @param broken the ids of those that cannot, with why (never the stored text)
     */
    record Contents(List<StoredExpert> experts, Map<String, String> broken) {
        public Contents {
            experts = List.copyOf(experts);
            broken = Map.copyOf(broken);
        }
    }

    /** Every stored entry, readable or broken. */
    Contents read();

    /** Every readable stored expert, in no particular order. */
    default List<StoredExpert> all() {
        return read().experts();
    }

    /** The expert stored as {@code id}; empty when there is none or it cannot be read. */
    Optional<StoredExpert> find(String id);

    /** Stores {@code expert}, replacing one with its id. */
    void put(StoredExpert expert);

    /** Stores {@code expert} unless its id is taken (by a broken entry too); returns whether it did. */
    boolean create(StoredExpert expert);

    /** Removes {@code id}, broken or not; returns whether it was there. */
    boolean delete(String id);

    static ExpertStore inMemory() {
        return new InMemoryExpertStore();
    }

    /** Experts as JSON in one Redis hash, {@code experts}, under the state's key prefix. */
    static ExpertStore redis(RedisState redis) {
        return new RedisExpertStore(redis);
    }

    /** Reads {@code raw} (id to stored JSON) into experts and broken entries, logging each broken one. */
    static Contents parse(Map<String, String> raw) {
        List<StoredExpert> experts = new java.util.ArrayList<>();
        Map<String, String> broken = new java.util.TreeMap<>();
        raw.forEach((id, json) -> {
            try {
                StoredExpert expert = StoredExpertJson.read(json);
                if (!expert.id().equals(id)) {
                    throw new IllegalStateException("its definition's id differs from the key it is stored under");
                }
                experts.add(expert);
            } catch (IllegalStateException e) {
                String shown = JsonBodies.echo(id);
                broken.put(id, e.getMessage());
                org.slf4j.LoggerFactory.getLogger(ExpertStore.class)
                        .error(
                                "stored expert '{}' cannot be read and is not served (delete it or write it again"
                                        + " through the admin API): {}",
                                shown,
                                e.getMessage());
            }
        });
        return new Contents(experts, broken);
    }
}
