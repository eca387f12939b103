package io.coerouter.router.keys;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;

/**
 * What each key has used: requests and tokens per minute (token buckets that refill continuously) and money spent,
 * checked and counted atomically, in this process ({@link #inMemory}) or across replicas in Redis.
 */
public interface KeyUsage {

    /** Why a call was refused, or that it was not. */
    enum Verdict {
        ADMITTED,
        REQUESTS_PER_MINUTE,
        TOKENS_PER_MINUTE,
        BUDGET
    }

    /** A verdict and, for a rate refusal, when the bucket has room again. */
    record Admission(Verdict verdict, Duration retryAfter) {

        static final Admission ADMITTED = new Admission(Verdict.ADMITTED, Duration.ZERO);

        public boolean admitted() {
            return verdict == Verdict.ADMITTED;
        }
    }

    /**
     * Admits one call of {@code key} expected to use {@code estimatedTokens}, taking a request and the estimate from
     * its buckets, or refuses it: requests or tokens over their minute, or the budget spent.
     */
    Admission admit(ApiKey key, long estimatedTokens);

    /**
     * Settles a call: {@code tokenCorrection} (actual minus estimated tokens, may be negative) goes to the token
     * bucket, {@code cost} to the spend.
     */
    void record(ApiKey key, long tokenCorrection, BigDecimal cost);

    /** US dollars {@code key} has spent. */
    BigDecimal spent(ApiKey key);

    static KeyUsage inMemory(Clock clock) {
        return new InMemoryKeyUsage(clock);
    }

    /** Spend is counted in millionths of a dollar, rounded up, so that no call is free. */
    static long micros(BigDecimal usd) {
        return usd.movePointRight(6).setScale(0, RoundingMode.CEILING).longValueExact();
    }
}
