package io.coerouter.router.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.dispatch.ClusterNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class DispatchPropertiesTest {

    private static CoeProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("coe", CoeProperties.class);
    }

    @Test
    void aRouterRunsAloneByDefaultWithTheDocumentedDispatchDefaults() {
        CoeProperties defaults = bind(Map.of());
        assertThat(defaults.role()).isEqualTo(Role.ALL);
        assertThat(defaults.role().servesApi()).isTrue();
        DispatchProperties d = defaults.dispatch();
        assertThat(d.queueCapacity()).isEqualTo(1024);
        assertThat(d.heartbeat()).hasSeconds(1);
        assertThat(d.ttl()).hasSeconds(5);
        assertThat(d.lease()).hasSeconds(15);
        assertThat(d.block()).hasMillis(200);
        assertThat(d.overflowAfter()).isNull();
        assertThat(d.redisClusterUrls()).isEmpty();
    }

    @Test
    void rolesAndClusterSeedsBindFromTheirKeys() {
        CoeProperties p = bind(Map.of(
                "coe.role", "worker",
                "coe.dispatch.redis-cluster-urls[0]", "redis://10.0.0.1:6379",
                "coe.dispatch.overflow-after", "3s"));
        assertThat(p.role()).isEqualTo(Role.WORKER);
        assertThat(p.role().servesApi()).isFalse();
        assertThat(p.dispatch().redisClusterUrls()).containsExactly("redis://10.0.0.1:6379");
        assertThat(p.dispatch().overflowAfter()).hasSeconds(3);
    }

    @Test
    void aBadValueIsRefusedNamingTheSettingAndTheValue() {
        assertThatThrownBy(() -> bind(Map.of("coe.dispatch.queue-capacity", "0")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("coe.dispatch.queue-capacity must be >= 1, but was 0");
        assertThatThrownBy(() -> bind(Map.of("coe.dispatch.heartbeat", "2s", "coe.dispatch.ttl", "3s")))
                .rootCause()
                .hasMessageContaining("coe.dispatch.ttl must be at least twice coe.dispatch.heartbeat");
        assertThatThrownBy(() -> bind(Map.of("coe.dispatch.redis-cluster-urls[0]", "http://10.0.0.1")))
                .rootCause()
                .hasMessageContaining("coe.dispatch.redis-cluster-urls")
                .hasMessageContaining("http://10.0.0.1");
    }

    @Test
    void aGatewayOrWorkerWithoutRedisDoesNotStartAndSaysWhatToSet() {
        ClusterNode.Redis none = new ClusterNode.Redis(null, List.of(), "coe:", Duration.ofSeconds(1));
        for (Role role : List.of(Role.GATEWAY, Role.WORKER)) {
            assertThatThrownBy(() -> ClusterNode.join(
                            role,
                            "router-1",
                            none,
                            10,
                            Clock.systemUTC(),
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("coe.role=" + role.id())
                    .hasMessageContaining("coe.redis.url");
        }
        try (ClusterNode alone = ClusterNode.join(
                Role.ALL, "router-1", none, 10, Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofSeconds(5))) {
            assertThat(alone.gateway()).isEmpty();
            assertThat(alone.worker()).isEmpty();
            assertThat(alone.view(List.of("x")).workers()).isEmpty();
        }
    }
}
