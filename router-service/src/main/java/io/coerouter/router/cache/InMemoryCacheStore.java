package io.coerouter.router.cache;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link CacheStore} in this process's memory: one lock, an access-ordered map, a bounded queue per context. */
final class InMemoryCacheStore implements CacheStore {

    private record Key(String scope, String hash) {}

    private final int maxEntries;
    private final long maxBytes;
    private final int maxCandidates;
    private long bytes;
    private final Clock clock;
    private final LinkedHashMap<Key, CachedAnswer> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<Key, ArrayDeque<Candidate>> contexts = new HashMap<>();
    private final Map<String, Key> ids = new HashMap<>();

    InMemoryCacheStore(int maxEntries, long maxBytes, int maxCandidates, Clock clock) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be > 0, but was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be > 0, but was " + maxEntries);
        }
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("maxCandidates must be > 0, but was " + maxCandidates);
        }
        this.maxEntries = maxEntries;
        this.maxCandidates = maxCandidates;
        this.clock = clock;
    }

    @Override
    public synchronized Optional<CachedAnswer> get(String scope, String exact) {
        Key key = new Key(scope, exact);
        CachedAnswer entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiredAt(clock.instant())) {
            remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    @Override
    public synchronized List<Candidate> candidates(String scope, String context) {
        ArrayDeque<Candidate> queue = contexts.get(new Key(scope, context));
        if (queue == null) {
            return List.of();
        }
        List<Candidate> newestFirst = new ArrayList<>(queue.size());
        queue.descendingIterator().forEachRemaining(newestFirst::add);
        return newestFirst;
    }

    @Override
    public synchronized void put(CachedAnswer entry) {
        Key key = new Key(entry.scope(), entry.exact());
        CachedAnswer old = entries.remove(key);
        if (old != null) {
            forget(key, old);
        }
        entries.put(key, entry);
        bytes += size(entry);
        ids.put(entry.id(), key);
        if (entry.semantic()) {
            ArrayDeque<Candidate> queue =
                    contexts.computeIfAbsent(new Key(entry.scope(), entry.context()), k -> new ArrayDeque<>());
            queue.addLast(new Candidate(entry.exact(), entry.query(), entry.topSkill(), entry.embedding()));
            while (queue.size() > maxCandidates) {
                queue.removeFirst();
            }
        }
        Instant now = clock.instant();
        Iterator<Map.Entry<Key, CachedAnswer>> eldest = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && entries.size() > 1 && eldest.hasNext()) {
            Map.Entry<Key, CachedAnswer> e = eldest.next();
            eldest.remove();
            forget(e.getKey(), e.getValue());
        }
        // Expired entries at the cold end go as well, so a quiet cache does not hold them until it fills.
        eldest = entries.entrySet().iterator();
        for (int checked = 0; checked < 8 && eldest.hasNext(); checked++) {
            Map.Entry<Key, CachedAnswer> e = eldest.next();
            if (e.getValue().expiredAt(now)) {
                eldest.remove();
                forget(e.getKey(), e.getValue());
            }
        }
    }

    @Override
    public List<CachedAnswer> list(CacheFilter filter, int limit) {
        // Filtered and sorted outside the lock, so an admin's listing never holds up the chat path's lookups.
        List<CachedAnswer> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(entries.values());
        }
        Instant now = clock.instant();
        return snapshot.stream()
                .filter(e -> !e.expiredAt(now) && e.matches(filter))
                .sorted(Comparator.comparing(CachedAnswer::createdAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<CachedAnswer> byId(String id) {
        Key key = ids.get(id);
        return key == null ? Optional.empty() : get(key.scope(), key.hash());
    }

    @Override
    public synchronized long purge(CacheFilter filter) {
        long removed = 0;
        Iterator<Map.Entry<Key, CachedAnswer>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, CachedAnswer> e = it.next();
            if (e.getValue().matches(filter)) {
                it.remove();
                forget(e.getKey(), e.getValue());
                removed++;
            }
        }
        return removed;
    }

    @Override
    public synchronized boolean remove(String id) {
        Key key = ids.get(id);
        CachedAnswer entry = key == null ? null : entries.get(key);
        if (entry == null) {
            return false;
        }
        remove(key, entry);
        return !entry.expiredAt(clock.instant());
    }

    @Override
    public synchronized long size() {
        return entries.size();
    }

    @Override
    public String kind() {
        return "memory";
    }

    private void remove(Key key, CachedAnswer entry) {
        entries.remove(key);
        forget(key, entry);
    }

    /** Roughly what an entry holds on the heap: two bytes a character, four a vector component, some overhead. */
    static long size(CachedAnswer entry) {
        long chars = entry.text().length()
                + (entry.query() == null ? 0 : entry.query().length());
        return 512 + 2 * chars + (entry.embedding() == null ? 0 : 4L * entry.embedding().length);
    }

    /** Drops what points at an entry already out of {@link #entries}. */
    private void forget(Key key, CachedAnswer entry) {
        bytes -= size(entry);
        ids.remove(entry.id());
        if (entry.semantic()) {
            Key context = new Key(entry.scope(), entry.context());
            ArrayDeque<Candidate> queue = contexts.get(context);
            if (queue != null) {
                queue.removeIf(c -> c.exact().equals(key.hash()));
                if (queue.isEmpty()) {
                    contexts.remove(context);
                }
            }
        }
    }
}
