package io.coerouter.router.dispatch;

import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.config.DispatchProperties;
import io.coerouter.router.state.SharedState;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Joins the cluster as {@code coe.role} says (a gateway or a worker connects to the cluster's queues; role {@code
 * all} does not). The experts' configuration makes a gateway's local experts dispatched ones and starts a worker's
 * loop.
 */
@Configuration(proxyBeanMethods = false)
class DispatchConfiguration {

    @Bean(destroyMethod = "close")
    ClusterNode clusterNode(CoeProperties properties, SharedState state, Clock clock) {
        DispatchProperties d = properties.dispatch();
        ClusterNode.Redis redis = new ClusterNode.Redis(
                properties.redis().url(),
                d.redisClusterUrls(),
                properties.redis().keyPrefix(),
                properties.redis().timeout());
        return ClusterNode.join(
                properties.role(), state.replicaId(), redis, d.queueCapacity(), clock, d.heartbeat(), d.ttl());
    }

    /** Model loads, for the trace's load time on a worker; the model pool reports to it. */
    @Bean
    RecentLoads recentLoads(Clock clock) {
        return new RecentLoads(clock);
    }
}
