package io.coerouter.expert;

import java.util.LinkedHashMap;
import java.util.Map;

/** The pool's host tier: model bytes kept in memory within a budget; not thread-safe, guarded by the pool's lock. */
final class HostTier {

    /** Access-ordered: the first key is the least recently used. */
    private final LinkedHashMap<String, byte[]> host = new LinkedHashMap<>(16, 0.75f, true);

    private final long budget;
    private long used;

    HostTier(long budget) {
        this.budget = budget;
    }

    /** The bytes kept for {@code id}, or null; counts as a use. */
    byte[] get(String id) {
        return host.get(id);
    }

    /** Whether bytes are kept for {@code id}; does not count as a use. */
    boolean holds(String id) {
        return host.containsKey(id);
    }

    /** Keeps {@code bytes} for {@code id}, dropping the least recently used until they fit. */
    void keep(String id, byte[] bytes) {
        while (used + bytes.length > budget) {
            Map.Entry<String, byte[]> eldest = host.entrySet().iterator().next();
            used -= eldest.getValue().length;
            host.remove(eldest.getKey());
        }
        host.put(id, bytes);
        used += bytes.length;
    }

    long used() {
        return used;
    }

    void clear() {
        host.clear();
        used = 0;
    }
}
