package io.coerouter.skills.embed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * An embedder with a bounded LRU cache. Keys are 128 bits of SHA-256 over the normalised text, so a long query costs
 * no more memory than a short one.
 */
public final class CachedEmbedder implements Embedder {

    private record Key(long high, long low) {}

    private final Embedder delegate;
    private final int maxEntries;
    private final Map<Key, float[]> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    CachedEmbedder(Embedder delegate, int maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be > 0, but was " + maxEntries);
        }
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate must not be null");
        this.maxEntries = maxEntries;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, float[]> eldest) {
                return size() > CachedEmbedder.this.maxEntries;
            }
        };
    }

    @Override
    public float[] doEmbed(String text) {
        Key key = key(text);
        synchronized (cache) {
            float[] cached = cache.get(key);
            if (cached != null) {
                hits.increment();
                return cached;
            }
        }
        misses.increment();
        float[] embedding = delegate.embed(text);
        synchronized (cache) {
            cache.put(key, embedding);
        }
        return embedding;
    }

    /** The embedder behind the cache, for bulk work that should not evict the queries' embeddings. */
    public Embedder uncached() {
        return delegate;
    }

    /** Lookups answered from the cache. */
    public long hits() {
        return hits.sum();
    }

    /** Lookups that ran the model. */
    public long misses() {
        return misses.sum();
    }

    /** Entries held now. */
    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    static String normalise(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static Key key(String text) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256").digest(normalise(text).getBytes(StandardCharsets.UTF_8));
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (d[i] & 0xff);
                low = (low << 8) | (d[i + 8] & 0xff);
            }
            return new Key(high, low);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
