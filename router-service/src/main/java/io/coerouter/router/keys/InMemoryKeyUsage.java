package io.coerouter.router.keys;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Token buckets and spend per key in this process, behind one lock; the same arithmetic as the Redis script. */
final class InMemoryKeyUsage implements KeyUsage {

    private final Clock clock;
    private final Map<String, Bucket> requests = new HashMap<>();
    private final Map<String, Bucket> tokens = new HashMap<>();
    private final Map<String, Long> spentMicros = new HashMap<>();

    InMemoryKeyUsage(Clock clock) {
        this.clock = clock;
    }

    /** A bucket of {@code capacity} per minute, refilling continuously; its level may go below zero (a debt). */
    private static final class Bucket {
        double level;
        long at;

        Bucket(double level, long at) {
            this.level = level;
            this.at = at;
        }

        double levelAt(long now, long capacity) {
            return Math.min(capacity, level + (now - at) * capacity / 60_000.0);
        }
    }

    private static Duration until(double level, double needed, long capacity) {
        return Duration.ofMillis((long) Math.ceil((needed - level) * 60_000.0 / capacity));
    }

    @Override
    public synchronized Admission admit(ApiKey key, long estimatedTokens) {
        long now = clock.millis();
        if (key.budgetUsd() != null && spentMicros.getOrDefault(key.id(), 0L) >= KeyUsage.micros(key.budgetUsd())) {
            return new Admission(Verdict.BUDGET, Duration.ZERO);
        }
        Bucket r = requests.computeIfAbsent(key.id(), id -> new Bucket(key.requestsPerMinute(), now));
        Bucket t = tokens.computeIfAbsent(key.id(), id -> new Bucket(key.tokensPerMinute(), now));
        double rLevel = r.levelAt(now, key.requestsPerMinute());
        double tLevel = t.levelAt(now, key.tokensPerMinute());
        if (key.requestsPerMinute() > 0 && rLevel < 1) {
            return new Admission(Verdict.REQUESTS_PER_MINUTE, until(rLevel, 1, key.requestsPerMinute()));
        }
        if (key.tokensPerMinute() > 0 && tLevel <= 0) {
            return new Admission(Verdict.TOKENS_PER_MINUTE, until(tLevel, 1, key.tokensPerMinute()));
        }
        if (key.requestsPerMinute() > 0) {
            r.level = rLevel - 1;
            r.at = now;
        }
        if (key.tokensPerMinute() > 0) {
            t.level = tLevel - estimatedTokens;
            t.at = now;
        }
        return Admission.ADMITTED;
    }

    @Override
    public synchronized void record(ApiKey key, long tokenCorrection, BigDecimal cost) {
        long now = clock.millis();
        if (key.tokensPerMinute() > 0 && tokenCorrection != 0) {
            Bucket t = tokens.computeIfAbsent(key.id(), id -> new Bucket(key.tokensPerMinute(), now));
            t.level = t.levelAt(now, key.tokensPerMinute()) - tokenCorrection;
            t.at = now;
        }
        if (cost.signum() > 0) {
            spentMicros.merge(key.id(), KeyUsage.micros(cost), Long::sum);
        }
    }

    @Override
    public synchronized BigDecimal spent(ApiKey key) {
        return BigDecimal.valueOf(spentMicros.getOrDefault(key.id(), 0L), 6);
    }
}
