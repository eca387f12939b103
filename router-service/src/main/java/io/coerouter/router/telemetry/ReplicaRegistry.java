package io.coerouter.router.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router processes sharing the store: each heartbeats its {@link ReplicaRecord} every {@link #PERIOD}, which the
 * store keeps for {@link #TTL}; a replica is healthy while its heartbeat is younger than {@link #HEALTHY_WITHIN}.
 * Closing it stops the heartbeat and removes this replica's record.
 */
public final class ReplicaRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicaRegistry.class);

    public static final Duration PERIOD = Duration.ofSeconds(5);
    public static final Duration HEALTHY_WITHIN = PERIOD.multipliedBy(3);
    public static final Duration TTL = Duration.ofSeconds(30);

    private final ReplicaStore store;
    private final Clock clock;
    private final String id;
    private final String version;
    private final IntSupplier experts;
    private final IntSupplier loadedModels;
    private final long startedAt;
    private final Warnings warnings;
    private ScheduledExecutorService heartbeats;
    private volatile ReplicaRecord last;

    /**
     * @param id this replica's id
     * @param version the build's version
     * @param experts how many experts this replica has now
     * @param loadedModels how many local models it has loaded now
     */
    public ReplicaRegistry(
            ReplicaStore store, Clock clock, String id, String version, IntSupplier experts, IntSupplier loadedModels) {
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.id = Objects.requireNonNull(id, "id must not be null");
        this.version = Objects.requireNonNull(version, "version must not be null");
        this.experts = experts;
        this.loadedModels = loadedModels;
        this.startedAt = clock.instant().getEpochSecond();
        this.warnings = new Warnings(log, clock);
    }

    /** Heartbeats now and every {@link #PERIOD} on a thread of its own, until closed. */
    public synchronized ReplicaRegistry start() {
        if (heartbeats == null) {
            heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "coe-replica-heartbeat");
                thread.setDaemon(true);
                return thread;
            });
            heartbeats.scheduleAtFixedRate(this::heartbeat, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    public String id() {
        return id;
    }

    /** Stores this replica's record now; a store that is down is logged (at most once a minute), never thrown. */
    public void heartbeat() {
        try {
            ReplicaRecord record = new ReplicaRecord(
                    id,
                    startedAt,
                    clock.instant().getEpochSecond(),
                    experts.getAsInt(),
                    loadedModels.getAsInt(),
                    version);
            last = record;
            store.put(record, TTL);
        } catch (RuntimeException e) {
            warnings.warn("replica heartbeat not stored: " + e.getMessage());
        }
    }

    /**
     * Every replica the store knows, by id, this one among them (from its last heartbeat when the store has lost
     * it).
     *
     * @throws io.coerouter.router.state.StateUnavailableException when the shared store cannot be reached
     */
    public List<Replica> list() {
        long now = clock.instant().getEpochSecond();
        List<Replica> replicas = new ArrayList<>();
        boolean selfListed = false;
        for (ReplicaRecord r : store.list(now, TTL)) {
            boolean self = r.id().equals(id);
            selfListed |= self;
            replicas.add(new Replica(r, now - r.lastSeen() < HEALTHY_WITHIN.toSeconds(), self));
        }
        ReplicaRecord mine = last;
        if (!selfListed && mine != null) {
            replicas.add(new Replica(mine, now - mine.lastSeen() < HEALTHY_WITHIN.toSeconds(), true));
        }
        return replicas;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (heartbeats != null) {
                heartbeats.shutdownNow();
                heartbeats = null;
            }
        }
        try {
            store.remove(id);
        } catch (RuntimeException e) {
            log.warn(
                    "replica record not removed on shutdown (it expires in {} s): {}", TTL.toSeconds(), e.getMessage());
        }
    }
}
