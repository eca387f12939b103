package io.coerouter.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.state.StateUnavailableException;
import io.coerouter.router.testing.ManualClock;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClusterDirectory} does, on a real Redis: single-node ({@link RedisClusterDirectoryIT}) and a
 * three-master Redis Cluster ({@link RedisClusterClusterDirectoryIT}). Each test writes under a key prefix of its own.
 */
abstract class ClusterDirectoryContract {

    private static final Duration TTL = Duration.ofSeconds(10);
    private static final Duration REDIS_EXPIRY = Duration.ofMillis(200);
    private static final Duration PAST_REDIS_EXPIRY = Duration.ofMillis(600);

    private final String prefix = basePrefix() + UUID.randomUUID() + ":";
    private final ManualClock clock = new ManualClock();
    private final List<ClusterDirectory> opened = new ArrayList<>();

    /** A directory under {@code prefix} whose records expire by {@code clock}. */
    protected abstract ClusterDirectory connect(String prefix, Clock clock);

    /** A directory pointed at a port nothing listens on. */
    protected abstract ClusterDirectory connect(String url);

    /** The key prefix this test class may write under. */
    protected abstract String basePrefix();

    /** Runs {@code command} on a plain connection to the same Redis, to look at or tamper with the keys. */
    protected abstract <T> T onRedis(Function<RedisClusterCommands<String, String>, T> command);

    /** The slot Redis Cluster puts {@code key} in. */
    protected abstract int slot(String key);

    @AfterEach
    void closeDirectories() {
        opened.forEach(ClusterDirectory::close);
    }

    private ClusterDirectory directory(Clock clock) {
        ClusterDirectory directory = connect(prefix, clock);
        opened.add(directory);
        return directory;
    }

    private ClusterDirectory directory() {
        return directory(clock);
    }

    private WorkerResidency worker(String id, int queued, String... deviceExperts) {
        List<ResidentModel> device = new ArrayList<>();
        long last = 1_000;
        for (String expert : deviceExperts) {
            device.add(new ResidentModel(expert, 1_000_000, last++));
        }
        return new WorkerResidency(
                id,
                device,
                List.of(new ResidentModel("cold", 2_000_000, 10)),
                8_000_000,
                8_000_000 - device.size() * 1_000_000L,
                queued,
                1,
                clock.millis());
    }

    private String valueOf(String key) {
        return this.<String>onRedis(r -> r.get(key));
    }

    private Double scoreOf(String index, String member) {
        return this.<Double>onRedis(r -> r.zscore(index, member));
    }

    private long millisToLive(String key) {
        return this.<Long>onRedis(r -> r.pttl(key));
    }

    private long exists(String key) {
        return this.<Long>onRedis(r -> r.exists(key));
    }

    private static String expert() {
        return "expert-" + UUID.randomUUID();
    }

    static String unusedUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "redis://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void publishedWorkersAreListedByIdWithTheirRecords() {
        ClusterDirectory directory = directory();
        WorkerResidency b = worker("worker-b", 3, "x", "y");
        WorkerResidency a = worker("worker-a", 0, "z");
        directory.publishWorker(b, TTL);
        directory.publishWorker(a, TTL);

