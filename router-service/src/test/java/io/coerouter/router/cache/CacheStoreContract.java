package io.coerouter.router.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.FinishReason;
import io.coerouter.router.routing.CoeTrace;
import io.coerouter.router.testing.ManualClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link CacheStore} does; each implementation's test runs it. */
abstract class CacheStoreContract {

    static final Duration TTL = Duration.ofHours(1);

    final ManualClock clock = new ManualClock();

    /** A fresh, empty store keeping at most {@code maxEntries} entries and {@code maxCandidates} per context. */
    abstract CacheStore store(int maxEntries, int maxCandidates, ManualClock clock);

    CacheStore store() {
        return store(100, 10, clock);
    }

    /** A semantic entry of {@code scope} under {@code exact}, made now, by key {@code keyId}. */
    CachedAnswer entry(String id, String scope, String exact, String context, String text) {
        return entry(id, scope, "key_a", exact, context, "what is " + exact, text, "math", List.of("gpt"));
    }

    CachedAnswer entry(
            String id,
            String scope,
            String keyId,
            String exact,
            String context,
            String query,
            String text,
            String skill,
            List<String> experts) {
        return new CachedAnswer(
                id,
                scope,
                keyId,
                exact,
                context,
                "coe",
                context == null ? null : query,
                context == null ? null : new float[] {0.6f, 0.8f, 0f},
                text,
                FinishReason.STOP,
                12,
                34,
                new BigDecimal("0.001200"),
                "coe",
                skill == null
                        ? List.of()
                        : List.of(new CoeTrace.SkillScore(skill, 0.9), new CoeTrace.SkillScore("x", 0.1)),
                experts,
                "best",
                clock.instant(),
                clock.instant().plus(TTL));
    }

    @Test
    void aKeptEntryIsFoundWholeUnderItsScopeAndHashAndAnotherIsNot() {
        CacheStore store = store();
        CachedAnswer kept = entry("cache-1", "key:key_a", "e1", "c1", "four");

        store.put(kept);

        assertThat(store.get("key:key_a", "e1"))
                .get()
                .usingRecursiveComparison()
                .isEqualTo(kept);
        assertThat(store.get("key:key_a", "e2")).isEmpty();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void anExactOnlyEntryIsKeptWithoutACandidate() {
        CacheStore store = store();
        CachedAnswer kept = entry("cache-1", "anonymous", "e1", null, "four");

        store.put(kept);

        assertThat(store.get("anonymous", "e1"))
                .get()
                .usingRecursiveComparison()
                .isEqualTo(kept);
        assertThat(store.get("anonymous", "e1").orElseThrow().embedding()).isNull();
        assertThat(store.candidates("anonymous", "c1")).isEmpty();
    }

    @Test
    void aSecondPutUnderTheSameScopeAndHashReplacesTheFirst() {
        CacheStore store = store();
        store.put(entry("cache-old", "shared", "e1", "c1", "old"));

        store.put(entry("cache-new", "shared", "e1", "c1", "new"));

        assertThat(store.get("shared", "e1").orElseThrow().text()).isEqualTo("new");
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.byId("cache-old")).isEmpty();
        assertThat(store.byId("cache-new")).isPresent();
        assertThat(store.candidates("shared", "c1"))
                .extracting(CacheStore.Candidate::exact)
                .containsExactly("e1");
    }

    @Test
    void anEntryIsNeitherServedNorListedNorACandidatePastItsExpiry() {
        CacheStore store = store();
        store.put(entry("cache-1", "shared", "e1", "c1", "four"));
        clock.advance(TTL.minusSeconds(1));
        assertThat(store.get("shared", "e1")).isPresent();

        clock.advance(Duration.ofSeconds(1));

        assertThat(store.get("shared", "e1")).isEmpty();
        assertThat(store.byId("cache-1")).isEmpty();
        assertThat(store.list(CacheFilter.ALL, 10)).isEmpty();
        assertThat(store.candidates("shared", "c1")).isEmpty();
    }

