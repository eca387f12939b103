package io.coerouter.router.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.embed.bge.BgeSmall;
import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenUsage;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.chat.CoeOptions;
import io.coerouter.router.routing.CoeTrace;
import io.coerouter.router.routing.RoutedAnswer;
import io.coerouter.router.testing.ManualClock;
import io.coerouter.skills.embed.Embedder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The response cache's decisions with the real in-process encoder (bge-small) and the in-memory store, including each
 * wrong answer peers' semantic caches have been reported to give.
 */
class ResponseCacheTest {

    private static final Embedder ENCODER = Embedder.cached(BgeSmall.embedder(), 1_000);

    private final ManualClock clock = new ManualClock();
    private final List<ResponseCache> caches = new ArrayList<>();

    @AfterEach
    void close() {
        caches.forEach(ResponseCache::close);
    }

    private ResponseCache cache(CacheConfig config) {
        ResponseCache cache = ResponseCache.of(
                config,
                CacheStore.inMemory(config.maxEntries(), config.maxMemoryBytes(), config.maxCandidates(), clock),
                ENCODER,
                clock,
                new SimpleMeterRegistry());
        caches.add(cache);
        return cache;
    }

    private ResponseCache cache() {
        return cache(CacheConfig.off().on());
    }

    private static CacheConfig withThreshold(double threshold) {
        CacheConfig c = CacheConfig.off().on();
        return new CacheConfig(
                true,
                c.scope(),
                c.store(),
                c.ttl(),
                c.maxEntries(),
                c.maxMemoryBytes(),
                c.maxAnswerChars(),
                c.allowTemperature(),
                c.waitTimeout(),
                c.semantic(),
                threshold,
                c.skillThresholds(),
                c.maxCandidates(),
                c.maxQueryChars(),
                c.guard());
    }

    private static ChatCompletionRequest ask(String question) {
        return conversation(List.of(ChatMessage.user(question)), null, CoeOptions.NONE, Set.of());
    }

    private static ChatCompletionRequest conversation(
            List<ChatMessage> messages, Double temperature, CoeOptions coe, Set<String> experts) {
        ExpertRequest r = ExpertRequest.builder()
                .messages(messages)
                .temperature(temperature)
                .build();
        return new ChatCompletionRequest("coe", r, false, false, coe, experts);
    }

    private static RoutedAnswer answer(String text) {
        return answer(text, FinishReason.STOP);
    }

    private static RoutedAnswer answer(String text, FinishReason finish) {
        CoeTrace trace = new CoeTrace(
                "coe",
                List.of(new CoeTrace.SkillScore("math", 0.9)),
                List.of(CoeTrace.ExpertCall.answered("echo", 1.0, "stop", 3.0, 10, 5, new BigDecimal("0.0025"))),
                null,
                new BigDecimal("0.0025"),
                null,
                null);
        return new RoutedAnswer(text, finish, new TokenUsage(10, 5), trace);
    }

    /** Looks {@code request} up and, on a miss, keeps {@code text} as its answer; returns the lookup. */
    private static CacheLookup answerWith(ResponseCache cache, ChatCompletionRequest request, String text) {
        try (CacheLookup lookup = cache.lookup(request, "key_a", CacheDirective.NONE)) {
            if (!lookup.hit()) {
                lookup.keep(answer(text));
            }
            return lookup;
        }
    }

    private static CacheLookup lookup(ResponseCache cache, ChatCompletionRequest request, String keyId) {
        try (CacheLookup lookup = cache.lookup(request, keyId, CacheDirective.NONE)) {
            return lookup;
        }
    }

