package io.coerouter.router.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How gateways and workers share local experts' work ({@code coe.dispatch.*}; used when {@code coe.role} is
 * {@code gateway} or {@code worker}). See docs/scaling.md.
 *
 * @param redisClusterUrls seed URLs of a Redis Cluster holding the queues; empty: the queues live on {@code
 *     coe.redis.url}
 * @param queueCapacity the most requests per expert waiting or in flight in the whole cluster; more get HTTP 429
 * @param heartbeat how often workers and gateways publish their records, renew claims and leases
 * @param ttl how long a record lives without a heartbeat: a worker silent this long counts as gone
 * @param lease how long a worker may hold a request without renewing it before another worker claims it
 * @param block how long a worker's read of an expert's queue waits for work
 * @param overflowAfter how long the oldest waiting request of an expert may wait before a worker that does not
 *     hold its model starts serving it too (the cluster's bounded wait); unset: {@code coe.scheduler.max-wait}
 */
public record DispatchProperties(
        List<String> redisClusterUrls,
        @DefaultValue("1024") int queueCapacity,
        @DefaultValue("1s") Duration heartbeat,
        @DefaultValue("5s") Duration ttl,
        @DefaultValue("15s") Duration lease,
        @DefaultValue("200ms") Duration block,
        Duration overflowAfter) {

    public DispatchProperties {
        redisClusterUrls = redisClusterUrls == null ? List.of() : List.copyOf(redisClusterUrls);
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("coe.dispatch.queue-capacity must be >= 1, but was " + queueCapacity);
        }
        requirePositive("coe.dispatch.heartbeat", heartbeat);
        requirePositive("coe.dispatch.ttl", ttl);
        requirePositive("coe.dispatch.lease", lease);
        requirePositive("coe.dispatch.block", block);
        if (overflowAfter != null) {
            requirePositive("coe.dispatch.overflow-after", overflowAfter);
        }
        if (ttl.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("coe.dispatch.ttl must be at least twice coe.dispatch.heartbeat ("
                    + heartbeat + "), but was " + ttl);
        }
        if (lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("coe.dispatch.lease must be at least twice coe.dispatch.heartbeat ("
                    + heartbeat + "), but was " + lease);
        }
        for (String url : redisClusterUrls) {
            if (url == null || !(url.startsWith("redis://") || url.startsWith("rediss://"))) {
                throw new IllegalArgumentException(
                        "coe.dispatch.redis-cluster-urls must hold redis:// or rediss:// URLs, but held " + url);
            }
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, but was " + value);
        }
    }
}
