package io.coerouter.router.experts;

import io.coerouter.expert.Expert;
import io.coerouter.router.config.ExpertProperties;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.state.StateEvents;
import io.coerouter.router.state.StateUnavailableException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experts this router serves, read from the shared {@link ExpertStore} and rebuilt on every replica when an
 * {@code experts} event says it changed. {@code coe.experts} seeds the store; the admin API changes it. During a
 * store outage the last known experts keep serving.
 *
 * <p>An expert the registry drops (its definition changed, it was deleted, or the registry closed) is closed, its
 * connection pool with it, once its calls in flight on this replica have ended (see {@link ManagedExpert#retire()}).
 */
public final class ExpertRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExpertRegistry.class);

    private final ExpertStore store;
    private final StateEvents events;
    private final ExpertFactory factory;
    private final List<String> declared;
    private final List<ExpertProperties> declaredExperts;
    private final String defaultExpertId;
    private final Map<String, String> pinned = new ConcurrentHashMap<>();
    private volatile Map<String, RegisteredExpert> entries = Map.of();
    private volatile Map<String, String> broken = Map.of();
    /** An expert only {@link #findLent} knows, lent for the warm-up; null when none. */
    private volatile Expert unlisted;

    private ExpertRegistry(
            ExpertStore store,
            StateEvents events,
            ExpertFactory factory,
            List<ExpertProperties> declared,
            String defaultId) {
        this.store = store;
        this.declaredExperts = List.copyOf(declared);
        this.events = events;
        this.factory = factory;
        this.declared = declared.stream().map(ExpertProperties::id).toList();
        this.defaultExpertId = defaultId;
    }

    /**
     * Checks {@code declared} ({@code coe.experts}), writes it to {@code store} where the store holds no admin change
     * of it, loads every stored expert and follows {@code events}.
     *
     * @throws IllegalArgumentException when the declaration is unusable (a duplicate id, an unknown default or
     *     fallback, an empty list)
     */
    public static ExpertRegistry start(
            List<ExpertProperties> declared,
            String defaultExpert,
            ExpertStore store,
            StateEvents events,
            ExpertFactory factory) {
        ExpertDefinitions.checkEach(declared);
        for (ExpertProperties p : declared) {
            try {
                factory.check(p);
            } catch (InvalidExpertException e) {
                throw new IllegalArgumentException("coe.experts '" + p.id() + "': " + e.getMessage(), e);
            }
        }
        String chosen = ExpertDefinitions.checkDeclaration(declared, defaultExpert);
        ExpertRegistry registry = new ExpertRegistry(store, events, factory, declared, chosen);
        registry.pinned.put(chosen, "coe.default-expert");
        registry.seed(store.read());
        registry.load(store.read());
        events.subscribe("experts", registry::refresh);
        return registry;
    }

    /** The experts that answer, in order, when a call to {@code id} fails ({@code fallbacks} in its definition). */
    public List<String> fallbacks(String id) {
        RegisteredExpert entry = entries.get(id);
        return entry == null ? List.of() : entry.stored().definition().fallbacks();
    }

    /**
     * The expert registered as {@code id}; disabled and draining ones too (their calls fail over). Never the lent
     * warm-up expert ({@link #findLent}).
     */
    public Optional<Expert> find(String id) {
        RegisteredExpert entry = entries.get(Objects.requireNonNull(id, "id must not be null"));
        return entry == null ? Optional.empty() : Optional.of(entry.expert());
    }

    /**
     * The unlisted expert lent as {@code id} ({@link #lendUnlisted}), if one is now. Only the route decision of a
     * request that is the warm-up's own may ask: the admin API and clients' requests use {@link #find}.
     */
    public Optional<Expert> findLent(String id) {
        Objects.requireNonNull(id, "id must not be null");
        Expert lent = unlisted;
        return lent != null && lent.id().equals(id) ? Optional.of(lent) : Optional.empty();
    }

    /** A lent expert's handle: closing it takes the expert back and frees it. */
    public interface Loan extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Builds {@code definition} and serves it to {@link #findLent} only (never listed, stored, announced to other
     * replicas, pinned, chosen by routing or found by {@link #find}) until the returned handle is closed, which
     * closes and frees it (close it after its last call). One at a time: the warm-up's expert.
     *
     * @throws IllegalStateException when one is already lent or the id is registered
     * @throws IllegalArgumentException naming the setting that cannot be used
     */
    public synchronized Loan lendUnlisted(ExpertProperties definition) {
        if (unlisted != null || entries.containsKey(definition.id())) {
            throw new IllegalStateException("expert '" + definition.id() + "' cannot be lent: the id is in use");
        }
        Expert expert = factory.build(definition);
        unlisted = expert;
        return () -> {
            synchronized (this) {
                if (unlisted == expert) {
                    unlisted = null;
                    try {
                        Expert.closeIfCloseable(expert);
                    } finally {
                        factory.release(expert.id());
                    }
                }
            }
        };
    }

    /** Every registered expert: the declared ones in declaration order, then those added at run time by id. */
    public Collection<Expert> all() {
        return entries.values().stream().map(RegisteredExpert::expert).toList();
    }

    /** Every registration, in the order of {@link #all()}. */
    public List<RegisteredExpert> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<RegisteredExpert> entry(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /**
     * The stored entries that cannot be read (id to why), as this replica last read the store: they are not served,
     * and can be deleted or written again.
     */
    public Map<String, String> broken() {
        return broken;
    }

    /** The ids of every registered expert. */
    public Set<String> ids() {
        return Set.copyOf(entries.keySet());
    }

    /** The ids of the experts that take new calls now. */
    public Set<String> enabledIds() {
        Set<String> ids = new HashSet<>();
        entries.forEach((id, e) -> {
            if (e.state() == ExpertState.ENABLED) {
                ids.add(id);
            }
        });
        return ids;
    }

    public String defaultExpertId() {
        return defaultExpertId;
    }

    /**
     * The expert registered as {@code id} whenever it is called, for a setting that keeps an expert; the expert can
     * then be changed but not deleted.
     *
     * @throws IllegalStateException when no expert is registered as {@code id}, naming {@code setting}
     */
    public Expert live(String id, String setting) {
        if (!entries.containsKey(id)) {
            throw new IllegalStateException(setting + " must be one of " + entries.keySet() + ", but was '" + id + "'");
        }
        pinned.merge(id, setting, (a, b) -> a + ", " + b);
        return new LiveExpert(() -> find(id).orElseThrow(() ->
                new IllegalStateException("expert '" + id + "' (" + setting + ") is no longer registered")));
    }

    /** The settings that name {@code id}, if any: such an expert cannot be deleted. */
    public Optional<String> pinnedBy(String id) {
        return Optional.ofNullable(pinned.get(id));
    }

    /**
     * Whether this replica's {@code coe.experts} declares {@code id}: the next start would declare it again, so it
     * cannot be deleted, even after an admin change of it.
     */
    public boolean declares(String id) {
        return declaredExperts.stream().anyMatch(p -> p.id().equals(id));
    }

    /** The experts whose fallbacks name {@code id}. */
    public List<String> fallingBackTo(String id) {
        return entries.values().stream()
                .filter(e -> e.stored().definition().fallbacks().contains(id))
                .map(e -> e.stored().id())
                .toList();
    }

    /**
     * Stores {@code expert} and rebuilds every replica's registry; this one's at once.
     *
     * @param createOnly refuse (return false) when the id is taken
     * @return whether it was stored
     * @throws StateUnavailableException when the store is down
     */
    public boolean write(StoredExpert expert, boolean createOnly) {
        boolean stored;
        if (createOnly) {
            stored = store.create(expert);
        } else {
            store.put(expert);
            stored = true;
        }
        if (stored) {
            changed("expert '" + expert.id() + "' stored (" + expert.state().apiName() + ")");
        }
        return stored;
    }

    /** Removes {@code id} from the store; returns whether it was there. */
    public boolean delete(String id) {
        boolean deleted = store.delete(id);
        if (deleted) {
            changed("expert '" + id + "' deleted");
        }
        return deleted;
    }

    /** The stored form of {@code id}, read from the store (not this replica's copy). */
    public Optional<StoredExpert> stored(String id) {
        return store.find(id);
    }

    /**
     * Checks a definition from the admin API as the registry would build it: its fallbacks name other registered
     * experts, and the deployment's policies take it.
     *
     * @throws InvalidExpertException naming the field that cannot be used
     */
    public void check(ExpertProperties definition) {
        ExpertDefinitions.unknownFallback(definition, ids()).ifPresent(f -> {
            throw new InvalidExpertException(
                    "fallbacks",
                    "fallbacks must name other registered experts " + new java.util.TreeSet<>(ids()) + ", but named '"
                            + JsonBodies.echo(f) + "'.");
        });
        factory.check(definition, io.coerouter.expert.egress.EgressPolicy.Origin.ADMIN);
    }

    private void changed(String what) {
        log.warn("{} through the admin API", what); // WARN: an operator changed what traffic can reach
        events.publish("experts");
        refresh();
    }

    private void seed(ExpertStore.Contents contents) {
        DeclaredExperts.seed(store, declaredExperts, contents);
    }

    private synchronized void load(ExpertStore.Contents contents) {
        Map<String, RegisteredExpert> next = new LinkedHashMap<>();
        List<StoredExpert> stored = new ArrayList<>(contents.experts());
        stored.sort(Comparator.comparingInt((StoredExpert s) -> {
                    int i = declared.indexOf(s.id());
                    return i < 0 ? Integer.MAX_VALUE : i;
                })
                .thenComparing(StoredExpert::id));
        Map<String, RegisteredExpert> previous = entries;
        Map<String, String> unusable = new java.util.TreeMap<>(contents.broken());
        for (StoredExpert s : stored) {
            RegisteredExpert old = previous.get(s.id());
            if (old != null && old.stored().definition().equals(s.definition())) {
                old.managed().state(s.state());
                if (old.stored().circuit() != s.circuit()) {
                    old.managed().overrideCircuit(s.circuit());
                }
                next.put(s.id(), new RegisteredExpert(s, old.managed()));
                continue;
            }
            try {
                ManagedExpert expert = new ManagedExpert(
                        factory.build(s.definition(), s.source().origin()), s.state(), () -> drained(s.id()));
                if (s.circuit() != io.coerouter.expert.CircuitOverride.AUTOMATIC) {
                    expert.overrideCircuit(s.circuit()); // a forced circuit outlives a changed definition
                }
                next.put(s.id(), new RegisteredExpert(s, expert));
            } catch (RuntimeException e) {
                // A definition this version cannot build (written by a newer one, say) must not take the rest down.
                log.error("expert '{}' cannot be built and is not served: {}", s.id(), e.getMessage());
                if (old != null) {
                    next.put(s.id(), old);
                } else {
                    unusable.put(s.id(), "cannot be built: " + e.getMessage());
                }
            }
        }
        entries = next;
        broken = Map.copyOf(unusable);
        retireDropped(previous.values(), next.values());
    }

    /** Retires the experts of {@code previous} that {@code next} no longer holds: closed once their calls end. */
    private static void retireDropped(Collection<RegisteredExpert> previous, Collection<RegisteredExpert> next) {
        Set<ManagedExpert> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        next.forEach(e -> kept.add(e.managed()));
        for (RegisteredExpert old : previous) {
            if (!kept.contains(old.managed())) {
                old.managed().retire();
            }
        }
    }

    /**
     * Stops serving: every registered expert is closed once its calls in flight end, and so is a lent one. For the
     * application's shutdown.
     */
    @Override
    public synchronized void close() {
        Map<String, RegisteredExpert> last = entries;
        entries = Map.of();
        last.values().forEach(e -> e.managed().retire());
        Expert lent = unlisted;
        unlisted = null;
        if (lent != null) {
            Expert.closeIfCloseable(lent);
        }
    }

    /** Reads the store again; keeps serving what it had when the store is down. */
    void refresh() {
        try {
            ExpertStore.Contents all = store.read();
            if (all.experts().stream().noneMatch(s -> declared.contains(s.id()))) {
                // A Redis server that came back empty (no persistence) must not leave the router without experts.
                log.warn("the shared store holds none of the experts of coe.experts; declaring them again");
                seed(all);
                all = store.read();
            }
            load(all);
        } catch (StateUnavailableException e) {
            log.warn("cannot refresh the experts, serving the last known ones: {}", e.getMessage());
        }
    }

    private void drained(String id) {
        log.info("expert '{}' is drained: no calls in flight on this replica", id);
        factory.release(id);
    }
}