    @Test
    void aRepeatedRequestIsAnExactHitThatCostsNothingAndSaysWhatItSaved() {
        ResponseCache cache = cache();
        assertThat(answerWith(cache, ask("What is the boiling point of water at sea level?"), "100 °C")
                        .status())
                .isEqualTo(CacheStatus.MISS);

        CacheLookup again = lookup(cache, ask("What is the boiling point of water at sea level?"), "key_a");

        assertThat(again.status()).isEqualTo(CacheStatus.HIT);
        assertThat(again.kind()).isEqualTo(MatchKind.EXACT);
        assertThat(again.similarity()).isEqualTo(1.0);
        RoutedAnswer served = again.answer(clock.instant());
        assertThat(served.text()).isEqualTo("100 °C");
        assertThat(served.trace().costUsd()).isEqualByComparingTo("0");
        assertThat(served.trace().experts()).isEmpty();
        assertThat(served.trace().cache().savedUsd()).isEqualByComparingTo("0.0025");
        assertThat(served.trace().skills()).extracting(CoeTrace.SkillScore::id).containsExactly("math");
        assertThat(cache.stats().exactHits()).isEqualTo(1);
        assertThat(cache.stats().savedUsd()).isEqualByComparingTo("0.0025");
    }

    @Test
    void aParaphraseMissesTheExactHashButReachesSemanticMatching() {
        // A peer's cache hashed the prompt first and never reached its vector search on a hash miss.
        ResponseCache cache = cache();
        answerWith(cache, ask("What is the capital of France?"), "Paris");

        CacheLookup paraphrase = lookup(cache, ask("What's the capital city of France?"), "key_a");

        assertThat(paraphrase.status()).isEqualTo(CacheStatus.HIT);
        assertThat(paraphrase.kind()).isEqualTo(MatchKind.SEMANTIC);
        assertThat(paraphrase.similarity()).isBetween(cache.config().threshold(), 1.0);
        assertThat(paraphrase.answer(clock.instant()).text()).isEqualTo("Paris");
        assertThat(paraphrase.answer(clock.instant()).trace().cache().kind()).isEqualTo("semantic");
    }

    @Test
    void twoPlusTwoAndTwoPlusThreeNeverShareAnAnswerThoughTheyEmbedAlike() {
        // At a threshold an operator might choose (0.90): the embeddings alone (0.93 here) would match.
        ResponseCache cache = cache(withThreshold(0.90));
        answerWith(cache, ask("what is 2+2"), "4");

        CacheLookup other = lookup(cache, ask("what is 2+3"), "key_a");

        assertThat(other.status()).isEqualTo(CacheStatus.MISS);
        // The embeddings alone would have matched: the guard refused it, and the similarity is reported.
        assertThat(other.similarity()).isGreaterThanOrEqualTo(cache.config().threshold());
    }

    @Test
    void nearMissesThatChangeANameANegationOrAUnitMiss() {
        ResponseCache cache = cache();
        answerWith(cache, ask("What is the capital of France?"), "Paris");
        answerWith(cache, ask("Is it safe to eat raw eggs?"), "Some risk");
        answerWith(cache, ask("Convert 5 km to miles"), "3.1 miles");

        assertThat(lookup(cache, ask("What is the capital of Germany?"), "key_a")
                        .status())
                .isEqualTo(CacheStatus.MISS);
        assertThat(lookup(cache, ask("Is it not safe to eat raw eggs?"), "key_a")
                        .status())
                .isEqualTo(CacheStatus.MISS);
        assertThat(lookup(cache, ask("Convert 5 miles to km"), "key_a").status())
                .isEqualTo(CacheStatus.MISS);
    }

    @Test
    void theClosestQuestionAnswersNeverTheFarthest() {
        // A peer read an inner-product distance as a similarity, so the least similar entry won.
        ResponseCache cache = cache();
        answerWith(cache, ask("How do I bake sourdough bread at home?"), "bread");
        answerWith(cache, ask("What is the capital of France?"), "Paris");
        answerWith(cache, ask("Explain how photosynthesis works in plants"), "photosynthesis");

        CacheLookup near = lookup(cache, ask("What's the capital city of France?"), "key_a");

        assertThat(near.status()).isEqualTo(CacheStatus.HIT);
        assertThat(near.answer(clock.instant()).text()).isEqualTo("Paris");
    }

