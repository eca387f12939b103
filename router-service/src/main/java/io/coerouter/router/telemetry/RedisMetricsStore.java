package io.coerouter.router.telemetry;

import io.coerouter.router.state.RedisState;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link MetricsStore} in Redis: one hash per minute under {@code metrics:<start>}, its fields the counters. Every
 * write is one Lua call (HINCRBY of each counter, EXPIRE of each bucket); every read is one Lua call returning the
 * hashes of all the buckets asked for.
 */
final class RedisMetricsStore implements MetricsStore {

    /** KEYS: the buckets; ARGV: the expiry in seconds, then per key its field count and the field/amount pairs. */
    private static final String ADD =
            """
            local ttl = ARGV[1]
            local a = 2
            for _, key in ipairs(KEYS) do
              local n = tonumber(ARGV[a])
              a = a + 1
              for _ = 1, n do
                redis.call('HINCRBY', key, ARGV[a], ARGV[a + 1])
                a = a + 2
              end
              redis.call('EXPIRE', key, ttl)
            end
            return #KEYS
            """;

    /** KEYS: the buckets; returns each one's HGETALL, in order. */
    private static final String READ =
            """
            local out = {}
            for i, key in ipairs(KEYS) do
              out[i] = redis.call('HGETALL', key)
            end
            return out
            """;

    private final RedisState redis;

    RedisMetricsStore(RedisState redis) {
        this.redis = redis;
    }

    private String key(long start) {
        return redis.key("metrics", Long.toString(start));
    }

    @Override
    public void add(Map<Long, Map<String, Long>> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        args.add(Long.toString(RETENTION.toSeconds()));
        deltas.forEach((start, fields) -> {
            keys.add(key(start));
            args.add(Integer.toString(fields.size()));
            fields.forEach((name, amount) -> {
                args.add(name);
                args.add(Long.toString(amount));
            });
        });
        redis.call(
                c -> c.eval(ADD, ScriptOutputType.INTEGER, keys.toArray(String[]::new), args.toArray(String[]::new)));
    }

    @Override
    public Map<Long, Map<String, Long>> read(List<Long> starts) {
        Map<Long, Map<String, Long>> read = new LinkedHashMap<>();
        if (starts.isEmpty()) {
            return read;
        }
        String[] keys = starts.stream().map(this::key).toArray(String[]::new);
        List<Object> hashes = redis.call(c -> c.<List<Object>>eval(READ, ScriptOutputType.MULTI, keys));
        for (int i = 0; i < starts.size(); i++) {
            Map<String, Long> fields = new LinkedHashMap<>();
            if (i < hashes.size() && hashes.get(i) instanceof List<?> flat) {
                for (int j = 0; j + 1 < flat.size(); j += 2) {
                    fields.put(String.valueOf(flat.get(j)), parse(flat.get(j + 1)));
                }
            }
            read.put(starts.get(i), fields);
        }
        return read;
    }

    private static long parse(Object value) {
        try {
            return Long.parseLong(String.valueOf(value));
        } catch (NumberFormatException e) {
            return 0; // a field another client wrote badly counts as nothing
        }
    }
}
