package io.coerouter.skills.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedEmbedderTest {

    private final AtomicInteger calls = new AtomicInteger();
    private final Embedder counting = text -> {
        calls.incrementAndGet();
        return Embedder.normalise(new float[] {text.length(), 1});
    };

    @Test
    void normalisedTextHitsTheCache() {
        CachedEmbedder cached = Embedder.cached(counting, 10);
        float[] first = cached.embed("What is  2 + 2?");
        float[] again = cached.embed("  what is 2 + 2? ");
        assertThat(again).isSameAs(first);
        assertThat(calls).hasValue(1);
        assertThat(cached.hits()).isEqualTo(1);
        assertThat(cached.misses()).isEqualTo(1);
    }

    @Test
    void theCacheIsBoundedAndDropsTheLeastRecentlyUsed() {
        CachedEmbedder cached = Embedder.cached(counting, 2);
        cached.embed("a");
        cached.embed("b");
        cached.embed("a");
        cached.embed("c"); // evicts b
        assertThat(cached.size()).isEqualTo(2);
        cached.embed("a");
        assertThat(calls).hasValue(3);
        cached.embed("b");
        assertThat(calls).hasValue(4);
    }

    @Test
    void aNonPositiveSizeIsRefused() {
        assertThatThrownBy(() -> Embedder.cached(counting, 0)).hasMessage("maxEntries must be > 0, but was 0");
    }

    @Test
    void theUncachedEmbedderBypassesAndKeepsTheCache() {
        CachedEmbedder cached = Embedder.cached(counting, 10);
        cached.embed("a");

        cached.uncached().embed("b");
        cached.uncached().embed("b");

        assertThat(calls).hasValue(3);
        assertThat(cached.size()).isEqualTo(1);
    }
}