    @Test
    void unrelatedQuestionsDoNotAllLandOnOneEntry() {
        ResponseCache cache = cache();
        answerWith(cache, ask("What is the capital of France?"), "Paris");

        List<String> unrelated = List.of(
                "How do I reverse a linked list in Java?",
                "What causes the seasons on Earth?",
                "Write a haiku about autumn leaves",
                "What is the derivative of x squared?",
                "Who wrote Pride and Prejudice?",
                "How many bones are in the human body?",
                "Explain the difference between TCP and UDP",
                "What is the population of Tokyo?",
                "hi",
                "?",
                "Tell me about the history of Rome",
                "What is the capital of Spain?");
        for (String question : unrelated) {
            assertThat(lookup(cache, ask(question), "key_a").status())
                    .as(question)
                    .isEqualTo(CacheStatus.MISS);
        }
    }

    @Test
    void theSameLastMessageUnderAnotherConversationIsNotAStaleHit() {
        ResponseCache cache = cache();
        ChatCompletionRequest jokes = conversation(
                List.of(
                        ChatMessage.user("Tell me a joke about cats"),
                        ChatMessage.assistant("Why did the cat sit on the computer?"),
                        ChatMessage.user("Another one, please")),
                null,
                CoeOptions.NONE,
                Set.of());
        answerWith(cache, jokes, "A cat joke");

        ChatCompletionRequest facts = conversation(
                List.of(
                        ChatMessage.user("Tell me a fact about the Moon"),
                        ChatMessage.assistant("The Moon is moving away from Earth."),
                        ChatMessage.user("Another one, please")),
                null,
                CoeOptions.NONE,
                Set.of());

        assertThat(lookup(cache, facts, "key_a").status()).isEqualTo(CacheStatus.MISS);
        assertThat(lookup(cache, ask("Another one, please"), "key_a").status()).isEqualTo(CacheStatus.MISS);
        assertThat(lookup(cache, jokes, "key_a").status()).isEqualTo(CacheStatus.HIT);
    }

    @Test
    void anotherKeyNeverSeesAKeysAnswerUnlessTheScopeIsSharedAndItsExpertsAreTheSame() {
        ResponseCache perKey = cache();
        answerWith(perKey, ask("What is the capital of France?"), "Paris");
        assertThat(lookup(perKey, ask("What is the capital of France?"), "key_b")
                        .status())
                .isEqualTo(CacheStatus.MISS);
        assertThat(lookup(perKey, ask("What is the capital of France?"), null).status())
                .isEqualTo(CacheStatus.MISS);

        CacheConfig sharedConfig = new CacheConfig(
                true,
                CacheScope.SHARED,
                CacheStoreKind.MEMORY,
                Duration.ofHours(1),
                100,
                1L << 20,
                10_000,
                false,
                Duration.ofSeconds(5),
                true,
                0.92,
                Map.of(),
                64,
                1_000,
                true);
        ResponseCache shared = cache(sharedConfig);
        answerWith(shared, ask("What is the capital of France?"), "Paris");
        assertThat(lookup(shared, ask("What is the capital of France?"), "key_b")
                        .status())
                .isEqualTo(CacheStatus.HIT);
        ChatCompletionRequest limited = conversation(
                List.of(ChatMessage.user("What is the capital of France?")), null, CoeOptions.NONE, Set.of("echo"));
        assertThat(lookup(shared, limited, "key_c").status()).isEqualTo(CacheStatus.MISS);
    }

