package io.coerouter.router.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Who is in the cluster and what they hold: workers publish {@linkplain WorkerResidency residency records} and
 * gateways {@linkplain GatewayRecord gateway records}, each with an expiry renewed by every heartbeat, so a member
 * that dies without saying goodbye drops out when its record expires. An expert that no live worker has resident is
 * loaded by the worker holding its <em>placement claim</em>, taken through {@link #claim} (one holder at a time, with
 * an expiry the holder renews).
 *
 * <p>Expiry is judged by the injected {@link java.time.Clock} (each record's index entry is scored with the clock's
 * time plus the ttl) and also by Redis, which deletes a record once its ttl has passed. Records read back from Redis
 * are validated; a corrupt one is skipped and logged without its content.
 *
 * <p>Every operation throws {@link io.coerouter.router.state.StateUnavailableException} while Redis is unreachable.
 */
public interface ClusterDirectory extends AutoCloseable {

    /**
     * The directory on one Redis server.
     *
     * @param url a {@code redis://} URL
     * @param prefix the prefix of every key
     * @param timeout the command timeout
     * @param clock the time records expire by
     * @throws io.coerouter.router.state.StateUnavailableException when Redis cannot be reached at start-up
     */
    static ClusterDirectory redis(String url, String prefix, Duration timeout, Clock clock) {
        return RedisClusterDirectory.standalone(url, prefix, timeout, clock);
    }

    /**
     * The directory on a Redis Cluster, reached through any of {@code seedUrls}. No command spans two slots: each
     * record, index and claim is a key of its own, and a claim shares its expert's queue slot.
     *
     * @throws io.coerouter.router.state.StateUnavailableException when the cluster cannot be reached at start-up
     */
    static ClusterDirectory redisCluster(List<String> seedUrls, String prefix, Duration timeout, Clock clock) {
        return RedisClusterDirectory.cluster(seedUrls, prefix, timeout, clock);
    }

    /** Publishes (or renews) {@code residency}, live for {@code ttl} from now. */
    void publishWorker(WorkerResidency residency, Duration ttl);

    /** Removes worker {@code workerId}'s record (a worker leaving cleanly). */
    void removeWorker(String workerId);

    /** The live workers' records, by worker id; expired ones are skipped and pruned from the index. */
    List<WorkerResidency> workers();

    /** Publishes (or renews) {@code gateway}'s record, live for {@code ttl} from now. */
    void publishGateway(GatewayRecord gateway, Duration ttl);

    /** Removes gateway {@code gatewayId}'s record (a gateway leaving cleanly). */
    void removeGateway(String gatewayId);

    /** The live gateways' records, by gateway id; expired ones are skipped and pruned from the index. */
    List<GatewayRecord> gateways();

    /** Whether gateway {@code gatewayId}'s record is live: a worker need not answer a gateway that is gone. */
    boolean gatewayAlive(String gatewayId);

    /**
     * Takes {@code expert}'s placement claim for {@code worker} when nobody holds it, or renews it when {@code worker}
     * holds it; either way it then lasts {@code ttl}.
     *
     * @return true when {@code worker} holds the claim now, false when another worker does
     */
    boolean claim(String expert, String worker, Duration ttl);

    /** The worker holding {@code expert}'s placement claim, if any (a malformed holder is logged and not returned). */
    Optional<String> claimant(String expert);

    /** Gives up {@code expert}'s placement claim, if {@code worker} holds it (atomically: never another's claim). */
    void release(String expert, String worker);

    @Override
    void close();
}
