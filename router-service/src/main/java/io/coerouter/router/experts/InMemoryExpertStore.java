package io.coerouter.router.experts;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Experts as JSON in a map, as Redis keeps them: one replica's registry. */
final class InMemoryExpertStore implements ExpertStore {

    private final Map<String, String> experts = new ConcurrentHashMap<>();

    @Override
    public Contents read() {
        return ExpertStore.parse(Map.copyOf(experts));
    }

    @Override
    public Optional<StoredExpert> find(String id) {
        String json = experts.get(id);
        return json == null
                ? Optional.empty()
                : ExpertStore.parse(Map.of(id, json)).experts().stream().findFirst();
    }

    @Override
    public void put(StoredExpert expert) {
        experts.put(expert.id(), StoredExpertJson.write(expert));
    }

    @Override
    public boolean create(StoredExpert expert) {
        return experts.putIfAbsent(expert.id(), StoredExpertJson.write(expert)) == null;
    }

    @Override
    public boolean delete(String id) {
        return experts.remove(id) != null;
    }

    /** Stores {@code json} as it is, for tests of entries that cannot be read back. */
    void putRaw(String id, String json) {
        experts.put(id, json);
    }
}
