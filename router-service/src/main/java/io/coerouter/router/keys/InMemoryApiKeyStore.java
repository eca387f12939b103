package io.coerouter.router.keys;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Keys behind one lock. */
final class InMemoryApiKeyStore implements ApiKeyStore {

    private final Map<String, ApiKey> byId = new LinkedHashMap<>();

    @Override
    public synchronized void create(ApiKey key) {
        byId.put(key.id(), key);
    }

    @Override
    public synchronized Optional<ApiKey> findByHash(String hash) {
        return byId.values().stream().filter(k -> k.hash().equals(hash)).findFirst();
    }

    @Override
    public synchronized Optional<ApiKey> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<ApiKey> list() {
        return byId.values().stream()
                .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id))
                .toList();
    }

    @Override
    public synchronized Optional<ApiKey> update(String id, UnaryOperator<ApiKey> change) {
        ApiKey key = byId.get(id);
        if (key == null) {
            return Optional.empty();
        }
        ApiKey changed = change.apply(key);
        byId.put(id, changed);
        return Optional.of(changed);
    }

    @Override
    public synchronized boolean delete(String id) {
        return byId.remove(id) != null;
    }
}