    @Test
    void aSampledRequestIsBypassedUnlessAllowedAndTheClientCanOptOut() {
        ResponseCache cache = cache();
        ChatCompletionRequest sampled =
                conversation(List.of(ChatMessage.user("Write a poem")), 0.8, CoeOptions.NONE, Set.of());
        CacheLookup bypassed = answerWith(cache, sampled, "roses");
        assertThat(bypassed.status()).isEqualTo(CacheStatus.BYPASS);
        assertThat(bypassed.reason()).isEqualTo(BypassReason.TEMPERATURE);
        assertThat(cache.stats().bypasses()).isEqualTo(1);

        CoeOptions noCache = new CoeOptions(null, null, List.of(), false, null, null, null, null, false);
        ChatCompletionRequest optOut =
                conversation(List.of(ChatMessage.user("What is 7 times 6?")), null, noCache, Set.of());
        assertThat(answerWith(cache, optOut, "42").reason()).isEqualTo(BypassReason.REQUESTED);
        assertThat(lookup(cache, ask("What is 7 times 6?"), "key_a").status())
                .as("an opted-out answer is not kept")
                .isEqualTo(CacheStatus.MISS);

        ChatCompletionRequest greedy =
                conversation(List.of(ChatMessage.user("Write a poem")), 0.0, CoeOptions.NONE, Set.of());
        assertThat(answerWith(cache, greedy, "roses").status()).isEqualTo(CacheStatus.MISS);
    }

    @Test
    void noCacheFetchesAfreshAnswerAndKeepsItWhileNoStoreKeepsNothing() {
        ResponseCache cache = cache();
        answerWith(cache, ask("What is the speed of light?"), "old");

        try (CacheLookup fresh = cache.lookup(ask("What is the speed of light?"), "key_a", CacheDirective.NO_CACHE)) {
            assertThat(fresh.reason()).isEqualTo(BypassReason.NO_CACHE);
            fresh.keep(answer("new"));
        }
        assertThat(lookup(cache, ask("What is the speed of light?"), "key_a")
                        .answer(clock.instant())
                        .text())
                .isEqualTo("new");

        try (CacheLookup none = cache.lookup(ask("What is dark matter?"), "key_a", CacheDirective.NO_STORE)) {
            assertThat(none.reason()).isEqualTo(BypassReason.NO_STORE);
            none.keep(answer("unknown"));
        }
        assertThat(lookup(cache, ask("What is dark matter?"), "key_a").status()).isEqualTo(CacheStatus.MISS);
    }

    @Test
    void entriesExpireAfterTheirTtl() {
        ResponseCache cache = cache();
        answerWith(cache, ask("What is the tallest mountain?"), "Everest");
        clock.advance(Duration.ofMinutes(59));
        assertThat(lookup(cache, ask("What is the tallest mountain?"), "key_a").status())
                .isEqualTo(CacheStatus.HIT);
        clock.advance(Duration.ofMinutes(2));
        assertThat(lookup(cache, ask("What is the tallest mountain?"), "key_a").status())
                .isEqualTo(CacheStatus.MISS);
    }

    @Test
    void onlyWholeAnswersAreKept() {
        ResponseCache cache = cache();
        try (CacheLookup filtered = cache.lookup(ask("Tell me something rude"), "key_a", CacheDirective.NONE)) {
            filtered.keep(answer("", FinishReason.CONTENT_FILTER));
        }
        try (CacheLookup empty = cache.lookup(ask("Say nothing"), "key_a", CacheDirective.NONE)) {
            empty.keep(answer("", FinishReason.STOP));
        }
        assertThat(cache.store().orElseThrow().size()).isZero();
    }

