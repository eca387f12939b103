package io.coerouter.router.dispatch;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertListener;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.ForwardingExpert;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.state.StateUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway's side of the cluster: its local experts become {@linkplain #expert dispatched experts} whose calls go
 * through their queue to the workers and come back on this gateway's reply channel; its record, with a heartbeat,
 * tells workers it still waits for answers (a gateway's requests are dropped once its record is gone).
 */
public final class GatewayDispatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayDispatch.class);

    private final String gatewayId;
    private final ExpertWorkQueue queue;
    private final ClusterDirectory directory;
    private final ReplyChannel replies;
    private final CancelBroadcast cancels;
    private final Clock clock;
    private final Duration heartbeat;
    private final Duration ttl;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Thread beat;
    private volatile boolean closed;
    private volatile long workersSeenAt = -1;

    private GatewayDispatch(
            String gatewayId,
            ExpertWorkQueue queue,
            ClusterDirectory directory,
            ReplyChannel replies,
            CancelBroadcast cancels,
            Clock clock,
            Duration heartbeat,
            Duration ttl) {
        this.gatewayId = gatewayId;
        this.queue = queue;
        this.directory = directory;
        this.replies = replies;
        this.cancels = cancels;
        this.clock = clock;
        this.heartbeat = heartbeat;
        this.ttl = ttl;
        this.beat = Thread.ofVirtual().name("coe-gateway-heartbeat").unstarted(this::beat);
    }

    /**
     * Starts a gateway's dispatch: publishes its record at once and then every {@code heartbeat}.
     *
     * @param gatewayId this gateway's id (its reply channel's id)
     */
    public static GatewayDispatch start(
            String gatewayId,
            ExpertWorkQueue queue,
            ClusterDirectory directory,
            ReplyChannel replies,
            CancelBroadcast cancels,
            Clock clock,
            Duration heartbeat,
            Duration ttl) {
        GatewayDispatch dispatch = new GatewayDispatch(
                Objects.requireNonNull(gatewayId, "gatewayId"),
                Objects.requireNonNull(queue, "queue"),
                Objects.requireNonNull(directory, "directory"),
                Objects.requireNonNull(replies, "replies"),
                Objects.requireNonNull(cancels, "cancels"),
                Objects.requireNonNull(clock, "clock"),
                heartbeat,
                ttl);
        try {
            dispatch.publish();
        } catch (StateUnavailableException e) {
            log.warn("gateway {}: Redis is unavailable at start; local experts answer 503 until it is back", gatewayId);
        }
        dispatch.beat.start();
        return dispatch;
    }

    /** This gateway's id. */
    public String id() {
        return gatewayId;
    }

    /**
     * The local expert {@code config} declares, served by the workers: each call is queued for them and its answer
     * awaited here, observed by {@code listeners} (the gateway's expert metrics). A call fails fast as unavailable
     * (503) while no worker is alive.
     */
    public Expert expert(ExpertConfig config, List<ExpertListener> listeners) {
        return new Counted(Dispatch.expert(config, queue, replies, cancels, clock), List.copyOf(listeners));
    }

    /** The dispatched expert, observed by the given listeners, counting calls in flight. */
    private final class Counted extends ForwardingExpert {
        private final List<ExpertListener> listeners;

        Counted(Expert delegate, List<ExpertListener> listeners) {
            super(delegate);
            this.listeners = listeners;
        }

        @Override
        public List<ExpertListener> listeners() {
            return listeners;
        }

        @Override
        public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
            requireWorkers(id());
            inFlight.incrementAndGet();
            try {
                return delegate().doChat(request, tokens);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /** Whether a live worker was seen within the last heartbeat or two. */
    private void requireWorkers(String expertId) {
        long seen = workersSeenAt;
        if (seen < 0 || clock.millis() - seen > ttl.toMillis()) {
            try {
                if (directory.workers().isEmpty()) {
                    throw ExpertException.of(
                            expertId, ExpertErrorKind.UNAVAILABLE, "no worker is running", 0, heartbeat, null);
                }
                workersSeenAt = clock.millis();
            } catch (StateUnavailableException e) {
                throw ExpertException.of(
                        expertId, ExpertErrorKind.UNAVAILABLE, "the cluster's queues are unreachable", 0, heartbeat, e);
            }
        }
    }

    private void publish() {
        directory.publishGateway(new GatewayRecord(gatewayId, clock.millis(), inFlight.get()), ttl);
        if (!directory.workers().isEmpty()) {
            workersSeenAt = clock.millis();
        } else {
            workersSeenAt = -1;
        }
    }

    private void beat() {
        while (!closed) {
            try {
                Thread.sleep(heartbeat);
            } catch (InterruptedException e) {
                return;
            }
            try {
                publish();
            } catch (StateUnavailableException e) {
                log.warn("gateway {}: Redis is unavailable: {}", gatewayId, e.getMessage());
            } catch (RuntimeException e) {
                log.error("gateway {}: heartbeat failed", gatewayId, e);
            }
        }
    }

    /** Calls this gateway has queued and not yet seen answered. */
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public void close() {
        closed = true;
        beat.interrupt();
        try {
            directory.removeGateway(gatewayId);
        } catch (RuntimeException e) {
            log.warn("gateway {}: could not remove its record: {}", gatewayId, e.getMessage());
        }
    }
}
