package io.coerouter.expert.djl;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.LocalModels;
import io.coerouter.expert.ModelPool;
import io.coerouter.expert.PoolConfig;
import io.coerouter.expert.TokenListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Iteration-level scheduling on the real demo models: requests join a running batch between decoding steps and leave
 * it when they finish, and each one's greedy output is exactly its output alone.
 */
@EnabledIf(value = "io.coerouter.expert.djl.DemoPack#complete", disabledReason = "the demo expert pack is not complete")
class ContinuousBatchingIT {

    private static final ModelPool POOL = ModelPool.create(PoolConfig.of(256L << 20, 256L << 20));

    @AfterAll
    static void closePool() {
        POOL.close();
    }

    private static ExpertRequest greedy(String question, int maxTokens) {
        return ExpertRequest.builder()
                .addMessage(ChatMessage.user(question))
                .temperature(0.0)
                .maxTokens(maxTokens)
                .build();
    }

    /** What the training script recorded (alone, max 24 tokens), cut to {@code maxTokens} characters (tokens). */
    private static String expected(DemoPack.Golden golden, int maxTokens) {
        return golden.output().substring(0, Math.min(maxTokens, golden.output().length()));
    }

    private static List<DemoPack.Golden> golden(String model, int count) {
        return DemoPack.golden().stream()
                .filter(g -> g.model().equals(model))
                .limit(count)
                .toList();
    }

