package io.coerouter.router.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.state.RedisState;
import io.coerouter.router.state.RedisTestServer;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis telemetry stores pass their contracts against a real Redis server, each replica its own connection; the
 * buckets expire; and a chat completion recorded while Redis is down is dropped, never thrown.
 */
class RedisTelemetryStoresIT {

    @RegisterExtension
    static final RedisTestServer SERVER = RedisTestServer.shared();

    private static RedisState connect() {
        return SERVER.connect();
    }

    @Nested
    class Metrics extends MetricsStoreContract {
        @Override
        MetricsStore store() {
            return MetricsStore.redis(connect());
        }

        @Override
        MetricsStore replica(MetricsStore store) {
            return MetricsStore.redis(connect());
        }

        @Test
        void eachBucketExpiresAfterTheRetention() {
            RedisState redis = connect();
            MetricsStore.redis(redis).add(Map.of(600L, Map.of("requests", 1L)));

            long ttl = redis.call(c -> c.ttl(redis.key("metrics", "600")));
            assertThat(ttl).isBetween(MetricsStore.RETENTION.toSeconds() - 5, MetricsStore.RETENTION.toSeconds());
        }
    }

    @Nested
    class Replicas extends ReplicaStoreContract {
        @Override
        ReplicaStore store() {
            return ReplicaStore.redis(connect());
        }

        @Override
        ReplicaStore replica(ReplicaStore store) {
            return ReplicaStore.redis(connect());
        }

        @Test
        void theHeartbeatsExpireWithTheLastReplica() {
            RedisState redis = connect();
            ReplicaStore.redis(redis).put(record("router-a", 2_000), TTL);

            long ttl = redis.call(c -> c.ttl(redis.key("replicas")));
            assertThat(ttl).isBetween(TTL.toSeconds() - 5, TTL.toSeconds());
        }
    }

    @Test
    void whileRedisIsDownAChatCompletionIsDroppedNeverThrownAndCountedAgainOnceItIsBack() throws Exception {
        try (RedisTestServer own = RedisTestServer.own()) {
            RedisState redis = own.connect();
            LiveMetrics metrics = new LiveMetrics(MetricsStore.redis(redis), Clock.systemUTC());
            own.stop();

            metrics.record(ChatSample.answered(5_000_000, 3, 4, null));
            for (int i = 0; i < 100 && metrics.dropped() == 0; i++) {
                Thread.sleep(50);
            }
            assertThat(metrics.dropped()).isEqualTo(1);

            own.start();
            for (int i = 0; i < 100; i++) {
                try {
                    redis.call(c -> c.ping());
                    break;
                } catch (RuntimeException notYet) {
                    Thread.sleep(100);
                }
            }
            metrics.record(ChatSample.answered(5_000_000, 3, 4, null));
            assertThat(metrics.overview(Window.FIFTEEN_MINUTES).total().requests())
                    .isEqualTo(1);
            metrics.close();
            assertThat(metrics.dropped()).isEqualTo(1);
        }
    }
}