    @Test
    void candidatesAreTheNewestQuestionsOfTheirContextNewestFirstAndCapped() {
        CacheStore store = store(100, 3, clock);
        for (int i = 1; i <= 5; i++) {
            store.put(entry("cache-" + i, "shared", "e" + i, "c1", "a" + i));
        }
        store.put(entry("cache-other", "shared", "e9", "c2", "other"));
        store.put(entry("cache-scope", "key:key_b", "e8", "c1", "other scope"));

        List<CacheStore.Candidate> candidates = store.candidates("shared", "c1");

        assertThat(candidates).extracting(CacheStore.Candidate::exact).containsExactly("e5", "e4", "e3");
        CacheStore.Candidate newest = candidates.get(0);
        assertThat(newest.query()).isEqualTo("what is e5");
        assertThat(newest.topSkill()).isEqualTo("math");
        assertThat(newest.embedding()).containsExactly(0.6f, 0.8f, 0f);
        assertThat(store.candidates("shared", "c3")).isEmpty();
    }

    @Test
    void pastMaxEntriesTheLeastRecentlyUsedGoesAndARecentlyReadOneSurvives() {
        CacheStore store = store(3, 10, clock);
        store.put(entry("cache-a", "shared", "a", "c1", "a"));
        store.put(entry("cache-b", "shared", "b", "c1", "b"));
        store.put(entry("cache-c", "shared", "c", "c1", "c"));
        assertThat(store.get("shared", "a")).isPresent();

        store.put(entry("cache-d", "shared", "d", "c1", "d"));

        assertThat(store.get("shared", "b")).as("the least recently used").isEmpty();
        assertThat(store.get("shared", "a")).as("read after b was kept").isPresent();
        assertThat(store.get("shared", "c")).isPresent();
        assertThat(store.get("shared", "d")).isPresent();
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.byId("cache-b")).isEmpty();
        assertThat(store.candidates("shared", "c1"))
                .extracting(CacheStore.Candidate::exact)
                .containsExactly("d", "c", "a");
    }

    @Test
    void listFiltersByKeyExpertAndSkillNewestFirstWithinTheLimit() {
        CacheStore store = store();
        store.put(entry("cache-1", "shared", "k1", "e1", "c1", "q", "t", "math", List.of("gpt", "claude")));
        clock.advance(Duration.ofSeconds(1));
        store.put(entry("cache-2", "shared", "k2", "e2", "c1", "q", "t", "code", List.of("claude")));
        clock.advance(Duration.ofSeconds(1));
        store.put(entry("cache-3", "shared", "k1", "e3", null, "q", "t", "code", List.of("gpt")));
        clock.advance(Duration.ofSeconds(1));
        store.put(entry("cache-4", "shared", null, "e4", "c1", "q", "t", null, List.of()));

        assertThat(store.list(CacheFilter.ALL, 10))
                .extracting(CachedAnswer::id)
                .containsExactly("cache-4", "cache-3", "cache-2", "cache-1");
        assertThat(store.list(CacheFilter.ALL, 2)).extracting(CachedAnswer::id).containsExactly("cache-4", "cache-3");
        assertThat(store.list(new CacheFilter("k1", null, null), 10))
                .extracting(CachedAnswer::id)
                .containsExactly("cache-3", "cache-1");
        assertThat(store.list(new CacheFilter(null, "claude", null), 10))
                .extracting(CachedAnswer::id)
                .containsExactly("cache-2", "cache-1");
        assertThat(store.list(new CacheFilter(null, null, "code"), 10))
                .extracting(CachedAnswer::id)
                .containsExactly("cache-3", "cache-2");
        assertThat(store.list(new CacheFilter("k1", "gpt", "math"), 10))
                .extracting(CachedAnswer::id)
                .containsExactly("cache-1");
        assertThat(store.list(new CacheFilter("nobody", null, null), 10)).isEmpty();
    }

    @Test
    void byIdFindsAnEntryWholeAndNothingForAnUnknownId() {
        CacheStore store = store();
        CachedAnswer kept = entry("cache-1", "key:key_a", "e1", "c1", "four");
        store.put(kept);

        assertThat(store.byId("cache-1")).get().usingRecursiveComparison().isEqualTo(kept);
        assertThat(store.byId("cache-2")).isEmpty();
    }

    @Test
    void purgeRemovesWhatEachFilterMatchesAndSaysHowMany() {
        CacheStore store = store();
        store.put(entry("cache-1", "shared", "k1", "e1", "c1", "q", "t", "math", List.of("gpt")));
        store.put(entry("cache-2", "shared", "k2", "e2", "c1", "q", "t", "code", List.of("claude")));
        store.put(entry("cache-3", "shared", "k2", "e3", "c1", "q", "t", "math", List.of("claude")));
        store.put(entry("cache-4", "shared", "k2", "e4", null, "q", "t", "law", List.of("gemini")));
        store.put(entry("cache-5", "shared", "k3", "e5", null, "q", "t", "law", List.of("gemini")));

        assertThat(store.purge(new CacheFilter("k1", null, null))).isEqualTo(1);
        assertThat(store.get("shared", "e1")).isEmpty();
        assertThat(store.candidates("shared", "c1"))
                .extracting(CacheStore.Candidate::exact)
                .doesNotContain("e1");
        assertThat(store.purge(new CacheFilter(null, "claude", null))).isEqualTo(2);
        assertThat(store.byId("cache-2")).isEmpty();
        assertThat(store.candidates("shared", "c1")).isEmpty();
        assertThat(store.purge(new CacheFilter(null, null, "nothing"))).isZero();
        assertThat(store.purge(new CacheFilter(null, null, "law"))).isEqualTo(2);
        assertThat(store.size()).isZero();

        store.put(entry("cache-6", "shared", "e6", "c1", "t"));
        store.put(entry("cache-7", "key:key_a", "e7", null, "t"));
        assertThat(store.purge(CacheFilter.ALL)).isEqualTo(2);
        assertThat(store.size()).isZero();
        assertThat(store.list(CacheFilter.ALL, 10)).isEmpty();
    }

    @Test
    void theSameHashUnderTwoScopesKeepsTwoEntriesThatNeverMix() {
        CacheStore store = store();
        store.put(entry("cache-a", "key:key_a", "key_a", "e1", "c1", "q", "for a", "math", List.of("gpt")));
        store.put(entry("cache-b", "key:key_a:x", "key_b", "e1", "c1", "q", "for b", "math", List.of("gpt")));
        store.put(entry("cache-s", "shared", "key_c", "e1", "c1", "q", "for all", "math", List.of("gpt")));

        assertThat(store.get("key:key_a", "e1").orElseThrow().text()).isEqualTo("for a");
        assertThat(store.get("key:key_a:x", "e1").orElseThrow().text()).isEqualTo("for b");
        assertThat(store.get("shared", "e1").orElseThrow().text()).isEqualTo("for all");
        assertThat(store.get("key", "e1")).isEmpty();
        assertThat(store.candidates("key:key_a", "c1")).hasSize(1);
        assertThat(store.purge(new CacheFilter("key_a", null, null))).isEqualTo(1);
        assertThat(store.get("key:key_a", "e1")).isEmpty();
        assertThat(store.get("key:key_a:x", "e1")).isPresent();
        assertThat(store.candidates("key:key_a:x", "c1")).hasSize(1);
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void embeddingsComeBackBitForBit() {
        CacheStore store = store();
        float[] v = {
            Float.MIN_VALUE,
            -0.0f,
            Float.MAX_VALUE,
            -Float.MIN_NORMAL,
            Float.intBitsToFloat(0x7fc00001),
            1f / 3,
            (float) Math.PI,
            -1e-30f
        };
        CachedAnswer e = entry("cache-1", "shared", "e1", "c1", "t");
        store.put(new CachedAnswer(
                e.id(),
                e.scope(),
                e.keyId(),
                e.exact(),
                e.context(),
                e.model(),
                e.query(),
                v.clone(),
                e.text(),
                e.finishReason(),
                e.inputTokens(),
                e.outputTokens(),
                e.costUsd(),
                e.route(),
                e.skills(),
                e.experts(),
                e.aggregator(),
                e.createdAt(),
                e.expiresAt()));

        assertThat(bits(store.get("shared", "e1").orElseThrow().embedding())).containsExactly(bits(v));
        assertThat(bits(store.candidates("shared", "c1").get(0).embedding())).containsExactly(bits(v));
        assertThat(bits(store.candidates("shared", "c1").get(0).embedding()))
                .as("read again")
                .containsExactly(bits(v));
    }

    @Test
    void unicodeTextAndANulCharacterSurvive() {
        CacheStore store = store();
        String text = "Grüße 你好 שלום 👩‍💻 \u0000 after NUL \"quoted\" \\ back\nline";
        String query = "¿cuánto es 2+2? 🤔\u0000";
        CachedAnswer kept = entry("cache-ü", "key:kéy", "k", "e1", "c1", query, text, "mäth", List.of("gpt-ø"));

        store.put(kept);

        CachedAnswer back = store.get("key:kéy", "e1").orElseThrow();
        assertThat(back.text()).isEqualTo(text);
        assertThat(back.query()).isEqualTo(query);
        assertThat(back).usingRecursiveComparison().isEqualTo(kept);
        assertThat(store.candidates("key:kéy", "c1").get(0).query()).isEqualTo(query);
        assertThat(store.byId("cache-ü")).isPresent();
        assertThat(store.list(new CacheFilter(null, "gpt-ø", "mäth"), 10)).hasSize(1);
    }

    @Test
    void aCandidateWithoutASkillKeepsAQueryOfSeparatorsAndDigits() {
        CacheStore store = store();
        String query = "-1:12:34\n5\nnext:line:";
        store.put(entry("cache-1", "shared", "k", "e1", "c1", query, "t", null, List.of()));
        store.put(entry("cache-2", "shared", "k", "e2", "c1", "", "t", "7:x\n", List.of()));

        List<CacheStore.Candidate> candidates = store.candidates("shared", "c1");

        assertThat(candidates).extracting(CacheStore.Candidate::query).containsExactly("", query);
        assertThat(candidates).extracting(CacheStore.Candidate::topSkill).containsExactly("7:x\n", null);
    }

    private static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToRawIntBits(v[i]);
        }
        return out;
    }

    @Test
    void removingAnEntryByIdTakesOnlyThatEntryAndItsCandidate() {
        CacheStore store = store();
        store.put(entry("cache-a", "key:k1", "exact-a", "context-1", "a"));
        store.put(entry("cache-b", "key:k1", "exact-b", "context-1", "b"));

        assertThat(store.remove("cache-a")).isTrue();

        assertThat(store.byId("cache-a")).isEmpty();
        assertThat(store.get("key:k1", "exact-a")).isEmpty();
        assertThat(store.candidates("key:k1", "context-1"))
                .extracting(CacheStore.Candidate::exact)
                .containsExactly("exact-b");
        assertThat(store.byId("cache-b")).isPresent();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void removingAnUnknownRemovedExpiredOrReplacedIdRemovesNothing() {
        CacheStore store = store();
        store.put(entry("cache-a", "key:k1", "exact-a", "context-1", "a"));
        assertThat(store.remove("cache-x")).isFalse();
        assertThat(store.remove("cache-a")).isTrue();
        assertThat(store.remove("cache-a")).isFalse();

        store.put(entry("cache-c", "key:k1", "exact-c", "context-1", "c"));
        store.put(entry("cache-c2", "key:k1", "exact-c", "context-1", "c2"));
        assertThat(store.remove("cache-c")).isFalse();
        assertThat(store.byId("cache-c2")).isPresent();

        clock.advance(TTL.plusMinutes(1));
        assertThat(store.remove("cache-c2")).isFalse();
    }
}
