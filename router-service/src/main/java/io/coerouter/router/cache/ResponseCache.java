package io.coerouter.router.cache;

import io.coerouter.expert.FinishReason;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.ids.Ids;
import io.coerouter.router.keys.KeyUsage;
import io.coerouter.router.routing.CoeTrace;
import io.coerouter.router.routing.RoutedAnswer;
import io.coerouter.skills.embed.Embedder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response cache. {@link #lookup} decides, per request, whether it is answered from the cache (an exact match, or
 * a semantic one: same scope, same earlier conversation and parameters, a last user message whose embedding is within
 * the threshold of a cached one's and which passes the {@link NearMissGuard}), whether it is bypassed, or whether it
 * is a miss whose answer the caller keeps with {@link CacheLookup#keep}. Identical requests arriving while one is being
 * answered wait for that answer instead of calling experts again (single flight, in this process). A store that cannot
 * be reached never fails a request: it is bypassed and counted.
 */
public final class ResponseCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ResponseCache.class);

    /** What a request in flight found or kept: the entry, and how it matched that request. */
    record Landed(CachedAnswer entry, MatchKind kind, double similarity) {}

    /** An answer being made for requests waiting on the same question. */
    static final class Flight {
        private final CompletableFuture<Landed> landed = new CompletableFuture<>();

        /** The answer kept by the request in flight, or null when it kept none or took longer than {@code wait}. */
        Landed await(Duration wait) {
            try {
                return landed.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private final CacheConfig config;
    private final CacheStore store;
    private final Embedder embedder;
    private final Clock clock;
    private final Instant since;
    private final Map<String, Flight> flights = new ConcurrentHashMap<>();
    private final LongAdder exactHits = new LongAdder();
    private final LongAdder semanticHits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder bypasses = new LongAdder();
    private final LongAdder storeErrors = new LongAdder();
    private final LongAdder savedMicros = new LongAdder();
    private final Map<MatchKind, Counter> hitCounters = new EnumMap<>(MatchKind.class);
    private final Map<BypassReason, Counter> bypassCounters = new EnumMap<>(BypassReason.class);
    private final Counter missCounter;
    private final Counter waited;
    private final Counter stored;
    private final Counter errorCounter;
    private final Counter saved;
    private final Timer lookupTimer;
    private final DistributionSummary similarityOfHits;

    private ResponseCache(CacheConfig config, CacheStore store, Embedder embedder, Clock clock, MeterRegistry meters) {
        this.config = config;
        this.store = store;
        this.embedder = embedder;
        this.clock = clock;
        this.since = clock.instant();
        for (MatchKind kind : MatchKind.values()) {
            hitCounters.put(kind, requests(meters, "hit", kind.id(), "none"));
        }
        for (BypassReason why : BypassReason.values()) {
            bypassCounters.put(why, requests(meters, "bypass", "none", why.id()));
        }
        missCounter = requests(meters, "miss", "none", "none");
        waited = Counter.builder("coe.cache.waits")
                .description("Requests that waited for an identical request's answer instead of calling experts")
                .register(meters);
        stored = Counter.builder("coe.cache.stored")
                .description("Answers kept in the response cache")
                .register(meters);
        errorCounter = Counter.builder("coe.cache.store.errors")
                .description("Response cache lookups and writes that failed because the store could not be reached;"
                        + " the requests were served without the cache")
                .register(meters);
        saved = Counter.builder("coe.cache.saved.cost")
                .baseUnit("usd")
                .description("What answers served from the cache cost when they were made")
                .register(meters);
        lookupTimer = Timer.builder("coe.cache.lookup")
                .description("Time to decide hit, miss or bypass (embedding and store reads included)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(meters);
        similarityOfHits = DistributionSummary.builder("coe.cache.similarity")
                .description("Cosine similarity of semantic hits")
                .serviceLevelObjectives(0.8, 0.85, 0.9, 0.92, 0.94, 0.96, 0.98, 1.0)
                .register(meters);
        Gauge.builder("coe.cache.entries", this, ResponseCache::entriesOrNaN)
                .description("Entries held by the response cache store")
                .register(meters);
    }

    private static Counter requests(MeterRegistry meters, String result, String kind, String reason) {
        return Counter.builder("coe.cache.requests")
                .description("Chat requests by how the response cache took part")
                .tag("result", result)
                .tag("kind", kind)
                .tag("reason", reason)
                .register(meters);
    }

    /** A cache with {@code config} over {@code store}, embedding questions with {@code embedder}. */
    public static ResponseCache of(
            CacheConfig config, CacheStore store, Embedder embedder, Clock clock, MeterRegistry meters) {
        return new ResponseCache(config, store, embedder, clock, meters);
    }

    /** A cache that is off: every lookup is {@link CacheLookup#reported() unreported} and nothing is kept. */
    public static ResponseCache off(Clock clock, MeterRegistry meters) {
        return new ResponseCache(CacheConfig.off(), null, null, clock, meters);
    }

    public boolean enabled() {
        return config.enabled();
    }

    public CacheConfig config() {
        return config;
    }

    /** The store, or empty when the cache is off. */
    public Optional<CacheStore> store() {
        return Optional.ofNullable(store);
    }

    /** No lookup at all, stored and counted nowhere: the router's own warm-up requests. */
    public static CacheLookup untouched() {
        return CacheLookup.OFF;
    }

    /**
     * How {@code request} from API key {@code keyId} (null: keys off), with HTTP caching {@code directive}, takes part.
     * A miss holds the question in flight until the returned lookup is kept or closed.
     */
    public CacheLookup lookup(ChatCompletionRequest request, String keyId, CacheDirective directive) {
        if (!config.enabled()) {
            return CacheLookup.OFF;
        }
        long start = System.nanoTime();
        if (!request.coe().cache()) {
            return bypass(BypassReason.REQUESTED, null, keyId, false, start);
        }
        if (directive == CacheDirective.NO_STORE) {
            return bypass(BypassReason.NO_STORE, null, keyId, false, start);
        }
        Double temperature = request.expertRequest().temperature();
        if (!config.allowTemperature() && temperature != null && temperature > 0) {
            return bypass(BypassReason.TEMPERATURE, null, keyId, false, start);
        }
        CacheKeys keys = CacheKeys.of(request, keyId, config.scope());
        if (directive == CacheDirective.NO_CACHE) {
            return bypass(BypassReason.NO_CACHE, keys, keyId, true, start);
        }
        String flightKey = keys.scope() + '\n' + keys.exact();
        Flight mine = null;
        try {
            Optional<CachedAnswer> exact = store.get(keys.scope(), keys.exact());
            if (exact.isPresent()) {
                return hit(MatchKind.EXACT, 1.0, exact.get(), keys, keyId, start);
            }
            Flight candidate = new Flight();
            Flight running = flights.putIfAbsent(flightKey, candidate);
            if (running != null) {
                waited.increment();
                Landed landed = running.await(config.waitTimeout());
                if (landed != null) {
                    // The same request as the one in flight: it matched the way that one did.
                    return hit(landed.kind(), landed.similarity(), landed.entry(), keys, keyId, start);
                }
                // The request in flight kept nothing (it failed, or its answer may not be kept): answer alone.
                return miss(keys, keyId, null, null, null, start);
            }
            mine = candidate;
            float[] question = embed(keys);
            if (question == null) {
                return miss(keys, keyId, mine, null, null, start);
            }
            Match match = closest(keys, question);
            if (match.entry != null) {
                land(keys, mine, new Landed(match.entry, MatchKind.SEMANTIC, match.similarity));
                return hit(MatchKind.SEMANTIC, match.similarity, match.entry, keys, keyId, start);
            }
            return miss(keys, keyId, mine, question, shownOnMiss(match.bestSeen), start);
        } catch (Error e) {
            if (mine != null) {
                land(keys, mine, null); // never leave identical requests waiting on a flight nobody will land
            }
            throw e;
        } catch (RuntimeException e) {
            // Redis down or slow, or the embedder failing: the request is served as if there were no cache.
            if (mine != null) {
                land(keys, mine, null);
            }
            storeErrors.increment();
            errorCounter.increment();
            log.warn("response cache lookup failed, serving without the cache: {}", e.toString());
            return bypass(BypassReason.STORE_UNAVAILABLE, null, keyId, false, start);
        }
    }

    private record Match(CachedAnswer entry, double similarity, Double bestSeen) {}

    /**
     * The closest similarity a miss reports: only where the entries are the caller's own (scope {@code key}); in the
     * shared scope it would tell one caller how close it came to other callers' questions.
     */
    private Double shownOnMiss(Double bestSeen) {
        return config.scope() == CacheScope.KEY ? bestSeen : null;
    }

    /** The closest earlier question under the same context that passes its threshold and the guard, if any. */
    private Match closest(CacheKeys keys, float[] question) {
        List<CacheStore.Candidate> candidates = store.candidates(keys.scope(), keys.context());
        NearMissGuard.Signature mine = null;
        CacheStore.Candidate best = null;
        double bestSimilarity = -1;
        Double bestSeen = null;
        for (CacheStore.Candidate c : candidates) {
            if (c.embedding() == null || c.embedding().length != question.length) {
                continue;
            }
            // Both vectors have unit length, so their dot product is the cosine: higher is closer.
            double similarity = Math.max(-1, Math.min(1, Embedder.cosine(question, c.embedding())));
            if (bestSeen == null || similarity > bestSeen) {
                bestSeen = similarity;
            }
            if (similarity < config.thresholdFor(c.topSkill()) || similarity <= bestSimilarity) {
                continue;
            }
            if (config.guard()) {
                if (mine == null) {
                    mine = NearMissGuard.of(keys.query());
                }
                if (!NearMissGuard.compatible(mine, NearMissGuard.of(c.query()))) {
                    continue;
                }
            }
            best = c;
            bestSimilarity = similarity;
        }
        if (best == null) {
            return new Match(null, 0, bestSeen == null ? null : round(bestSeen));
        }
        double similarity = round(bestSimilarity);
        Optional<CachedAnswer> entry = store.get(keys.scope(), best.exact());
        return entry.map(e -> new Match(e, similarity, null)).orElseGet(() -> new Match(null, 0, similarity));
    }

    /** The question's embedding when it may be matched semantically, else null. */
    private float[] embed(CacheKeys keys) {
        if (!config.semantic()
                || keys.context() == null
                || keys.query().isBlank()
                || keys.query().length() > config.maxQueryChars()) {
            return null;
        }
        float[] v = embedder.embed(keys.query());
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        // A zero vector (nothing the encoder could read) is close to nothing; it must never match everything.
        return norm < 0.25 ? null : v;
    }

    private CacheLookup hit(
            MatchKind kind, double similarity, CachedAnswer entry, CacheKeys keys, String keyId, long start) {
        (kind == MatchKind.EXACT ? exactHits : semanticHits).increment();
        hitCounters.get(kind).increment();
        if (kind == MatchKind.SEMANTIC) {
            similarityOfHits.record(similarity);
        }
        long micros = KeyUsage.micros(entry.costUsd());
        savedMicros.add(micros);
        saved.increment(micros / 1e6);
        long took = System.nanoTime() - start;
        lookupTimer.record(took, TimeUnit.NANOSECONDS);
        return new CacheLookup(this, CacheStatus.HIT, kind, similarity, null, entry, keys, keyId, null, false, took);
    }

    private CacheLookup miss(
            CacheKeys keys, String keyId, Flight flight, float[] question, Double bestSeen, long start) {
        misses.increment();
        missCounter.increment();
        long took = System.nanoTime() - start;
        lookupTimer.record(took, TimeUnit.NANOSECONDS);
        return new CacheLookup(this, CacheStatus.MISS, null, bestSeen, null, null, keys, keyId, flight, true, took)
                .withEmbedding(question);
    }

    private CacheLookup bypass(BypassReason why, CacheKeys keys, String keyId, boolean keep, long start) {
        bypasses.increment();
        bypassCounters.get(why).increment();
        return new CacheLookup(
                this, CacheStatus.BYPASS, null, null, why, null, keys, keyId, null, keep, System.nanoTime() - start);
    }

    /** Makes and stores the entry of a kept answer; null when it may not be kept or the store failed. */
    CachedAnswer keep(CacheLookup lookup, RoutedAnswer answer) {
        if (answer == null
                || answer.trace() == null
                || answer.fromCache()
                || answer.text() == null
                || answer.text().isEmpty()
                || answer.text().length() > config.maxAnswerChars()
                || !(answer.finishReason() == FinishReason.STOP || answer.finishReason() == FinishReason.LENGTH)
                || degraded(answer.trace(), lookup.keys().model())) {
            return null;
        }
        CacheKeys keys = lookup.keys();
        try {
            float[] question = lookup.embedding();
            if (question == null) {
                // A no-cache bypass, or a request that waited in vain: still matchable by paraphrases (and never
                // replacing a semantic entry with one that is not).
                question = embed(keys);
            }
            Instant now = clock.instant();
            CoeTrace trace = answer.trace();
            boolean semantic = question != null;
            CachedAnswer entry = new CachedAnswer(
                    Ids.next("cache-", 20),
                    keys.scope(),
                    lookup.keyId(),
                    keys.exact(),
                    semantic ? keys.context() : null,
                    keys.model(),
                    semantic ? keys.query() : null,
                    question,
                    answer.text(),
                    answer.finishReason(),
                    answer.usage().inputTokens(),
                    answer.usage().outputTokens(),
                    trace.costUsd(),
                    trace.route(),
                    trace.skills() == null ? List.of() : trace.skills(),
                    trace.experts() == null
                            ? List.of()
                            : trace.experts().stream()
                                    .filter(c -> "ok".equals(c.status()))
                                    .map(CoeTrace.ExpertCall::id)
                                    .toList(),
                    trace.aggregator(),
                    now,
                    now.plus(config.ttl()));
            store.put(entry);
            stored.increment();
            return entry;
        } catch (RuntimeException e) {
            storeErrors.increment();
            errorCounter.increment();
            log.warn("response cache could not keep an answer: {}", e.toString());
            return null;
        }
    }

    /**
     * Whether an answer was made in a degraded way that must not be served for a whole TTL: an expert call failed
     * (a routed request answered by fewer experts than recruited, or after failover), or a request that named an
     * expert was answered by another one (a fallback).
     */
    private static boolean degraded(CoeTrace trace, String model) {
        List<CoeTrace.ExpertCall> calls = trace.experts() == null ? List.of() : trace.experts();
        if (calls.stream().anyMatch(c -> "failed".equals(c.status()))) {
            return true;
        }
        return "direct".equals(trace.route())
                && calls.stream().filter(c -> "ok".equals(c.status())).anyMatch(c -> !c.id().equals(model));
    }

    /** Ends a flight: requests waiting on it get {@code landed} (null: nothing, they answer alone). */
    void land(CacheKeys keys, Flight flight, Landed landed) {
        flights.remove(keys.scope() + '\n' + keys.exact(), flight);
        flight.landed.complete(landed);
    }

    /** What this replica's cache has done. */
    public CacheStats stats() {
        return new CacheStats(
                config.enabled(),
                store == null ? null : store.kind(),
                config.scope().id(),
                config.enabled() ? entries() : 0,
                exactHits.sum(),
                semanticHits.sum(),
                misses.sum(),
                bypasses.sum(),
                storeErrors.sum(),
                BigDecimal.valueOf(savedMicros.sum(), 6),
                since);
    }

    private long entries() {
        try {
            return store.size();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private double entriesOrNaN() {
        if (store == null) {
            return 0;
        }
        long n = entries();
        return n < 0 ? Double.NaN : n;
    }

    private static double round(double similarity) {
        return Math.round(similarity * 10_000) / 10_000.0;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
