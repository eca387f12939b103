package io.coerouter.router.experts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Experts in a map: one replica's registry. */
final class InMemoryExpertStore implements ExpertStore {

    private final Map<String, StoredExpert> experts = new ConcurrentHashMap<>();

    @Override
    public List<StoredExpert> all() {
        return List.copyOf(experts.values());
    }

    @Override
    public Optional<StoredExpert> find(String id) {
        return Optional.ofNullable(experts.get(id));
    }

    @Override
    public void put(StoredExpert expert) {
        experts.put(expert.id(), expert);
    }

    @Override
    public boolean create(StoredExpert expert) {
        return experts.putIfAbsent(expert.id(), expert) == null;
    }

    @Override
    public boolean delete(String id) {
        return experts.remove(id) != null;
    }
}
