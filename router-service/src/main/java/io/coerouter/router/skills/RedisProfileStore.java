package io.coerouter.router.skills;

import io.coerouter.router.state.RedisState;
import io.coerouter.router.state.StateUnavailableException;
import io.coerouter.skills.profile.ProfileJson;
import io.coerouter.skills.profile.ProfileSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Profile versions in Redis: {@code profiles:next} numbers them (INCR), the hash {@code profiles:versions} holds each
 * version's JSON by number, and only the newest {@code keep} are kept. Routing reads {@link #current()} on every
 * request, so the newest set is cached here and read again on the {@code profiles} event (published after every
 * save, and run after a reconnect); while Redis is down the cached set is served and saves fail.
 */
final class RedisProfileStore implements SharedProfileStore {

    /** The event every replica refreshes its cached current set on. */
    static final String TOPIC = "profiles";

    private static final Logger log = LoggerFactory.getLogger(RedisProfileStore.class);

    private final RedisState redis;
    private final int keep;
    private final String counter;
    private final String versions;
    private volatile ProfileSet current;
    /** Counts this replica's saves, so a refresh read before a save cannot replace the set that save made current. */
    private long saves;

    private RedisProfileStore(RedisState redis, int keep) {
        if (keep <= 0) {
            throw new IllegalArgumentException("keep must be > 0, but was " + keep);
        }
        this.redis = redis;
        this.keep = keep;
        this.counter = redis.key("profiles", "next");
        this.versions = redis.key("profiles", "versions");
    }

    /**
     * A store on {@code redis} that has read the current set and follows other replicas' saves.
     *
     * @throws StateUnavailableException when Redis cannot be read
     */
    static RedisProfileStore open(RedisState redis, int keep) {
        RedisProfileStore store = new RedisProfileStore(redis, keep);
        store.current = store.newest().orElse(null);
        redis.events().subscribe(TOPIC, store::refresh);
        return store;
    }

    @Override
    public Optional<ProfileSet> current() {
        return Optional.ofNullable(current);
    }

    @Override
    public ProfileSet save(ProfileSet set) {
        int version = redis.call(c -> c.incr(counter)).intValue();
        ProfileSet stored = set.withVersion(version);
        redis.call(c -> c.hset(versions, Integer.toString(version), ProfileJson.write(stored)));
        prune();
        synchronized (this) {
            current = stored;
            saves++;
        }
        redis.events().publish(TOPIC);
        return stored;
    }

    @Override
    public Optional<ProfileSet> seed(ProfileSet set) {
        ProfileSet stored = set.withVersion(1);
        String json = ProfileJson.write(stored);
        // WATCH the counter: a save or another replica's seed between the check and EXEC discards this one.
        boolean seeded = redis.transaction(c -> {
            c.watch(counter);
            if (c.exists(counter) > 0) {
                c.unwatch();
                return false;
            }
            c.multi();
            c.set(counter, "1");
            c.hset(versions, "1", json);
            return !c.exec().wasDiscarded();
        });
        if (!seeded) {
            return Optional.empty();
        }
        current = stored;
        redis.events().publish(TOPIC);
        return Optional.of(stored);
    }

    @Override
    public Optional<ProfileSet> version(int version) {
        return Optional.ofNullable(redis.call(c -> c.hget(versions, Integer.toString(version))))
                .map(ProfileJson::read);
    }

    @Override
    public List<Integer> versions() {
        return redis.call(c -> c.hkeys(versions)).stream()
                .map(Integer::valueOf)
                .sorted()
                .toList();
    }

    /** Reads the newest set again; keeps the cached one while Redis is down or holds none (it was emptied). */
    void refresh() {
        try {
            long seen;
            synchronized (this) {
                seen = saves;
            }
            Optional<ProfileSet> newest = newest();
            synchronized (this) {
                // A save of this replica after the read began made a newer set current: keep it (its event follows).
                if (newest.isPresent() && saves == seen) {
                    current = newest.get();
                }
            }
        } catch (StateUnavailableException e) {
            log.warn(
                    "profiles could not be read again, still routing with version {}: {}",
                    currentVersion(),
                    e.getMessage());
        }
    }

    private Object currentVersion() {
        ProfileSet set = current;
        return set == null ? "none" : set.version();
    }

    private Optional<ProfileSet> newest() {
        // A version pruned between the two reads has a newer one, whose event follows.
        return versions().stream().max(Comparator.naturalOrder()).flatMap(this::version);
    }

    /** Deletes all but the newest {@code keep} versions. */
    private void prune() {
        List<Integer> all = versions();
        if (all.size() > keep) {
            String[] old = all.subList(0, all.size() - keep).stream()
                    .map(String::valueOf)
                    .toArray(String[]::new);
            redis.call(c -> c.hdel(versions, old));
        }
    }
}
