package io.coerouter.router.cache;

import io.coerouter.expert.TokenUsage;
import io.coerouter.router.routing.CoeTrace;
import io.coerouter.router.routing.RoutedAnswer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One request's dealings with the {@link ResponseCache}: what the lookup found and, for a miss, the right to keep the
 * answer. Closing it (always, in a try-with-resources) releases requests waiting on the same question when no answer
 * was kept.
 */
public final class CacheLookup implements AutoCloseable {

    /** The lookup of a router whose cache is off: no header, nothing kept. */
    static final CacheLookup OFF = new CacheLookup(null, null, null, null, null, null, null, null, null, false, 0);

    private final ResponseCache cache;
    private final CacheStatus status;
    private final MatchKind kind;
    private final Double similarity;
    private final BypassReason reason;
    private final CachedAnswer entry;
    private final CacheKeys keys;
    private final String keyId;
    private final ResponseCache.Flight flight;
    private final boolean keep;
    private final long lookupNanos;
    private float[] embedding;
    private boolean kept;

    CacheLookup(
            ResponseCache cache,
            CacheStatus status,
            MatchKind kind,
            Double similarity,
            BypassReason reason,
            CachedAnswer entry,
            CacheKeys keys,
            String keyId,
            ResponseCache.Flight flight,
            boolean keep,
            long lookupNanos) {
        this.cache = cache;
        this.status = status;
        this.kind = kind;
        this.similarity = similarity;
        this.reason = reason;
        this.entry = entry;
        this.keys = keys;
        this.keyId = keyId;
        this.flight = flight;
        this.keep = keep;
        this.lookupNanos = lookupNanos;
    }

    /** Whether the cache is on, so the response says how it took part ({@code x-coe-cache}). */
    public boolean reported() {
        return status != null;
    }

    /** Hit, miss or bypass; null when the cache is off. */
    public CacheStatus status() {
        return status;
    }

    /** Whether the request is answered from the cache. */
    public boolean hit() {
        return status == CacheStatus.HIT;
    }

    /** How a hit matched, or null. */
    public MatchKind kind() {
        return kind;
    }

    /**
     * For a hit, the cosine similarity of the question to the cached one (1 for an exact match); for a miss, the
     * closest earlier question's, when any was compared; else null.
     */
    public Double similarity() {
        return similarity;
    }

    /** Why the cache was bypassed, or null. */
    public BypassReason reason() {
        return reason;
    }

    /** The cached answer as the router's answer: no expert called, nothing charged (cost 0), its usage as made. */
    public RoutedAnswer answer(Instant now) {
        if (entry == null) {
            throw new IllegalStateException("only a hit has an answer");
        }
        double ms = CoeTrace.Timings.millisOf(lookupNanos);
        long age = Math.max(0, Duration.between(entry.createdAt(), now).toSeconds());
        CoeTrace trace = new CoeTrace(
                entry.route(),
                entry.skills(),
                List.of(),
                entry.aggregator(),
                BigDecimal.ZERO,
                new CoeTrace.Timings(ms, 0, 0, ms),
                null,
                new CoeTrace.Cache(status.id(), kind.id(), similarity, age, entry.costUsd()));
        return new RoutedAnswer(
                entry.text(), entry.finishReason(), new TokenUsage(entry.inputTokens(), entry.outputTokens()), trace);
    }

    /**
     * Keeps {@code answer} for later requests when this lookup may (a miss, or a {@code no-cache} bypass) and the answer
     * is whole; never throws (a store that cannot be reached is counted). Requests waiting on the same question get it.
     */
    public void keep(RoutedAnswer answer) {
        if (!keep || kept || cache == null) {
            return;
        }
        kept = true;
        CachedAnswer made = cache.keep(this, answer);
        if (flight != null) {
            cache.land(keys, flight, made == null ? null : new ResponseCache.Landed(made, MatchKind.EXACT, 1.0));
        }
    }

    CacheKeys keys() {
        return keys;
    }

    String keyId() {
        return keyId;
    }

    float[] embedding() {
        return embedding;
    }

    CacheLookup withEmbedding(float[] vector) {
        this.embedding = vector;
        return this;
    }

    /** Releases requests waiting on this one's answer when none was kept. */
    @Override
    public void close() {
        if (flight != null && !kept) {
            kept = true;
            cache.land(keys, flight, null);
        }
    }
}
