package io.coerouter.router.dispatch;

import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ClusterDirectory} in Redis (one server or a Redis Cluster). Keys:
 *
 * <ul>
 *   <li>{@code <prefix>cluster:worker:<id>}: a worker's record as JSON, with a PX expiry of the ttl;
 *   <li>{@code <prefix>cluster:workers}: sorted set of worker ids scored by their record's expiry (epoch millis of
 *       the injected clock);
 *   <li>{@code <prefix>cluster:gateway:<id>} and {@code <prefix>cluster:gateways}: the same for gateways;
 *   <li>{@code <prefix>{q:<expert>}:claim}: the worker id holding the expert's placement claim, with a PX expiry (in
 *       the slot of the expert's queue).
 * </ul>
 *
 * Every command and script touches one key, so nothing spans two cluster slots. A record and its index entry are
 * written by two commands: a reader that finds an index entry without its record prunes the entry, unless a newer
 * heartbeat has raised its score meanwhile.
 */
final class RedisClusterDirectory implements ClusterDirectory {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterDirectory.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    /** Take the claim when free, renew it when ours. */
    private static final String CLAIM =
            """
            local holder = redis.call('GET', KEYS[1])
            if not holder then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            if holder == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            return 0
            """;
    /** Delete the claim only when ours. */
    private static final String RELEASE =
            """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;
    /** Remove an index entry whose record is gone, unless a newer heartbeat has raised its score since it was read. */
    private static final String PRUNE =
            """
            local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if score and tonumber(score) <= tonumber(ARGV[2]) then return redis.call('ZREM', KEYS[1], ARGV[1]) end
            return 0
            """;

    private final RedisConnector connector;
    private final RedisConnector.Link link;
    private final String prefix;
    private final Clock clock;
    private final Records<WorkerResidency> workers;
    private final Records<GatewayRecord> gateways;

    private RedisClusterDirectory(RedisConnector connector, String prefix, Clock clock) {
        this.prefix = prefix;
        this.clock = clock;
        this.connector = connector;
        this.link = connector.connectFirst();
        this.workers = new Records<>("worker", WorkerResidency.class, WorkerResidency::workerId);
        this.gateways = new Records<>("gateway", GatewayRecord.class, GatewayRecord::gatewayId);
    }

    static RedisClusterDirectory standalone(String url, String prefix, Duration timeout, Clock clock) {
        requireSettings(prefix, clock);
        return new RedisClusterDirectory(RedisConnector.standalone(url, timeout), prefix, clock);
    }

    static RedisClusterDirectory cluster(List<String> seedUrls, String prefix, Duration timeout, Clock clock) {
        requireSettings(prefix, clock);
        return new RedisClusterDirectory(RedisConnector.cluster(seedUrls, timeout), prefix, clock);
    }

    private static void requireSettings(String prefix, Clock clock) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void publishWorker(WorkerResidency residency, Duration ttl) {
        workers.publish(residency, ttl);
    }

    @Override
    public void removeWorker(String workerId) {
        workers.remove(workerId);
    }

    @Override
    public List<WorkerResidency> workers() {
        return workers.live();
    }

    @Override
    public void publishGateway(GatewayRecord gateway, Duration ttl) {
        gateways.publish(gateway, ttl);
    }

    @Override
    public void removeGateway(String gatewayId) {
        gateways.remove(gatewayId);
    }

    @Override
    public List<GatewayRecord> gateways() {
        return gateways.live();
    }

    @Override
    public boolean gatewayAlive(String gatewayId) {
        return gateways.alive(gatewayId);
    }

    @Override
    public boolean claim(String expert, String worker, Duration ttl) {
        ClusterIds.requireMember("worker", worker);
        long millis = ttlMillis(ttl);
        Long held = call(() -> redis().eval(
                        CLAIM,
                        ScriptOutputType.INTEGER,
                        new String[] {claimKey(expert)},
                        worker,
                        Long.toString(millis)));
        return held != null && held == 1L;
    }

    @Override
    public Optional<String> claimant(String expert) {
        String key = claimKey(expert);
        String holder = call(() -> redis().get(key));
        if (holder == null) {
            return Optional.empty();
        }
        if (!ClusterIds.valid(holder)) {
            log.warn("ignoring a malformed placement claim on expert '{}' (not a worker id)", expert);
            return Optional.empty();
        }
        return Optional.of(holder);
    }

    @Override
    public void release(String expert, String worker) {
        ClusterIds.requireMember("worker", worker);
        String key = claimKey(expert);
        call(() -> redis().eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, worker));
    }

    @Override
    public void close() {
        link.connection().close();
        connector.close();
    }

    private String claimKey(String expert) {
        return new ExpertKeys(prefix, expert).key("claim");
    }

    private RedisClusterCommands<String, String> redis() {
        return link.commands();
    }

    private static <T> T call(Supplier<T> command) {
        return RedisConnector.call(command);
    }

    private static long ttlMillis(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("ttl must be at least 1 ms: " + ttl);
        }
        return ttl.toMillis();
    }

    /** One kind of member's records: each a JSON string with an expiry, listed in a sorted set by expiry. */
    private final class Records<T> {

        private final String kind;
        private final Class<T> type;
        private final Function<T, String> id;
        private final String index;
        private final String recordPrefix;

        Records(String kind, Class<T> type, Function<T, String> id) {
            this.kind = kind;
            this.type = type;
            this.id = id;
            this.index = prefix + "cluster:" + kind + "s";
            this.recordPrefix = prefix + "cluster:" + kind + ":";
        }

        void publish(T record, Duration ttl) {
            Objects.requireNonNull(record, kind);
            long millis = ttlMillis(ttl);
            String member = id.apply(record);
            String body = JSON.writeValueAsString(record);
            long expiry = clock.millis() + millis;
            call(() -> redis().set(recordPrefix + member, body, SetArgs.Builder.px(millis)));
            call(() -> redis().zadd(index, (double) expiry, member));
        }

        void remove(String member) {
            ClusterIds.requireMember(kind + "Id", member);
            call(() -> redis().del(recordPrefix + member));
            call(() -> redis().zrem(index, member));
        }

        boolean alive(String member) {
            ClusterIds.requireMember(kind + "Id", member);
            Double expiry = call(() -> redis().zscore(index, member));
            if (expiry == null || expiry <= clock.millis()) {
                return false;
            }
            Long exists = call(() -> redis().exists(recordPrefix + member));
            return exists != null && exists > 0;
        }

        List<T> live() {
            long now = clock.millis();
            call(() -> redis().zremrangebyscore(
                            index, Range.from(Range.Boundary.unbounded(), Range.Boundary.including((double) now))));
            List<ScoredValue<String>> entries = call(() -> redis().zrangebyscoreWithScores(
                            index, Range.from(Range.Boundary.excluding((double) now), Range.Boundary.unbounded())));
            List<T> live = new ArrayList<>();
            for (ScoredValue<String> entry : entries) {
                String member = entry.getValue();
                if (!ClusterIds.valid(member)) {
                    log.warn("pruning a malformed {} id from {}", kind, index);
                    call(() -> redis().zrem(index, member));
                    continue;
                }
                String body = call(() -> redis().get(recordPrefix + member));
                if (body == null) {
                    prune(member, entry.getScore());
                    continue;
                }
                T record = read(member, body);
                if (record != null) {
                    live.add(record);
                }
            }
            live.sort(Comparator.comparing(id));
            return List.copyOf(live);
        }

        /** Drops {@code member}'s index entry, whose record is gone, unless it was renewed after {@code seen}. */
        private void prune(String member, double seen) {
            call(() -> redis().eval(
                            PRUNE, ScriptOutputType.INTEGER, new String[] {index}, member, Long.toString((long) seen)));
        }

        /** The record in {@code body}, or null (logged without the body) when it is not a valid one of {@code member}. */
        private T read(String member, String body) {
            try {
                T record = JSON.readValue(body, type);
                if (member.equals(id.apply(record))) {
                    return record;
                }
                log.warn("skipping the {} record of '{}': it names another {}", kind, member, kind);
            } catch (RuntimeException e) {
                log.warn(
                        "skipping the unreadable {} record of '{}' ({})",
                        kind,
                        member,
                        e.getClass().getSimpleName());
            }
            return null;
        }
    }
}
