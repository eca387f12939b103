package io.coerouter.router.keys;

import io.coerouter.router.state.RedisState;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Token buckets and spend per key in Redis, checked and taken in one Lua script so that replicas admitting the same
 * key at once never let more through than the limits allow. Buckets expire two minutes after their last use (by then
 * they are full again).
 */
final class RedisKeyUsage implements KeyUsage {

    /** A bucket's level at {@code now}: full when absent, refilled continuously at capacity per minute. */
    private static final String LEVEL =
            """
            local function level(key, cap, now)
              local b = redis.call('HMGET', key, 'level', 'at')
              if not b[1] then return cap end
              return math.min(cap, tonumber(b[1]) + (now - tonumber(b[2])) * cap / 60000)
            end
            local function save(key, value, now)
              redis.call('HSET', key, 'level', tostring(value), 'at', tostring(now))
              redis.call('PEXPIRE', key, 120000)
            end
            """;

    /** KEYS: requests bucket, tokens bucket, spend; ARGV: now ms, rpm, tpm, budget micros (-1: none), estimate. */
    private static final String ADMIT = LEVEL
            + """
            local now = tonumber(ARGV[1])
            local rpm, tpm = tonumber(ARGV[2]), tonumber(ARGV[3])
            local budget, estimate = tonumber(ARGV[4]), tonumber(ARGV[5])
            if budget >= 0 and tonumber(redis.call('GET', KEYS[3]) or '0') >= budget then
              return {'BUDGET', 0}
            end
            local r, t = 0, 0
            if rpm > 0 then
              r = level(KEYS[1], rpm, now)
              if r < 1 then return {'REQUESTS_PER_MINUTE', math.ceil((1 - r) * 60000 / rpm)} end
            end
            if tpm > 0 then
              t = level(KEYS[2], tpm, now)
              if t <= 0 then return {'TOKENS_PER_MINUTE', math.ceil((1 - t) * 60000 / tpm)} end
            end
            if rpm > 0 then save(KEYS[1], r - 1, now) end
            if tpm > 0 then save(KEYS[2], t - estimate, now) end
            return {'ADMITTED', 0}
            """;

    /** KEYS: tokens bucket, spend; ARGV: now ms, tpm, token correction, cost micros. */
    private static final String RECORD = LEVEL
            + """
            local now, tpm = tonumber(ARGV[1]), tonumber(ARGV[2])
            local correction, micros = tonumber(ARGV[3]), tonumber(ARGV[4])
            if tpm > 0 and correction ~= 0 then save(KEYS[1], level(KEYS[1], tpm, now) - correction, now) end
            if micros > 0 then redis.call('INCRBY', KEYS[2], micros) end
            return 1
            """;

    private final RedisState redis;
    private final Clock clock;
    private final String admitSha;
    private final String recordSha;

    RedisKeyUsage(RedisState redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
        this.admitSha = redis.call(c -> c.scriptLoad(ADMIT));
        this.recordSha = redis.call(c -> c.scriptLoad(RECORD));
    }

    private String[] keys(ApiKey key, String... parts) {
        String[] keys = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            keys[i] = redis.key("usage", key.id(), parts[i]);
        }
        return keys;
    }

    @Override
    public Admission admit(ApiKey key, long estimatedTokens) {
        String budget = key.budgetUsd() == null ? "-1" : Long.toString(KeyUsage.micros(key.budgetUsd()));
        List<Object> result = run(
                ADMIT,
                admitSha,
                ScriptOutputType.MULTI,
                keys(key, "requests", "tokens", "spent"),
                Long.toString(clock.millis()),
                Integer.toString(key.requestsPerMinute()),
                Long.toString(key.tokensPerMinute()),
                budget,
                Long.toString(estimatedTokens));
        Verdict verdict = Verdict.valueOf((String) result.get(0));
        return verdict == Verdict.ADMITTED
                ? Admission.ADMITTED
                : new Admission(verdict, Duration.ofMillis((Long) result.get(1)));
    }

    @Override
    public void record(ApiKey key, long tokenCorrection, BigDecimal cost) {
        run(
                RECORD,
                recordSha,
                ScriptOutputType.INTEGER,
                keys(key, "tokens", "spent"),
                Long.toString(clock.millis()),
                Long.toString(key.tokensPerMinute()),
                Long.toString(tokenCorrection),
                Long.toString(cost.signum() > 0 ? KeyUsage.micros(cost) : 0));
    }

    @Override
    public BigDecimal spent(ApiKey key) {
        String micros = redis.call(c -> c.get(keys(key, "spent")[0]));
        return BigDecimal.valueOf(micros == null ? 0 : Long.parseLong(micros), 6);
    }

    /** EVALSHA, loading the script again if the server lost it (a restart, SCRIPT FLUSH). */
    @SuppressWarnings("unchecked")
    private <T> T run(String script, String sha, ScriptOutputType type, String[] keys, String... args) {
        return redis.call(c -> {
            try {
                return (T) c.evalsha(sha, type, keys, args);
            } catch (RedisNoScriptException e) {
                return (T) c.eval(script, type, keys, args);
            }
        });
    }
}
