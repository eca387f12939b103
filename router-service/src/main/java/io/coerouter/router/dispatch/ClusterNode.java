package io.coerouter.router.dispatch;

import io.coerouter.router.config.Role;
import io.coerouter.router.state.StateUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's place in the cluster: its role and, for a gateway or a worker, its connections to the cluster's
 * queues, directory, reply streams and cancel channel. A process with role {@code all} has none of them.
 */
public final class ClusterNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

    /**
     * Where the cluster's queues live.
     *
     * @param url a single Redis server's URL, or null
     * @param clusterSeeds seed URLs of a Redis Cluster; when not empty, used instead of {@code url}
     * @param prefix the key prefix
     * @param timeout the command timeout
     */
    public record Redis(String url, List<String> clusterSeeds, String prefix, Duration timeout) {

        public Redis {
            clusterSeeds = clusterSeeds == null ? List.of() : List.copyOf(clusterSeeds);
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(timeout, "timeout");
        }

        boolean cluster() {
            return !clusterSeeds.isEmpty();
        }

        boolean configured() {
            return cluster() || (url != null && !url.isBlank());
        }
    }

    private final Role role;
    private final String id;
    private final ExpertWorkQueue queue;
    private final ClusterDirectory directory;
    private final GatewayDispatch gateway;
    private final ReplyPublisher replies;
    private final CancelBroadcast cancels;
    private final List<AutoCloseable> opened;
    private volatile DispatchWorker worker;

    private ClusterNode(
            Role role,
            String id,
            ExpertWorkQueue queue,
            ClusterDirectory directory,
            GatewayDispatch gateway,
            ReplyPublisher replies,
            CancelBroadcast cancels,
            List<AutoCloseable> opened) {
        this.role = role;
        this.id = id;
        this.queue = queue;
        this.directory = directory;
        this.gateway = gateway;
        this.replies = replies;
        this.cancels = cancels;
        this.opened = opened;
    }

    /** A single process (role {@code all}): no cluster. */
    public static ClusterNode single(String id) {
        return new ClusterNode(Role.ALL, id, null, null, null, null, null, List.of());
    }

    /**
     * Joins the cluster as a gateway or a worker.
     *
     * @param id this process's id (the replica id)
     * @param capacity the most requests per expert waiting or in flight
     * @throws IllegalStateException naming the settings when no Redis is configured
     * @throws StateUnavailableException when Redis cannot be reached
     */
    public static ClusterNode join(
            Role role, String id, Redis redis, long capacity, Clock clock, Duration heartbeat, Duration ttl) {
        if (role == Role.ALL) {
            return single(id);
        }
        if (!redis.configured()) {
            throw new IllegalStateException("coe.role=" + role.id()
                    + " needs Redis for the cluster's queues: set coe.redis.url (REDIS_URL) or"
                    + " coe.dispatch.redis-cluster-urls");
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            ExpertWorkQueue queue = open(
                    opened,
                    redis.cluster()
                            ? ExpertWorkQueue.redisCluster(
                                    redis.clusterSeeds(), redis.prefix(), capacity, redis.timeout())
                            : ExpertWorkQueue.redis(redis.url(), redis.prefix(), capacity, redis.timeout()));
            ClusterDirectory directory = open(
                    opened,
                    redis.cluster()
                            ? ClusterDirectory.redisCluster(
                                    redis.clusterSeeds(), redis.prefix(), redis.timeout(), clock)
                            : ClusterDirectory.redis(redis.url(), redis.prefix(), redis.timeout(), clock));
            CancelBroadcast cancels = open(
                    opened,
                    redis.cluster()
                            ? CancelBroadcast.redisCluster(redis.clusterSeeds(), redis.prefix(), redis.timeout(), clock)
                            : CancelBroadcast.redis(redis.url(), redis.prefix(), redis.timeout(), clock));
            if (role == Role.GATEWAY) {
                ReplyChannel channel = open(
                        opened,
                        redis.cluster()
                                ? ReplyChannel.redisCluster(
                                        redis.clusterSeeds(), redis.prefix(), id, redis.timeout(), clock)
                                : ReplyChannel.redis(redis.url(), redis.prefix(), id, redis.timeout(), clock));
                GatewayDispatch gateway =
                        GatewayDispatch.start(id, queue, directory, channel, cancels, clock, heartbeat, ttl);
                opened.add(gateway); // closed first: its record goes before the connections close

                log.info("cluster: gateway {}, queues on {}", id, redis.cluster() ? "a Redis Cluster" : "Redis");
                return new ClusterNode(role, id, queue, directory, gateway, null, cancels, opened);
            }
            ReplyPublisher replies = open(
                    opened,
                    redis.cluster()
                            ? ReplyPublisher.redisCluster(redis.clusterSeeds(), redis.prefix(), redis.timeout())
                            : ReplyPublisher.redis(redis.url(), redis.prefix(), redis.timeout()));
            log.info("cluster: worker {}, queues on {}", id, redis.cluster() ? "a Redis Cluster" : "Redis");
            return new ClusterNode(role, id, queue, directory, null, replies, cancels, opened);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    private static <T extends AutoCloseable> T open(List<AutoCloseable> opened, T resource) {
        opened.add(resource);
        return resource;
    }

    public Role role() {
        return role;
    }

    public String id() {
        return id;
    }

    /** The gateway's dispatch, on a gateway. */
    public Optional<GatewayDispatch> gateway() {
        return Optional.ofNullable(gateway);
    }

    /** The worker's loop, once started on a worker. */
    public Optional<DispatchWorker> worker() {
        return Optional.ofNullable(worker);
    }

    /**
     * Starts this worker's loop ({@code builder} has the local parts; the cluster's are filled in here).
     *
     * @throws IllegalStateException on a process that is not a worker, or when it runs already
     */
    public synchronized DispatchWorker startWorker(DispatchWorker.Builder builder) {
        if (role != Role.WORKER) {
            throw new IllegalStateException("only a worker (coe.role=worker) runs the worker loop, not " + role.id());
        }
        if (worker != null) {
            throw new IllegalStateException("the worker loop runs already");
        }
        worker = builder.id(id)
                .queue(queue)
                .directory(directory)
                .replies(replies)
                .cancels(cancels)
                .start();
        return worker;
    }

    /**
     * The cluster as the directory and queues show it now, with the queues of {@code experts}; for a process of role
     * {@code all}, only its role and id.
     *
     * @throws StateUnavailableException while Redis is unreachable
     */
    public ClusterView view(Collection<String> experts) {
        if (directory == null) {
            return new ClusterView(role, id, List.of(), List.of(), List.of());
        }
        List<WorkerResidency> workers = directory.workers();
        PlacementPolicy policy = PlacementPolicy.residencyAware();
        List<ClusterView.Queue> queues = new ArrayList<>();
        for (String expert : experts.stream().sorted().toList()) {
            ExpertWorkQueue.Backlog backlog = queue.backlog(expert);
            queues.add(new ClusterView.Queue(
                    expert,
                    backlog.waiting(),
                    backlog.inFlight(),
                    backlog.oldestWaitingMillis(),
                    policy.holders(expert, workers),
                    directory.claimant(expert).orElse(null)));
        }
        return new ClusterView(role, id, directory.gateways(), workers, queues);
    }

    /** Stops the worker loop (letting running requests finish within {@code grace}), then leaves the cluster. */
    public void close(Duration grace) {
        DispatchWorker running = worker;
        if (running != null) {
            running.close(grace);
        }
        closeAll(opened);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    private static void closeAll(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", opened.get(i).getClass().getSimpleName(), e.toString());
            }
        }
    }
}