    @Test
    void anAnswerMadeWhileAnExpertFailedOrByAFallbackIsNotKept() {
        ResponseCache cache = cache();
        CoeTrace partial = new CoeTrace(
                "coe",
                List.of(new CoeTrace.SkillScore("math", 0.9)),
                List.of(
                        CoeTrace.ExpertCall.answered("echo", 1.0, "stop", 3.0, 10, 5, BigDecimal.ONE),
                        CoeTrace.ExpertCall.failed("gpt", 0.8, "unavailable")),
                "vote",
                BigDecimal.ONE,
                null,
                null);
        try (CacheLookup lookup = cache.lookup(ask("What is 12 squared?"), "key_a", CacheDirective.NONE)) {
            lookup.keep(new RoutedAnswer("144", FinishReason.STOP, new TokenUsage(10, 5), partial));
        }
        ChatCompletionRequest direct = new ChatCompletionRequest(
                "gpt",
                ExpertRequest.builder()
                        .messages(List.of(ChatMessage.user("What is 13 squared?")))
                        .build(),
                false,
                false,
                CoeOptions.NONE,
                Set.of());
        CoeTrace fallback = new CoeTrace(
                "direct",
                List.of(),
                List.of(CoeTrace.ExpertCall.answered("small-fallback", 1.0, "stop", 3.0, 10, 5, BigDecimal.ONE)),
                null,
                BigDecimal.ONE,
                null,
                null);
        try (CacheLookup lookup = cache.lookup(direct, "key_a", CacheDirective.NONE)) {
            lookup.keep(new RoutedAnswer("169", FinishReason.STOP, new TokenUsage(10, 5), fallback));
        }

        assertThat(cache.store().orElseThrow().size()).isZero();
    }

    @Test
    void aLongQuestionOnlyMatchesExactly() {
        ResponseCache cache = cache();
        String context = "Background: " + "the quarterly report lists revenue by region and product. ".repeat(30);
        answerWith(cache, ask(context + "Which region grew most?"), "North");

        assertThat(lookup(cache, ask(context + "Which region shrank most?"), "key_a")
                        .status())
                .isEqualTo(CacheStatus.MISS);
        assertThat(lookup(cache, ask(context + "Which region grew most?"), "key_a")
                        .kind())
                .isEqualTo(MatchKind.EXACT);
    }

    @Test
    void identicalRequestsAtOnceMakeOneAnswerAndTheRestAreServedFromIt() throws Exception {
        ResponseCache cache = cache();
        int callers = 12;
        CountDownLatch leaderIn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<CacheStatus> leader = pool.submit(() -> {
                try (CacheLookup lookup =
                        cache.lookup(ask("What is the speed of sound?"), "key_a", CacheDirective.NONE)) {
                    leaderIn.countDown();
                    release.await();
                    lookup.keep(answer("343 m/s"));
                    return lookup.status();
                }
            });
            leaderIn.await();
            List<Future<CacheLookup>> followers = new ArrayList<>();
            for (int i = 0; i < callers - 1; i++) {
                followers.add(pool.submit(() -> lookup(cache, ask("What is the speed of sound?"), "key_a")));
            }
            while (cache.stats().misses() < 1) {
                Thread.onSpinWait();
            }
            Thread.sleep(100); // let the followers reach the flight
            release.countDown();

            assertThat(leader.get()).isEqualTo(CacheStatus.MISS);
            for (Future<CacheLookup> f : followers) {
                CacheLookup served = f.get();
                assertThat(served.status()).isEqualTo(CacheStatus.HIT);
                assertThat(served.answer(clock.instant()).text()).isEqualTo("343 m/s");
            }
        }
        assertThat(cache.stats().misses()).isEqualTo(1);
    }

    @Test
    void whenTheRequestInFlightFailsTheOnesWaitingAnswerThemselves() throws Exception {
        ResponseCache cache = cache();
        CountDownLatch leaderIn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            pool.submit(() -> {
                try (CacheLookup lookup = cache.lookup(ask("What is entropy?"), "key_a", CacheDirective.NONE)) {
                    leaderIn.countDown();
                    release.await();
                    return null; // failed: closed without an answer
                }
            });
            leaderIn.await();
            Future<CacheLookup> follower = pool.submit(() -> lookup(cache, ask("What is entropy?"), "key_a"));
            Thread.sleep(100);
            release.countDown();
            assertThat(follower.get().status()).isEqualTo(CacheStatus.MISS);
        }
    }
}