        assertThat(directory.workers()).containsExactly(a, b);
        assertThat(directory(clock).workers())
                .as("another directory on the same Redis")
                .containsExactly(a, b);
    }

    @Test
    void aHeartbeatReplacesTheWorkersRecord() {
        ClusterDirectory directory = directory();
        directory.publishWorker(worker("worker-a", 0, "x"), TTL);
        WorkerResidency later = worker("worker-a", 7, "x", "y");
        directory.publishWorker(later, TTL);

        assertThat(directory.workers()).containsExactly(later);
    }

    @Test
    void theRecordAndItsIndexEntryHaveTheDocumentedKeys() {
        ClusterDirectory directory = directory();
        directory.publishWorker(worker("worker-a", 0, "x"), TTL);
        directory.publishGateway(new GatewayRecord("gateway-1", clock.millis(), 2), TTL);

        assertThat(valueOf(prefix + "cluster:worker:worker-a")).contains("\"workerId\":\"worker-a\"");
        assertThat(scoreOf(prefix + "cluster:workers", "worker-a")).isEqualTo((double) clock.millis() + TTL.toMillis());
        assertThat(millisToLive(prefix + "cluster:worker:worker-a")).isPositive();
        assertThat(valueOf(prefix + "cluster:gateway:gateway-1")).contains("\"gatewayId\":\"gateway-1\"");
        assertThat(scoreOf(prefix + "cluster:gateways", "gateway-1"))
                .isEqualTo((double) clock.millis() + TTL.toMillis());
    }

    @Test
    void aWorkerPastItsExpiryByTheClockIsSkippedAndPruned() {
        ClusterDirectory directory = directory();
        WorkerResidency fresh = worker("worker-fresh", 0, "x");
        directory.publishWorker(worker("worker-stale", 0, "y"), TTL);
        clock.advance(TTL.minusSeconds(2));
        directory.publishWorker(fresh, TTL);
        clock.advance(Duration.ofSeconds(3));

        assertThat(directory.workers()).containsExactly(fresh);
        assertThat(scoreOf(prefix + "cluster:workers", "worker-stale"))
                .as("pruned from the index")
                .isNull();
    }

    @Test
    void aRenewedWorkerStaysLive() {
        ClusterDirectory directory = directory();
        directory.publishWorker(worker("worker-a", 0, "x"), TTL);
        clock.advance(TTL.minusSeconds(2));
        directory.publishWorker(worker("worker-a", 0, "x"), TTL);
        clock.advance(TTL.minusSeconds(2));

        assertThat(directory.workers()).extracting(WorkerResidency::workerId).containsExactly("worker-a");
    }

    @Test
    void aWorkerWhoseRecordRedisExpiredIsSkippedAndPruned() throws Exception {
        ClusterDirectory directory = directory();
        WorkerResidency kept = worker("worker-kept", 0, "x");
        directory.publishWorker(worker("worker-gone", 0, "y"), REDIS_EXPIRY);
        directory.publishWorker(kept, TTL);
        Thread.sleep(PAST_REDIS_EXPIRY.toMillis());

        // The clock has not moved, so only Redis's own expiry (PX) can have dropped it.
        assertThat(directory.workers()).containsExactly(kept);
        assertThat(scoreOf(prefix + "cluster:workers", "worker-gone")).isNull();
    }

    @Test
    void aRemovedWorkerIsGone() {
        ClusterDirectory directory = directory();
        directory.publishWorker(worker("worker-a", 0, "x"), TTL);
        directory.publishWorker(worker("worker-b", 0, "y"), TTL);

        directory.removeWorker("worker-a");

        assertThat(directory.workers()).extracting(WorkerResidency::workerId).containsExactly("worker-b");
        assertThat(exists(prefix + "cluster:worker:worker-a")).isZero();
        directory.removeWorker("worker-never-seen");
    }

    @Test
    void corruptWorkerRecordsAreSkipped() {
        ClusterDirectory directory = directory();
        WorkerResidency good = worker("worker-good", 0, "x");
        directory.publishWorker(good, TTL);
        double live = clock.millis() + TTL.toMillis();
        String index = prefix + "cluster:workers";
        onRedis(r -> {
            r.set(prefix + "cluster:worker:worker-json", "{not json at all");
            r.set(
                    prefix + "cluster:worker:worker-invalid",
                    "{\"workerId\":\"worker-invalid\",\"device\":[],\"host\":[],\"deviceBudgetBytes\":10,"
                            + "\"deviceFreeBytes\":5,\"queued\":-4,\"inFlight\":0,\"heartbeatMillis\":1}");
            r.set(prefix + "cluster:worker:worker-missing", "{\"workerId\":\"worker-missing\"}");
            r.set(prefix + "cluster:worker:worker-other", r.get(prefix + "cluster:worker:worker-good"));
            r.zadd(index, live, "worker-json");
            r.zadd(index, live, "worker-invalid");
            r.zadd(index, live, "worker-missing");
            r.zadd(index, live, "worker-other");
            return r.zadd(index, live, "../{evil}");
        });

        assertThat(directory.workers()).containsExactly(good);
        assertThat(scoreOf(index, "../{evil}")).as("a malformed id is pruned").isNull();
    }

    @Test
    void gatewaysAreListedAndAliveUntilTheyExpireOrLeave() {
        ClusterDirectory directory = directory();
        GatewayRecord one = new GatewayRecord("gateway-1", clock.millis(), 4);
        GatewayRecord two = new GatewayRecord("gateway-2", clock.millis(), 0);
        directory.publishGateway(two, TTL);
        directory.publishGateway(one, Duration.ofSeconds(2));

        assertThat(directory.gateways()).containsExactly(one, two);
        assertThat(directory.gatewayAlive("gateway-1")).isTrue();
        assertThat(directory.gatewayAlive("gateway-3")).isFalse();

        clock.advance(Duration.ofSeconds(3));
        assertThat(directory.gatewayAlive("gateway-1"))
                .as("expired by the clock")
                .isFalse();
        assertThat(directory.gateways()).containsExactly(two);

        directory.removeGateway("gateway-2");
        assertThat(directory.gatewayAlive("gateway-2")).isFalse();
        assertThat(directory.gateways()).isEmpty();
    }

    @Test
    void aGatewayWhoseRecordRedisExpiredIsNotAlive() throws Exception {
        ClusterDirectory directory = directory();
        directory.publishGateway(new GatewayRecord("gateway-1", clock.millis(), 0), REDIS_EXPIRY);
        Thread.sleep(PAST_REDIS_EXPIRY.toMillis());

        assertThat(directory.gatewayAlive("gateway-1")).isFalse();
        assertThat(directory.gateways()).isEmpty();
    }

    @Test
    void aClaimHasOneHolderAtATime() {
        ClusterDirectory directory = directory();
        ClusterDirectory other = directory(clock);
        String expert = expert();
        assertThat(directory.claimant(expert)).isEmpty();

        assertThat(directory.claim(expert, "worker-a", TTL)).isTrue();
        assertThat(other.claim(expert, "worker-b", TTL)).isFalse();
        assertThat(other.claimant(expert)).contains("worker-a");
        assertThat(directory.claim(expert, "worker-a", TTL))
                .as("renewed by its holder")
                .isTrue();
        assertThat(directory.claim(expert(), "worker-b", TTL))
                .as("another expert's claim")
                .isTrue();
    }

    @Test
    void onlyTheHolderReleasesAClaim() {
        ClusterDirectory directory = directory();
        String expert = expert();
        directory.claim(expert, "worker-a", TTL);

        directory.release(expert, "worker-b");
        assertThat(directory.claimant(expert)).contains("worker-a");

        directory.release(expert, "worker-a");
        assertThat(directory.claimant(expert)).isEmpty();
        assertThat(directory.claim(expert, "worker-b", TTL)).isTrue();
        assertThat(directory.claimant(expert)).contains("worker-b");
    }

    @Test
    void aRenewalExtendsTheClaimsExpiry() {
        ClusterDirectory directory = directory();
        String expert = expert();
        String key = new ExpertKeys(prefix, expert).key("claim");
        directory.claim(expert, "worker-a", Duration.ofSeconds(1));

        directory.claim(expert, "worker-a", Duration.ofMinutes(5));

        assertThat(millisToLive(key)).isGreaterThan(Duration.ofSeconds(1).toMillis());
    }

    @Test
    void anExpiredClaimCanBeTakenByAnother() throws Exception {
        ClusterDirectory directory = directory();
        String expert = expert();
        directory.claim(expert, "worker-a", REDIS_EXPIRY);
        Thread.sleep(PAST_REDIS_EXPIRY.toMillis());

        assertThat(directory.claimant(expert)).isEmpty();
        assertThat(directory.claim(expert, "worker-b", TTL)).isTrue();
    }

    @Test
    void aClaimSharesItsExpertsQueueSlot() {
        ClusterDirectory directory = directory();
        String expert = expert();
        directory.claim(expert, "worker-a", TTL);
        ExpertKeys keys = new ExpertKeys(prefix, expert);

        assertThat(valueOf(prefix + "{q:" + expert + "}:claim")).isEqualTo("worker-a");
        assertThat(slot(keys.key("claim"))).isEqualTo(slot(keys.stream()));
    }

    @Test
    void aMalformedClaimHolderIsNotReturned() {
        ClusterDirectory directory = directory();
        String expert = expert();
        onRedis(r -> r.set(new ExpertKeys(prefix, expert).key("claim"), "not a worker {id}"));

        assertThat(directory.claimant(expert)).isEqualTo(Optional.empty());
        assertThat(directory.claim(expert, "worker-a", TTL)).isFalse();
    }

    @Test
    void malformedNamesAreRefusedBeforeReachingRedis() {
        ClusterDirectory directory = directory();
        assertThatThrownBy(() -> directory.claim("a}b", "worker-a", TTL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> directory.claim("x", "worker a", TTL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> directory.release("x", "../w")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> directory.removeWorker("w:*")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> directory.gatewayAlive("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> directory.claim("x", "worker-a", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnreachableRedisIsReportedAtStartUp() {
        assertThatThrownBy(() -> connect(unusedUrl())).isInstanceOf(StateUnavailableException.class);
    }
}