    @Test
    void requestsJoiningARunningBatchAtDifferentStepsAndLeavingAtDifferentStepsGetTheirAloneOutputs() throws Exception {
        for (String model : List.of("generalist", "arithmetic-expert")) {
            Expert expert = DemoPack.expert(model, POOL);
            List<DemoPack.Golden> golden = new ArrayList<>(golden(model, 5));
            golden.addAll(golden(model, 5)); // each question twice, with other limits
            GenerationProfile.enable();
            GenerationProfile.Snapshot before = GenerationProfile.snapshot();
            List<CompletableFuture<ExpertResponse>> answers = new ArrayList<>();
            List<Integer> limits = new ArrayList<>();
            CountDownLatch previousStarted = new CountDownLatch(0);
            for (int i = 0; i < golden.size(); i++) {
                // Limits from 3 to 24 tokens: rows leave at different steps, some by length, some at their stop.
                int limit = i % 3 == 0 ? 24 : 3 + i;
                limits.add(limit);
                ExpertRequest request = greedy(golden.get(i).question(), limit);
                CountDownLatch started = new CountDownLatch(1);
                // Each request is sent once the one before has streamed text (or ended), so it joins a batch already
                // decoding.
                previousStarted.await();
                answers.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return expert.chat(request, token -> started.countDown());
                            } finally {
                                started.countDown();
                            }
                        },
                        command -> Thread.ofVirtual().start(command)));
                previousStarted = started;
            }
            for (int i = 0; i < golden.size(); i++) {
                assertThat(answers.get(i).get().text())
                        .as("%s, request %d (max %d tokens)", model, i, limits.get(i))
                        .isEqualTo(expected(golden.get(i), limits.get(i)));
            }
            GenerationProfile.Snapshot after = GenerationProfile.snapshot();
            long steps = after.decodeSteps() - before.decodeSteps();
            long rowSteps = after.decodeRows() - before.decodeRows();
            assertThat(after.prefills() - before.prefills())
                    .as("each request prefilled when it joined")
                    .isGreaterThan(1);
            assertThat(rowSteps).as("requests shared decoding steps").isGreaterThan(steps);
        }
    }

    @Test
    void groupsJoiningTogetherAndAloneRequestsMixedGiveTheStaticBatchOutputs() throws Exception {
        String model = "strings-expert";
        Expert expert = DemoPack.expert(model, POOL);
        List<DemoPack.Golden> golden = new ArrayList<>(golden(model, 5));
        golden.addAll(golden(model, 4)); // 9 requests, some twice
        List<CompletableFuture<List<ExpertOutcome>>> groups = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            List<ExpertRequest> group = golden.subList(g * 3, g * 3 + 3).stream()
                    .map(x -> greedy(x.question(), 24))
                    .toList();
            groups.add(CompletableFuture.supplyAsync(
                    () -> expert.chatBatch(group, Collections.nCopies(group.size(), TokenListener.NONE)),
                    command -> Thread.ofVirtual().start(command)));
        }
        for (int g = 0; g < 3; g++) {
            List<ExpertOutcome> outcomes = groups.get(g).get();
            for (int i = 0; i < 3; i++) {
                assertThat(outcomes.get(i).orThrow().text())
                        .as("group %d row %d", g, i)
                        .isEqualTo(golden.get(g * 3 + i).output());
            }
        }
    }

    @Test
    void aSlowStreamingListenerDelaysOnlyItsOwnRequest() throws Exception {
        String model = "capitals-expert";
        Expert expert = DemoPack.expert(model, POOL);
        List<DemoPack.Golden> golden = golden(model, 2);
        CountDownLatch firstToken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StringBuilder streamed = new StringBuilder();
        CompletableFuture<ExpertResponse> slow = CompletableFuture.supplyAsync(
                () -> expert.chat(greedy(golden.get(0).question(), 24), token -> {
                    streamed.append(token);
                    firstToken.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }),
                command -> Thread.ofVirtual().start(command));
        firstToken.await();

        ExpertResponse other = expert.chat(greedy(golden.get(1).question(), 24));

        assertThat(other.text()).isEqualTo(golden.get(1).output());
        assertThat(slow).isNotDone();
        release.countDown();
        assertThat(slow.get().text()).isEqualTo(golden.get(0).output());
        assertThat(streamed.toString()).isEqualTo(golden.get(0).output());
    }

    @Test
    void anInterruptedCallerIsCancelledAndItsRowLeavesWithoutDisturbingTheOthers() throws Exception {
        String model = "units-expert";
        Expert expert = DemoPack.expert(model, POOL);
        List<DemoPack.Golden> golden = golden(model, 2);
        CountDownLatch streaming = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                expert.chat(greedy(golden.get(0).question(), 24), token -> {
                    streaming.countDown();
                    try {
                        new CountDownLatch(1).await(); // waits until interrupted
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw ExpertException.of(model, ExpertErrorKind.CANCELLED, "interrupted", e);
                    }
                });
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        streaming.await();

        caller.interrupt();
        caller.join();
        ExpertResponse other = expert.chat(greedy(golden.get(1).question(), 24));

        assertThat(failure.get()).isInstanceOfSatisfying(ExpertException.class, e -> assertThat(e.kind())
                .isEqualTo(ExpertErrorKind.CANCELLED));
        assertThat(other.text()).isEqualTo(golden.get(1).output());
    }

    @Test
    void aRunningBatchNeverHoldsMoreRowsThanTheConfiguredMaximum() throws Exception {
        try (ModelPool pool = ModelPool.create(PoolConfig.of(256L << 20, 0))) {
            Expert expert = DemoPack.expert(
                    "generalist",
                    ExpertContext.defaults()
                            .withLocalModels(new LocalModels(pool, Path.of("target", "coe-cache"), "cpu", 2)));
            List<DemoPack.Golden> golden = new ArrayList<>(golden("generalist", 5));
            golden.addAll(golden("generalist", 3));
            GenerationProfile.enable();
            GenerationProfile.Snapshot before = GenerationProfile.snapshot();

            List<ExpertOutcome> outcomes = expert.chatBatch(
                    golden.stream().map(g -> greedy(g.question(), 24)).toList(),
                    Collections.nCopies(golden.size(), TokenListener.NONE));

            for (int i = 0; i < golden.size(); i++) {
                assertThat(outcomes.get(i).orThrow().text())
                        .isEqualTo(golden.get(i).output());
            }
            GenerationProfile.Snapshot after = GenerationProfile.snapshot();
            LocalModels local = new LocalModels(pool, Path.of("target", "coe-cache"), "cpu", 2);
            try (ModelPool.Lease<CausalLm> lease =
                    pool.acquire(new DjlModelSource("generalist", "classpath:coe-demo-experts/generalist", local))) {
                assertThat(lease.model().batcher().peakRows()).isEqualTo(2);
            }
            assertThat(after.prefills() - before.prefills())
                    .as("waiting rows joined as others left")
                    .isGreaterThan(1);
        }
    }

    @Test
    void anIdleModelCanBeEvictedAsSoonAsItsLastCallReturns() {
        try (ModelPool pool = ModelPool.create(PoolConfig.of(256L << 20, 0))) {
            Expert expert = DemoPack.expert("calendar-expert", pool);
            DemoPack.Golden golden = golden("calendar-expert", 1).getFirst();
            for (int i = 0; i < 3; i++) {
                assertThat(expert.chat(greedy(golden.question(), 24)).text()).isEqualTo(golden.output());

                assertThat(pool.evict("calendar-expert"))
                        .as("the running batch let go of the model before the answer came")
                        .isTrue();
            }
        }
    }
}
